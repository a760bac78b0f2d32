"use client";

import type { TWebhookSigningStatus } from "@assure/shared";
import { useState, useTransition } from "react";
import { ShownOnceDialog } from "@/components/shown-once-dialog";
import { rotateWebhookSigningKeyAction, type SigningKeyResult } from "./actions";

/**
 * The tenant's webhook signing key: receivers check `x-assure-signature: sha256=<HMAC-SHA-256 of the body>` with
 * it. Each tenant has its own; it is shown once when created, and rotating replaces it at once.
 */
export function WebhookSigning({ status, canEdit }: { status: TWebhookSigningStatus; canEdit: boolean }) {
  const [result, setResult] = useState<SigningKeyResult | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <section className="card max-w-2xl space-y-3" aria-labelledby="signing-heading">
      <h2 id="signing-heading">Webhook signing key</h2>
      <p className="text-sm text-slate-600">
        Webhooks carry <code>x-assure-signature: sha256=…</code>, the HMAC-SHA-256 of the request body with
        this tenant's own key, so your receiver can tell our messages from forged ones.
      </p>
      <p className="text-sm" data-testid="webhook-signing-status">
        {status.configured && status.createdAt ? (
          <>
            <span className="badge bg-emerald-100">signed</span> Key created{" "}
            {new Date(status.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}.
          </>
        ) : (
          <>
            <span className="badge bg-amber-100">unsigned</span> No key yet: webhooks are sent without a
            signature.
          </>
        )}
      </p>
      {canEdit ? (
        <button
          type="button"
          className="btn-secondary"
          disabled={pending}
          onClick={() => {
            if (
              status.configured &&
              !window.confirm("Rotate the key? The current key stops working at once.")
            )
              return;
            startTransition(async () => setResult(await rotateWebhookSigningKeyAction()));
          }}
        >
          {status.configured ? "Rotate signing key" : "Create signing key"}
        </button>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="field-error">
          {result.message}
        </p>
      ) : null}
      <ShownOnceDialog
        secret={result?.ok ? result.secret : null}
        title="Copy the signing key now"
        description="Give it to your webhook receiver. This is the only time it is shown."
        testId="webhook-signing-key"
        onClose={() => setResult(null)}
      />
    </section>
  );
}
