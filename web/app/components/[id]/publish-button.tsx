"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useUnsavedChanges } from "@/components/unsaved-changes";
import type { FormResult } from "@/lib/form-result";

function ActionButton({
  run,
  label,
  busyLabel,
  disabled,
  className,
  confirm,
}: {
  run: () => Promise<FormResult>;
  label: string;
  busyLabel: string;
  disabled?: boolean;
  className: string;
  confirm?: string;
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<FormResult | null>(null);
  const router = useRouter();
  return (
    <div className="flex max-w-md flex-col items-end gap-1">
      <button
        type="button"
        className={className}
        disabled={disabled || pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          startTransition(async () => {
            const answer = await run();
            setResult(answer);
            router.refresh();
          });
        }}
      >
        {pending ? busyLabel : label}
      </button>
      {result ? (
        <div
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "text-sm text-emerald-700" : "field-error"}
        >
          <p>{result.message}</p>
          {!result.ok && Object.keys(result.fieldErrors).length > 0 ? (
            <ul className="list-disc pl-5">
              {Object.entries(result.fieldErrors).map(([path, message]) => (
                <li key={path}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Publishes the saved draft; while the editor below holds unsaved edits it says to save them first. */
export function PublishButton({
  publish,
  disabled,
}: {
  publish: () => Promise<FormResult>;
  disabled: boolean;
}) {
  const { dirty } = useUnsavedChanges();
  return (
    <div className="flex flex-col items-end gap-1">
      <ActionButton
        run={publish}
        label="Publish claim"
        busyLabel="Publishing…"
        disabled={disabled || dirty}
        className="btn-primary"
      />
      {dirty ? (
        <p className="max-w-xs text-right text-sm text-amber-800" data-testid="publish-save-first">
          Save your changes first: Publish releases the saved draft.
        </p>
      ) : null}
    </div>
  );
}

/** Where the draft stands: unsaved edits in the editor, saved but unpublished, or the same as published. */
export function DraftState({ unpublished, published }: { unpublished: boolean; published: boolean }) {
  const { dirty } = useUnsavedChanges();
  if (dirty) return <span className="text-sm text-amber-800">Draft · unsaved changes</span>;
  if (!published) return <span className="text-sm text-slate-500">Draft · not published yet</span>;
  return (
    <span className="text-sm text-slate-500">
      {unpublished ? "Draft · saved, not published" : "Draft · same as published"}
    </span>
  );
}

export function WithdrawButton({ withdraw }: { withdraw: () => Promise<FormResult> }) {
  return (
    <ActionButton
      run={withdraw}
      label="Withdraw"
      busyLabel="Withdrawing…"
      className="btn-danger"
      confirm="Withdraw this component? It leaves the catalog and its claims stop counting in evaluations."
    />
  );
}
