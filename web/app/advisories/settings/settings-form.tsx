"use client";

import type { TAdvisorySettings } from "@assure/shared";
import { useActionState } from "react";
import type { FormResult } from "@/lib/form-result";
import { saveAdvisorySettingsAction } from "./actions";

export function AdvisorySettingsForm({
  settings,
  etag,
  canEdit,
}: {
  settings: TAdvisorySettings;
  /** The ETag the settings were read with: saving sends it as If-Match, so another admin's change is not lost. */
  etag: string;
  canEdit: boolean;
}) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(
    saveAdvisorySettingsAction,
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="card max-w-2xl space-y-4">
      <input type="hidden" name="etag" value={etag} />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="strictCsafImport"
          defaultChecked={settings.strictCsafImport}
          disabled={!canEdit}
        />
        <span>
          <strong>Strict CSAF import.</strong> Reject documents that fail only cosmetic tests (6.1.11, a CWE
          name that differs from the catalogue) instead of importing them with a conformance warning.
        </span>
      </label>
      <div>
        <label className="label" htmlFor="notifyEmails">
          E-mail addresses for advisory notifications
        </label>
        <input
          id="notifyEmails"
          name="notifyEmails"
          className="input"
          defaultValue={settings.notifyEmails.join(", ")}
          disabled={!canEdit}
          aria-invalid={Boolean(errors["/notifyEmails"])}
        />
        {errors["/notifyEmails"] ? <p className="field-error">{errors["/notifyEmails"]}</p> : null}
      </div>
      <div>
        <label className="label" htmlFor="webhookUrl">
          Webhook URL (JSON POST per notification)
        </label>
        <input
          id="webhookUrl"
          name="webhookUrl"
          className="input"
          defaultValue={settings.webhookUrl ?? ""}
          disabled={!canEdit}
          aria-invalid={Boolean(errors["/webhookUrl"])}
          aria-describedby="webhookUrl-help"
        />
        <p id="webhookUrl-help" className="mt-1 text-xs text-slate-600">
          A public https endpoint. Addresses in private, loopback, link-local or other reserved ranges (also
          through a name that resolves to one) are refused, and redirects are not followed.
        </p>
        {errors["/webhookUrl"] ? <p className="field-error">{errors["/webhookUrl"]}</p> : null}
      </div>
      {canEdit ? (
        <button type="submit" className="btn-primary" disabled={pending}>
          Save
        </button>
      ) : (
        <p className="text-sm text-slate-600">Admins change these settings.</p>
      )}
      {state ? (
        <p role="status" className={state.ok ? "text-sm text-emerald-800" : "text-sm text-red-700"}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
