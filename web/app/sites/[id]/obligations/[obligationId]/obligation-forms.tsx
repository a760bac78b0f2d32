"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FormResult } from "@/lib/form-result";
import { siteMutation } from "../../../actions";

function useAction() {
  const [result, setResult] = useState<FormResult | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return {
    result,
    pending,
    run: (fn: () => Promise<FormResult>) =>
      start(async () => {
        const answer = await fn();
        setResult(answer);
        if (answer.ok) router.refresh();
      }),
  };
}

export function EvidenceForm({ path, version, siteId }: { path: string; version: number; siteId: string }) {
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const { result, pending, run } = useAction();
  return (
    <form
      className="mt-4 grid gap-2 md:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          siteMutation({
            method: "POST",
            path: `${path}/evidence`,
            body: { title, ...(url ? { url } : { note: title }) },
            version,
            siteId,
            message: "Evidence attached.",
          }),
        );
      }}
    >
      <input
        className="input"
        aria-label="Evidence title"
        placeholder="Title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <input
        className="input"
        aria-label="Evidence link"
        placeholder="https://…"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Attach evidence
      </button>
      {result ? (
        <p className={result.ok ? "text-sm text-emerald-700" : "field-error"}>
          {result.ok ? result.message : (Object.values(result.fieldErrors)[0] ?? result.message)}
        </p>
      ) : null}
    </form>
  );
}

export function WaiverForm({ path, version, siteId }: { path: string; version: number; siteId: string }) {
  const [justification, setJustification] = useState("");
  const { result, pending, run } = useAction();
  return (
    <form
      className="card space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          siteMutation({
            method: "POST",
            path: `${path}/waiver`,
            body: { justification },
            version,
            siteId,
            message: "Waiver requested; an admin of the asset owner decides.",
          }),
        );
      }}
    >
      <h2>Request a waiver</h2>
      <textarea
        className="input"
        rows={3}
        aria-label="Justification"
        value={justification}
        onChange={(e) => setJustification(e.target.value)}
        placeholder="Why this obligation can be waived (at least 20 characters)"
      />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Request waiver
      </button>
      {result ? (
        <p className={result.ok ? "text-sm text-emerald-700" : "field-error"}>
          {result.ok ? result.message : (Object.values(result.fieldErrors)[0] ?? result.message)}
        </p>
      ) : null}
    </form>
  );
}
