"use client";

import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";

const LEAVE_QUESTION = "You have unsaved changes. Leave this page without saving them?";

interface UnsavedChanges {
  /** A form on the page holds edits that are not saved. */
  dirty: boolean;
  setDirty: (dirty: boolean) => void;
}

const UnsavedChangesContext = createContext<UnsavedChanges>({ dirty: false, setDirty: () => undefined });

/**
 * Shares whether a form on the page has unsaved edits, so that actions acting on the saved state (Publish) can
 * refuse until they are saved, and warns before the page is left with them: on reload or close (beforeunload)
 * and on a click on any link of the portal (client-side navigation fires no beforeunload).
 */
export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link || link.getAttribute("target") === "_blank" || link.hasAttribute("download")) return;
      if (!window.confirm(LEAVE_QUESTION)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
  const value = useMemo(() => ({ dirty, setDirty }), [dirty]);
  return <UnsavedChangesContext.Provider value={value}>{children}</UnsavedChangesContext.Provider>;
}

export function useUnsavedChanges(): UnsavedChanges {
  return useContext(UnsavedChangesContext);
}

/** Reports a form's edits to the provider: dirty while `current` differs from what was last saved. */
export function useTrackUnsaved(current: unknown, saved: unknown) {
  const { setDirty } = useUnsavedChanges();
  const dirty = JSON.stringify(current) !== JSON.stringify(saved);
  useEffect(() => {
    setDirty(dirty);
  }, [dirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);
  return dirty;
}
