"use client";

import { useState, useTransition } from "react";
import { signMemberOutAction, signOutEverywhereAction } from "./actions";

/** A button that runs a server action and shows its message next to it. */
function ActionButton({
  label,
  ariaLabel,
  className,
  run,
}: {
  label: string;
  ariaLabel?: string;
  className: string;
  run: () => Promise<{ ok: boolean; message: string }>;
}) {
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  return (
    <span className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        disabled={pending}
        onClick={() => startTransition(async () => setMessage((await run()).message))}
      >
        {label}
      </button>
      {message ? (
        <span role="status" className="text-xs text-slate-600">
          {message}
        </span>
      ) : null}
    </span>
  );
}

/** Ends every portal session of the signed-in user, in every organisation, this one included. */
export function SignOutEverywhere() {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        Ends all your sessions on every device, including this one. Use it if a device was lost or shared.
      </p>
      <ActionButton label="Sign out everywhere" className="btn-secondary" run={signOutEverywhereAction} />
    </div>
  );
}

/** An admin's action on a member row: their sessions in this organisation end within a minute. */
export function SignMemberOut({ userId, name }: { userId: string; name: string }) {
  return (
    <ActionButton
      label="Sign out"
      ariaLabel={`Sign ${name} out of this organisation`}
      className="btn-secondary py-1 text-xs"
      run={() => signMemberOutAction(userId)}
    />
  );
}
