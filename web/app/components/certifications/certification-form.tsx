"use client";

import {
  CERTIFICATION_SCHEMES,
  CERTIFICATION_STATUSES,
  FOUNDATIONAL_REQUIREMENTS,
  STANDARD_PART_LABELS,
  STANDARD_PARTS,
  ZCertificationInput,
} from "@assure/shared";
import { useMemo, useState, useTransition } from "react";
import { type FormResult, issuesToFieldErrors } from "@/lib/form-result";
import { announceEvidenceAction, completeEvidenceAction } from "../actions";

export interface EvidenceFile {
  evidenceId: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface CertificationValues {
  scheme: string;
  body: string;
  certificateNo: string;
  standardPart: (typeof STANDARD_PARTS)[number];
  slC: number[];
  ml: number;
  issued: string;
  expires: string;
  status: (typeof CERTIFICATION_STATUSES)[number];
  scope: string;
  evidence: EvidenceFile[];
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

function toInput(v: CertificationValues) {
  return {
    scheme: v.scheme,
    body: v.body,
    certificateNo: v.certificateNo,
    standardPart: v.standardPart,
    ...(v.standardPart === "4-1" ? (v.ml ? { ml: v.ml } : {}) : { slC: v.slC }),
    issued: v.issued,
    ...(v.expires ? { expires: v.expires } : {}),
    status: v.status,
    scope: v.scope,
    evidenceIds: v.evidence.map((e) => e.evidenceId),
  };
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Upload one evidence file: announce it (name, type, size, SHA-256), send the bytes where the API says
 * (straight to S3 with a presigned PUT in AWS, through the portal to the API locally), then confirm.
 */
async function uploadEvidence(file: File): Promise<EvidenceFile> {
  const contentType =
    file.type || GUESSED_TYPES[file.name.split(".").pop()?.toLowerCase() ?? ""] || "application/octet-stream";
  const sha256 = await sha256Hex(file);
  const announced = await announceEvidenceAction({
    fileName: file.name,
    contentType,
    size: file.size,
    sha256,
  });
  if (!announced.ok) throw new Error(announced.message);
  const { evidence, upload } = announced.upload;
  if (upload.target === "s3") {
    const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: file });
    if (!put.ok) throw new Error(`The upload failed (${put.status}).`);
    const done = await completeEvidenceAction(evidence.id);
    if (!done.ok) throw new Error(done.message);
  } else {
    const put = await fetch(`/components/certifications/evidence/${evidence.id}`, {
      method: "PUT",
      headers: { "content-type": contentType },
      body: file,
    });
    if (!put.ok) {
      const problem = (await put.json().catch(() => ({}))) as { detail?: string };
      throw new Error(problem.detail ?? `The upload failed (${put.status}).`);
    }
  }
  return { evidenceId: evidence.id, fileName: file.name, size: file.size, sha256 };
}

export function CertificationForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: CertificationValues;
  submitLabel: string;
  onSubmit: (input: unknown) => Promise<FormResult>;
}) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<FormResult | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState("");
  const [pending, startTransition] = useTransition();

  const clientErrors = useMemo(() => {
    const parsed = ZCertificationInput.safeParse(toInput(values));
    if (parsed.success) return {} as Record<string, string>;
    return issuesToFieldErrors(parsed.error.issues);
  }, [values]);
  const errorFor = (pointer: string) =>
    serverErrors[pointer] ??
    (submitted || touched[pointer]
      ? Object.entries(clientErrors).find(([p]) => p === pointer || p.startsWith(`${pointer}/`))?.[1]
      : undefined);
  const set = <K extends keyof CertificationValues>(key: K, value: CertificationValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors({});
  };
  const touch = (pointer: string) => () => setTouched((t) => ({ ...t, [pointer]: true }));

  const field = (
    key: "scheme" | "body" | "certificateNo" | "issued" | "expires",
    label: string,
    type = "text",
  ) => {
    const error = errorFor(`/${key}`);
    return (
      <div>
        <label className="label" htmlFor={`cert-${key}`}>
          {label}
        </label>
        <input
          id={`cert-${key}`}
          type={type}
          className="input"
          list={key === "scheme" ? "scheme-suggestions" : undefined}
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
          onBlur={touch(`/${key}`)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `cert-${key}-error` : undefined}
        />
        {error ? (
          <p id={`cert-${key}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (Object.keys(clientErrors).length > 0) {
          setResult({ ok: false, message: "Some fields need attention.", fieldErrors: {} });
          return;
        }
        startTransition(async () => {
          const answer = await onSubmit(toInput(values));
          setResult(answer);
          if (!answer.ok) setServerErrors(answer.fieldErrors);
        });
      }}
    >
      <datalist id="scheme-suggestions">
        {CERTIFICATION_SCHEMES.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div className="grid gap-4 md:grid-cols-3">
        {field("scheme", "Scheme")}
        {field("body", "Certification body")}
        {field("certificateNo", "Certificate number")}
        <div>
          <label className="label" htmlFor="cert-standardPart">
            Standard part
          </label>
          <select
            id="cert-standardPart"
            className="input"
            value={values.standardPart}
            onChange={(e) => set("standardPart", e.target.value as CertificationValues["standardPart"])}
          >
            {STANDARD_PARTS.map((part) => (
              <option key={part} value={part}>
                {STANDARD_PART_LABELS[part]}
              </option>
            ))}
          </select>
        </div>
        {field("issued", "Issued", "date")}
        {field("expires", "Expires", "date")}
        <div>
          <label className="label" htmlFor="cert-status">
            Status
          </label>
          <select
            id="cert-status"
            className="input"
            value={values.status}
            onChange={(e) => set("status", e.target.value as CertificationValues["status"])}
          >
            {CERTIFICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="md:col-span-2">
          <label className="label" htmlFor="cert-scope">
            Scope
          </label>
          <input
            id="cert-scope"
            className="input"
            value={values.scope}
            placeholder="e.g. NW-PLC 5200 firmware 4.x, embedded device"
            onChange={(e) => set("scope", e.target.value)}
          />
        </div>
      </div>

      {values.standardPart === "4-1" ? (
        <div>
          <label className="label" htmlFor="cert-ml">
            Certified maturity level
          </label>
          <select
            id="cert-ml"
            className="input w-32"
            value={values.ml}
            onChange={(e) => set("ml", Number(e.target.value))}
          >
            <option value={0}>—</option>
            {[1, 2, 3, 4].map((ml) => (
              <option key={ml} value={ml}>
                ML{ml}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <fieldset className="rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold">Certified SL-C</legend>
          <div className="grid grid-cols-7 gap-2">
            {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => (
              <label key={fr.fr} className="text-xs text-slate-600">
                FR{fr.fr} {fr.code}
                <select
                  className="input mt-1"
                  value={values.slC[i]}
                  onChange={(e) =>
                    set(
                      "slC",
                      values.slC.map((l, j) => (j === i ? Number(e.target.value) : l)),
                    )
                  }
                >
                  {[0, 1, 2, 3, 4].map((level) => (
                    <option key={level} value={level}>
                      {level}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Evidence</legend>
        {values.evidence.length === 0 ? (
          <p className="text-sm text-slate-600">
            No documents yet. Upload the certificate (PDF) so customers can check it; it is stored with its
            SHA-256.
          </p>
        ) : (
          <ul className="space-y-1 text-sm" aria-label="Evidence files">
            {values.evidence.map((e) => (
              <li key={e.evidenceId} className="flex items-center gap-2">
                <a href={`/components/certifications/evidence/${e.evidenceId}`}>{e.fileName}</a>
                <span className="text-xs text-slate-500">
                  {Math.ceil(e.size / 1024)} KiB · SHA-256 {e.sha256.slice(0, 16)}…
                </span>
                <button
                  type="button"
                  className="text-xs text-red-700"
                  aria-label={`Remove ${e.fileName}`}
                  onClick={() =>
                    set(
                      "evidence",
                      values.evidence.filter((x) => x.evidenceId !== e.evidenceId),
                    )
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-3">
          <label className="label" htmlFor="evidence-file">
            Upload a document
          </label>
          <input
            id="evidence-file"
            type="file"
            accept=".pdf,.json,.xml,.txt,.csv,.png,.jpg,.jpeg,.zip"
            disabled={uploading}
            aria-describedby="evidence-status"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (!file) return;
              setUploading(true);
              setUploadError("");
              try {
                const uploaded = await uploadEvidence(file);
                setValues((v) => ({ ...v, evidence: [...v.evidence, uploaded] }));
              } catch (error) {
                setUploadError((error as Error).message);
              } finally {
                setUploading(false);
              }
            }}
          />
          <p id="evidence-status" className="mt-1 text-xs text-slate-500" aria-live="polite">
            {uploading ? "Uploading…" : "PDF, JSON, XML, text, CSV, PNG, JPEG or ZIP."}
          </p>
          {uploadError ? (
            <p role="alert" className="field-error">
              {uploadError}
            </p>
          ) : null}
          {errorFor("/evidenceIds") ? <p className="field-error">{errorFor("/evidenceIds")}</p> : null}
        </div>
      </fieldset>

      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "text-sm text-emerald-700" : "field-error"}
        >
          {result.message}
        </p>
      ) : null}
      <button type="submit" className="btn-primary" disabled={pending || uploading}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
