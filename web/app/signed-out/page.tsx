import { SignOutNow } from "./sign-out-now";

export const metadata = { title: "Signed out" };

/** Where the portal goes when the API stops accepting the session: it ends the portal session too. */
export default function SignedOut() {
  return (
    <div className="card mx-auto mt-16 max-w-lg">
      <h1>You were signed out</h1>
      <p className="mt-3 text-sm text-slate-600">
        This session is no longer valid: you or an administrator signed it out, or your membership or role in
        this organisation changed. Sign in again to continue with your current rights.
      </p>
      <SignOutNow />
    </div>
  );
}
