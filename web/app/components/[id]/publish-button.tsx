"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
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

export function PublishButton({
  publish,
  disabled,
}: {
  publish: () => Promise<FormResult>;
  disabled: boolean;
}) {
  return (
    <ActionButton
      run={publish}
      label="Publish claim"
      busyLabel="Publishing…"
      disabled={disabled}
      className="btn-primary"
    />
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
