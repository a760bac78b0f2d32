"use client";

import { Dialog } from "radix-ui";
import type { ReactNode } from "react";

/** A secret (API key, signing key) shown the one time it exists in the clear; closing the dialog forgets it. */
export function ShownOnceDialog({
  secret,
  title,
  description,
  testId,
  onClose,
}: {
  /** The secret to show; the dialog is open while it is set. */
  secret: string | null;
  title: string;
  description: ReactNode;
  testId: string;
  onClose: () => void;
}) {
  return (
    <Dialog.Root open={secret !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 w-[32rem] max-w-[90vw] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">{description}</Dialog.Description>
          <code data-testid={testId} className="mt-4 block break-all rounded bg-slate-100 p-3 text-sm">
            {secret ?? ""}
          </code>
          <Dialog.Close className="btn-primary mt-4">I have copied it</Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
