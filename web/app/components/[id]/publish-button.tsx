"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FormResult } from "@/lib/form-result";

export function PublishButton({
  publish,
  disabled,
}: {
  publish: () => Promise<FormResult>;
  disabled: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<FormResult | null>(null);
  const router = useRouter();
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        className="btn-primary"
        disabled={disabled || pending}
        onClick={() =>
          startTransition(async () => {
            const answer = await publish();
            setResult(answer);
            router.refresh();
          })
        }
      >
        {pending ? "Publishing…" : "Publish claim"}
      </button>
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "text-sm text-emerald-700" : "field-error"}
        >
          {result.message}
        </p>
      ) : null}
    </div>
  );
}
