"use client";

import { ZEvidenceLinkInput, ZWaiverRequest } from "@assure/shared";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FormResult } from "@/lib/form-result";
import { announceObligationEvidence, completeObligationEvidence, siteMutation } from "../../../actions";

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

const GUESSED_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  json: "application/json",
  xml: "application/xml",
  txt: "text/plain",
  csv: "text/csv",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  zip: "application/zip",
};
const MAX_BYTES = 25 * 1024 * 1024;

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Uploads a file into the signed-in tenant's evidence store: announce (name, type, size, SHA-256), send the bytes
 * where the API says (straight to S3 with a presigned PUT in AWS, through the portal to the API locally), confirm.
 */
async function uploadEvidenceFile(file: File, uploadPath: (evidenceId: string) => string): Promise<string> {
  const contentType =
    file.type || GUESSED_TYPES[file.name.split(".").pop()?.toLowerCase() ?? ""] || "application/octet-stream";
  const announced = await announceObligationEvidence({
    fileName: file.name,
    contentType,
    size: file.size,
    sha256: await sha256Hex(file),
  });
  if (!announced.ok) throw new Error(announced.message);
  const { evidence, upload } = announced.upload;
  if (upload.target === "s3") {
    const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: file });
    if (!put.ok) throw new Error(`The upload failed (${put.status}).`);
    const done = await completeObligationEvidence(evidence.id);
    if (!done.ok) throw new Error(done.message);
  } else {
    const put = await fetch(uploadPath(evidence.id), {
      method: "PUT",
      headers: { "content-type": contentType },
      body: file,
    });
    if (!put.ok) {
      const problem = (await put.json().catch(() => ({}))) as { detail?: string };
      throw new Error(problem.detail ?? `The upload failed (${put.status}).`);
    }
  }
  return evidence.id;
}

