import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type TAdvisoryImportResult, ZAdvisoryImportResult } from "@assure/shared";
import { z } from "zod";
import { AdvisoryOwnedElsewhere, ProviderPathTaken } from "../../repos/advisories";
import {
  type AdvisoryImporter,
  CsafRejected,
  type ImportAdvisoryDeps,
  ImportNotAllowed,
  importAdvisory,
  RevisionConflict,
} from "../../usecases/import-advisory";
import type { DocumentRef } from "./sources";

/**
 * Bulk import: documents go to a target (the API with a key, or the import use case directly against the local
 * stack), a few at a time. A state file remembers every document that was stored or rejected, keyed by its
 * location and SHA-256, so an interrupted run resumes where it stopped; the server side is idempotent anyway
 * (same tracking id and revision: unchanged).
 */

export const IMPORT_RESULTS = [
  "created",
  "updated",
  "unchanged",
  "older",
  "rejected",
  "failed",
  "skipped",
] as const;
export type TImportResultKind = (typeof IMPORT_RESULTS)[number];

export interface ImportItemResult {
  location: string;
  outcome: TImportResultKind;
  trackingId?: string | undefined;
  revision?: string | undefined;
  /** Catalog components the stored revision matched. */
  matchedComponents?: number | undefined;
  warnings?: string[] | undefined;
  errors?: { test?: string | undefined; path?: string | undefined; message: string }[] | undefined;
}

/** Where documents go. `rejected` is a verdict about the document; `failed` a transport problem (retried next run). */
export type ImportTarget = (bytes: Uint8Array, location: string) => Promise<ImportItemResult>;

const ZState = z.object({
  version: z.literal(1),
  done: z.record(z.string(), z.object({ sha256: z.string(), outcome: z.string() })),
});
type TState = z.infer<typeof ZState>;

export class ImportState {
  private state: TState;
  private dirty = 0;
  constructor(private readonly file: string | undefined) {
    this.state = { version: 1, done: {} };
    if (!file) return;
    try {
      this.state = ZState.parse(JSON.parse(readFileSync(file, "utf8")));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        throw new Error(`cannot read the import state ${file}: ${(error as Error).message}`);
      }
    }
  }
  isDone(location: string, sha256: string) {
    return this.state.done[location]?.sha256 === sha256;
  }
  record(location: string, sha256: string, outcome: TImportResultKind) {
    this.state.done[location] = { sha256, outcome };
    if (++this.dirty >= 25) this.save();
  }
  save() {
    if (!this.file || this.dirty === 0) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.part`, JSON.stringify(this.state));
    renameSync(`${this.file}.part`, this.file);
    this.dirty = 0;
  }
}

export interface RunImportOptions {
  documents: DocumentRef[];
  target: ImportTarget;
  state: ImportState;
  concurrency: number;
  onProgress?: (done: number, total: number, last: ImportItemResult) => void;
  /** Stop early (Ctrl-C): finished documents are kept in the state. */
  signal?: AbortSignal;
}

export async function runImport(options: RunImportOptions): Promise<ImportItemResult[]> {
  const results: ImportItemResult[] = [];
  let next = 0;
  let done = 0;
  const total = options.documents.length;
  const worker = async () => {
    while (next < total && !options.signal?.aborted) {
      const ref = options.documents[next++]!;
      let result: ImportItemResult;
      try {
        const bytes = await ref.read();
        const sha256 = createHash("sha256").update(bytes).digest("hex");
        if (options.state.isDone(ref.location, sha256)) {
          result = { location: ref.location, outcome: "skipped" };
        } else {
          result = await options.target(bytes, ref.location);
          if (result.outcome !== "failed") options.state.record(ref.location, sha256, result.outcome);
        }
      } catch (error) {
        result = {
          location: ref.location,
          outcome: "failed",
          errors: [{ message: (error as Error).message }],
        };
      }
      results.push(result);
      done += 1;
      options.onProgress?.(done, total, result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, total)) }, worker));
  } finally {
    options.state.save();
  }
  return results;
}

const ZProblem = z.object({
  detail: z.string().optional(),
  errors: z
    .array(z.object({ test: z.string().optional(), path: z.string().optional(), message: z.string() }))
    .optional(),
});

const fromResult = (location: string, r: TAdvisoryImportResult): ImportItemResult => ({
  location,
  outcome: r.outcome,
  trackingId: r.advisory.trackingId,
  revision: r.advisory.revision,
  matchedComponents: r.advisory.matchedComponents,
  warnings: r.conformanceWarnings.map((w) => `${w.test} ${w.path}: ${w.message}`),
});

/** The API as the target: POST /v1/advisories with the API key (or a token) as bearer. */
export function apiTarget(input: {
  apiUrl: string;
  token: string;
  strict: boolean;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
}): ImportTarget {
  const url = `${input.apiUrl.replace(/\/+$/, "")}/v1/advisories${input.strict ? "?strict=true" : ""}`;
  return async (bytes, location) => {
    const response = await input.fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${input.token}`, "content-type": "application/json" },
      body: new Uint8Array(bytes),
    });
    const body: unknown = await response.json().catch(() => ({}));
    if (response.ok) return fromResult(location, ZAdvisoryImportResult.parse(body));
    const problem = ZProblem.safeParse(body);
    const errors = problem.success
      ? (problem.data.errors ?? [{ message: problem.data.detail ?? `HTTP ${response.status}` }])
      : [{ message: `HTTP ${response.status}` }];
    // 4xx other than 401/429: the document (or the permission to import it) is the problem, not the transport.
    const verdict =
      response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 429;
    return { location, outcome: verdict ? "rejected" : "failed", errors };
  };
}

export { fromResult as importResultItem };

/** The import use case as the target (local bulk loads, the feed poller): same validation and storage as the API. */
export function useCaseTarget(
  deps: ImportAdvisoryDeps,
  input: { importer: AdvisoryImporter; strict: boolean },
): ImportTarget {
  return async (bytes, location) => {
    try {
      return fromResult(
        location,
        await importAdvisory(deps, { importer: input.importer, bytes, strict: input.strict }),
      );
    } catch (error) {
      if (error instanceof CsafRejected) return { location, outcome: "rejected", errors: error.failures };
      if (
        error instanceof ImportNotAllowed ||
        error instanceof RevisionConflict ||
        error instanceof AdvisoryOwnedElsewhere ||
        error instanceof ProviderPathTaken
      ) {
        return { location, outcome: "rejected", errors: [{ message: error.message }] };
      }
      throw error;
    }
  };
}
