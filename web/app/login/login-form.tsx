"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** Sign-in errors the portal names itself (others are next-auth's codes, shown as a generic failure). */
const ERROR_MESSAGES: Record<string, string> = {
  EmailNotVerified:
    "Your identity provider has not verified your e-mail address, so it cannot be used to sign in. Verify the address there, then sign in again.",
};

export function LoginForm({
  mode,
  providerName,
  initialError,
}: {
  mode: "credentials" | "oidc";
  providerName: string;
  initialError?: string | undefined;
}) {
  const [error, setError] = useState(
    initialError ? (ERROR_MESSAGES[initialError] ?? "Sign-in failed. Try again.") : "",
  );
  const [pending, setPending] = useState(false);

  if (mode === "oidc") {
    return (
      <div className="space-y-3">
        <button
          type="button"
          className="btn-primary w-full"
          onClick={() => void signIn("oidc", { callbackUrl: "/" })}
        >
          Sign in with {providerName}
        </button>
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setPending(true);
        setError("");
        const result = await signIn("credentials", {
          email: String(form.get("email") ?? ""),
          password: String(form.get("password") ?? ""),
          redirect: false,
        });
        setPending(false);
        if (result?.ok && !result.error) window.location.assign("/");
        // next-auth reports a wrong password as CredentialsSignin; anything else is the API's own words
        // (e.g. too many failed sign-ins, and when to try again).
        else if (result?.error && result.error !== "CredentialsSignin") setError(result.error);
        else setError("The e-mail or password is wrong.");
      }}
    >
      <div>
        <label htmlFor="email" className="label">
          E-mail
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="input" />
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="input"
        />
      </div>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