/** Attach evidence: a file (uploaded to the evidence store), a link, or a note; validated inline. */
export function EvidenceForm({
  path,
  version,
  siteId,
  obligationId,
}: {
  path: string;
  version: number;
  siteId: string;
  obligationId: string;
}) {
  const [mode, setMode] = useState<"file" | "link" | "note">("file");
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [uploading, setUploading] = useState(false);
  // A file input keeps its chosen file in the DOM; a new key gives a fresh, empty one after an upload.
  const [fileKey, setFileKey] = useState(0);
  const { result, pending, run } = useAction();
  const fileError = !file
    ? "choose a file"
    : file.size > MAX_BYTES
      ? "files are limited to 25 MiB"
      : file.size === 0
        ? "the file is empty"
        : undefined;
  const parsed = ZEvidenceLinkInput.safeParse(
    mode === "link"
      ? { title, url: url.trim() || undefined }
      : mode === "note"
        ? { title, note }
        : { title: title || file?.name || "file", evidenceId: "0".repeat(26) },
  );
  const errors: Record<string, string> = parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [`/${i.path.join("/")}`, i.message]));
  if (mode === "file" && fileError) errors["/file"] = fileError;
  const serverErrors = result && !result.ok ? result.fieldErrors : {};
  const shown = { ...errors, ...serverErrors };
  const busy = pending || uploading;
  return (
    <form
      noValidate
      aria-label="Attach evidence"
      className="mt-4 space-y-3 rounded-md border border-slate-200 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.keys(errors).length) return;
        run(async () => {
          let evidenceId: string | undefined;
          if (mode === "file" && file) {
            setUploading(true);
            try {
              evidenceId = await uploadEvidenceFile(
                file,
                (id) => `/sites/${siteId}/obligations/${obligationId}/evidence/${id}`,
              );
            } catch (error) {
              return { ok: false, message: (error as Error).message, fieldErrors: {} };
            } finally {
              setUploading(false);
            }
          }
          const answer = await siteMutation({
            method: "POST",
            path: `${path}/evidence`,
            body:
              mode === "file"
                ? { title: title.trim() || file?.name, evidenceId }
                : mode === "link"
                  ? { title, url: url.trim() }
                  : { title, note },
            version,
            siteId,
            message: mode === "file" ? "File uploaded and attached." : "Evidence attached.",
          });
          if (answer.ok) {
            setTitle("");
            setUrl("");
            setNote("");
            setFile(null);
            setFileKey((k) => k + 1);
            setSubmitted(false);
          }
          return answer;
        });
      }}
    >
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="label">Attach evidence</legend>
        {(
          [
            ["file", "Upload a file"],
            ["link", "Link"],
            ["note", "Note"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-1.5">
            <input
              type="radio"
              name="evidence-kind"
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label className="label" htmlFor="evidence-title">
            Title{mode === "file" ? " (the file name if empty)" : ""}
          </label>
          <input
            id="evidence-title"
            className="input"
            value={title}
            aria-invalid={Boolean(submitted && shown["/title"])}
            onChange={(e) => setTitle(e.target.value)}
          />
          {submitted && shown["/title"] ? <p className="field-error">{shown["/title"]}</p> : null}
        </div>
        {mode === "file" ? (
          <div>
            <label className="label" htmlFor="evidence-file">
              File
            </label>
            <input
              key={fileKey}
              id="evidence-file"
              type="file"
              className="block w-full text-sm"
              accept=".pdf,.json,.xml,.txt,.csv,.png,.jpg,.jpeg,.zip"
              aria-describedby="evidence-file-hint"
              aria-invalid={Boolean(submitted && shown["/file"])}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <p id="evidence-file-hint" className="mt-1 text-xs text-slate-500">
              PDF, JSON, XML, text, CSV, PNG, JPEG or ZIP up to 25 MiB; stored with its SHA-256.
            </p>
            {(submitted || file) && shown["/file"] ? <p className="field-error">{shown["/file"]}</p> : null}
          </div>
        ) : mode === "link" ? (
          <div>
            <label className="label" htmlFor="evidence-url">
              Link
            </label>
            <input
              id="evidence-url"
              className="input"
              placeholder="https://…"
              value={url}
              aria-invalid={Boolean((submitted || url) && shown["/url"])}
              onChange={(e) => setUrl(e.target.value)}
            />
            {(submitted || url) && shown["/url"] ? <p className="field-error">{shown["/url"]}</p> : null}
          </div>
        ) : (
          <div>
            <label className="label" htmlFor="evidence-note">
              Note
            </label>
            <textarea
              id="evidence-note"
              className="input"
              rows={2}
              value={note}
              aria-invalid={Boolean(submitted && shown["/url"])}
              onChange={(e) => setNote(e.target.value)}
            />
            {submitted && shown["/url"] ? <p className="field-error">write the note</p> : null}
          </div>
        )}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>
          {uploading ? "Uploading…" : pending ? "Attaching…" : "Attach evidence"}
        </button>
        {result ? (
          <p
            role={result.ok ? "status" : "alert"}
            className={result.ok ? "text-sm text-emerald-700" : "field-error"}
          >
            {result.ok ? result.message : (Object.values(result.fieldErrors)[0] ?? result.message)}
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function WaiverForm({ path, version, siteId }: { path: string; version: number; siteId: string }) {
  const [justification, setJustification] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const { result, pending, run } = useAction();
  const parsed = ZWaiverRequest.safeParse({ justification });
  const error = parsed.success ? undefined : parsed.error.issues[0]?.message;
  return (
    <form
      noValidate
      aria-label="Request a waiver"
      className="card space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (error) return;
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
      <p className="text-sm text-slate-600">
        A waiver accepts the risk instead of meeting the obligation. It needs a justification and the approval
        of an admin of the asset owner.
      </p>
      <label className="label" htmlFor="waiver-justification">
        Justification
      </label>
      <textarea
        id="waiver-justification"
        className="input"
        rows={3}
        value={justification}
        aria-invalid={Boolean(submitted && error)}
        aria-describedby="waiver-count"
        onChange={(e) => setJustification(e.target.value)}
        placeholder="Why this obligation can be waived (at least 20 characters)"
      />
      <p id="waiver-count" className="text-xs text-slate-500">
        {justification.trim().length} / 20 characters at least
      </p>
      {submitted && error ? <p className="field-error">{error}</p> : null}
      <button type="submit" className="btn-secondary" disabled={pending}>
        Request waiver
      </button>
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "text-sm text-emerald-700" : "field-error"}
        >
          {result.ok ? result.message : (Object.values(result.fieldErrors)[0] ?? result.message)}
        </p>
      ) : null}
    </form>
  );
}

/** The asset owner (or a write grantee) sets or clears the due date; overdue shows on the board. */
export function DueForm({
  path,
  version,
  siteId,
  due,
}: {
  path: string;
  version: number;
  siteId: string;
  due: string | undefined;
}) {
  const [value, setValue] = useState(due ?? "");
  const { result, pending, run } = useAction();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label="Due date"
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          siteMutation({
            method: "PATCH",
            path,
            body: { due: value || null },
            version,
            siteId,
            message: value ? `Due ${value}.` : "Due date cleared.",
          }),
        );
      }}
    >
      <div>
        <label className="label" htmlFor="obligation-due">
          Due date
        </label>
        <input
          id="obligation-due"
          type="date"
          className="input w-44"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </div>
      <button type="submit" className="btn-secondary" disabled={pending || value === (due ?? "")}>
        {value ? "Set due date" : "Clear due date"}
      </button>
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "text-sm text-emerald-700" : "field-error"}
        >
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
