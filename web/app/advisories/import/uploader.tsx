"use client";

import Link from "next/link";
import { useRef, useState } from "react";

type Row = {
  key: string;
  name: string;
  size: number;
  state: "waiting" | "uploading" | "done" | "rejected" | "failed";
  progress: number;
  outcome?: string;
  advisoryId?: string;
  trackingId?: string;
  warnings?: string[];
  errors?: { test?: string; path?: string; message: string }[];
};

/** Sends one file with upload progress (fetch has none), resolving with the status and the parsed answer. */
function send(file: File, strict: boolean, onProgress: (fraction: number) => void) {
  return new Promise<{ status: number; body: unknown }>((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/advisories/import/upload${strict ? "?strict=true" : ""}`);
    xhr.setRequestHeader("content-type", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { detail: xhr.responseText.slice(0, 200) };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: { detail: "the upload was interrupted" } });
    xhr.send(file);
  });
}

/** Drag-and-drop (or pick) one or many CSAF files; each is validated and imported by the API, one after another. */
export function CsafUploader() {
  const [rows, setRows] = useState<Row[]>([]);
  const [strict, setStrict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const update = (index: number, patch: Partial<Row>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const counter = useRef(0);
  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    const isJson = (f: File) => f.name.toLowerCase().endsWith(".json");
    const offset = rows.length;
    // Every dropped file gets a row and a result: one that is not JSON is refused here, not silently left out.
    setRows((current) => [
      ...current,
      ...files.map((f) =>
        isJson(f)
          ? {
              key: String(++counter.current),
              name: f.name,
              size: f.size,
              state: "waiting" as const,
              progress: 0,
            }
          : {
              key: String(++counter.current),
              name: f.name,
              size: f.size,
              state: "rejected" as const,
              progress: 0,
              errors: [{ message: "Not a JSON file: CSAF 2.0 advisories are JSON documents (.json)." }],
            },
      ),
    ]);
    setBusy(true);
    for (const [i, file] of files.entries()) {
      if (!isJson(file)) continue;
      const index = offset + i;
      update(index, { state: "uploading" });
      const { status, body } = await send(file, strict, (progress) => update(index, { progress }));
      const answer = body as {
        outcome?: string;
        advisory?: { id: string; trackingId: string };
        conformanceWarnings?: { test: string; path: string; message: string }[];
        detail?: string;
        errors?: Row["errors"];
      };
      if (status >= 200 && status < 300 && answer.advisory) {
        update(index, {
          state: "done",
          progress: 1,
          outcome: answer.outcome,
          advisoryId: answer.advisory.id,
          trackingId: answer.advisory.trackingId,
          warnings: (answer.conformanceWarnings ?? []).map((w) => `${w.test} ${w.path}: ${w.message}`),
        });
      } else {
        update(index, {
          state: status >= 400 && status < 500 ? "rejected" : "failed",
          progress: 1,
          errors: answer.errors?.length ? answer.errors : [{ message: answer.detail ?? `HTTP ${status}` }],
        });
      }
    }
    setBusy(false);
  };

  const finished = rows.filter((r) => r.state !== "waiting" && r.state !== "uploading").length;
  const refused = rows.filter((r) => r.state === "rejected" || r.state === "failed").length;
  return (
    <div className="space-y-4">
      <section
        aria-label="Drop CSAF files here"
        data-testid="csaf-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void upload([...e.dataTransfer.files]);
        }}
        className={`card flex flex-col items-center gap-3 border-2 border-dashed py-10 text-center ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
      >
        <p className="text-sm text-slate-700">Drop CSAF 2.0 JSON files here, or</p>
        <button type="button" className="btn-primary" onClick={() => input.current?.click()} disabled={busy}>
          Choose files
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          multiple
          className="sr-only"
          aria-label="CSAF files"
          onChange={(e) => {
            void upload([...(e.target.files ?? [])]);
            e.target.value = "";
          }}
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} />
          Strict: also reject documents that only fail cosmetic tests (6.1.11)
        </label>
      </section>
      {rows.length ? (
        <div className="card p-0">
          <div className="px-4 py-3 text-sm" aria-live="polite">
            {finished} of {rows.length} processed
            {refused ? <span className="ml-1 font-medium text-red-800">· {refused} refused</span> : null}
            <progress
              className="ml-3 align-middle"
              max={rows.length}
              value={finished}
              aria-label="Overall progress"
            />
          </div>
          <table className="table" data-testid="upload-results">
            <thead>
              <tr>
                <th>File</th>
                <th>Progress</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <td className="text-sm">
                    {row.name}
                    <div className="text-xs text-slate-500">{(row.size / 1024).toFixed(0)} KB</div>
                  </td>
                  <td>
                    {row.state === "rejected" || row.state === "failed" ? (
                      // A full (green) bar would read as success: a refused file says so in red instead.
                      <span className="text-sm font-medium text-red-800">✗ refused</span>
                    ) : (
                      <progress max={1} value={row.progress} aria-label={`Upload of ${row.name}`} />
                    )}
                  </td>
                  <td className="text-sm">
                    {row.state === "done" ? (
                      <>
                        <span className="badge bg-emerald-100 text-emerald-800">{row.outcome}</span>{" "}
                        <Link href={`/advisories/${row.advisoryId}`}>{row.trackingId}</Link>
                        {row.warnings?.map((w) => (
                          <div key={w} className="text-xs text-amber-800">
                            conformance warning {w}
                          </div>
                        ))}
                      </>
                    ) : row.state === "rejected" || row.state === "failed" ? (
                      <>
                        <span className="badge bg-red-100 text-red-800">{row.state}</span>
                        <ul className="mt-1 text-xs text-red-800">
                          {row.errors?.slice(0, 8).map((e) => (
                            <li key={`${e.test}|${e.path}|${e.message}`}>
                              {e.test ? <strong>{e.test} </strong> : null}
                              {e.path ? <code>{e.path} </code> : null}
                              {e.message}
                            </li>
                          ))}
                          {(row.errors?.length ?? 0) > 8 ? (
                            <li>… {(row.errors?.length ?? 0) - 8} more</li>
                          ) : null}
                        </ul>
                      </>
                    ) : (
                      <span className="text-slate-500">{row.state}…</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
