"use client";

import { useState, useTransition } from "react";
import { setVerificationAction } from "./actions";

export function VerifyForm({ tenantId, verified }: { tenantId: string; verified: boolean }) {
  const [method, setMethod] = useState("");
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  const act = (verify: boolean) =>
    startTransition(async () => {
      const answer = await setVerificationAction(
        tenantId,
        verify,
        verify ? method : "Verification withdrawn by operator",
      );
      setMessage(answer.message);
    });
  if (verified) {
    return (
      <button type="button" className="btn-danger py-1" disabled={pending} onClick={() => act(false)}>
        Remove verification
      </button>
    );
  }
  return (
    <div className="flex items-center gap-2">
      <input
        aria-label="How the identity was checked"
        className="input py-1"
        placeholder="How you checked (e.g. DNS TXT on domain)"
        value={method}
        onChange={(e) => setMethod(e.target.value)}
      />
      <button
        type="button"
        className="btn-primary py-1"
        disabled={pending || method.trim().length < 3}
        onClick={() => act(true)}
      >
        Verify
      </button>
      {message ? (
        <span role="status" className="text-xs text-slate-600">
          {message}
        </span>
      ) : null}
    </div>
  );
}
