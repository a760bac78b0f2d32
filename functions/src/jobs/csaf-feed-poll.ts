import * as z from "zod";
import type { Logger } from "../observability/logger";
import type { JobReport } from "./job-report";

/**
 * Polls CSAF 2.0 trusted providers (section 7 of the standard): reads provider-metadata.json, lists the
 * documents changed since the last run from each distribution (a directory's changes.csv or a ROLIE feed),
 * and hands them to the importer oldest first. The cursor only moves past documents the importer
 * accepted, so a run that stops half-way resumes where it stopped, and re-reading a document is harmless
 * because the importer is idempotent on (document, revision).
 */

const providerMetadataSchema = z.object({
  canonical_url: z.string().url(),
  last_updated: z.string().optional(),
  distributions: z
    .array(
      z.object({
        directory_url: z.string().url().optional(),
        rolie: z
          .object({ feeds: z.array(z.object({ url: z.string().url(), tlp_label: z.string().optional() })) })
          .optional(),
      }),
    )
    .default([]),
});

const rolieFeedSchema = z.object({
  feed: z.object({
    entry: z
      .array(
        z.object({
          id: z.string().optional(),
          updated: z.string(),
          link: z.array(z.object({ rel: z.string().optional(), href: z.string() })).default([]),
          content: z.object({ src: z.string().optional() }).optional(),
        }),
      )
      .default([]),
  }),
});

export interface ChangedDocument {
  providerUrl: string;
  documentUrl: string;
  /** ISO timestamp of the change, as the provider reported it. */
  changedAt: string;
}

export interface CsafImporter {
  /** Fetches, validates and stores one document; idempotent on (tracking id, revision). */
  importDocument(document: ChangedDocument): Promise<"imported" | "unchanged" | "rejected">;
}

export interface PollCursorStore {
  get(providerUrl: string): Promise<string | undefined>;
  set(providerUrl: string, changedAt: string): Promise<void>;
}

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface CsafPollOptions {
  providerMetadataUrls: readonly string[];
  fetch: FetchLike;
  cursors: PollCursorStore;
  /** Undefined until the CSAF import feature is wired; the job then only reports what is pending. */
  importer: CsafImporter | undefined;
  logger: Logger;
  /** Upper bound per run, so a first poll of a big provider spreads over several runs. */
  maxDocumentsPerRun: number;
  requestTimeoutMs?: number;
}

async function getText(options: CsafPollOptions, url: string): Promise<string> {
  const response = await options.fetch(url, {
    signal: AbortSignal.timeout(options.requestTimeoutMs ?? 10_000),
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

function resolveUrl(base: string, path: string): string {
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}

/** changes.csv: `"<path relative to the directory>","<ISO timestamp>"` per line, newest first. */
export function parseChangesCsv(directoryUrl: string, csv: string, providerUrl: string): ChangedDocument[] {
  const documents: ChangedDocument[] = [];
  for (const rawLine of csv.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    const match = /^"?([^",]+)"?\s*,\s*"?([^",]+)"?$/.exec(line);
    if (!match?.[1] || !match[2] || Number.isNaN(Date.parse(match[2]))) continue;
    documents.push({
      providerUrl,
      documentUrl: resolveUrl(directoryUrl, match[1]),
      changedAt: new Date(match[2]).toISOString(),
    });
  }
  return documents;
}

export function parseRolieFeed(feedJson: unknown, providerUrl: string): ChangedDocument[] {
  const feed = rolieFeedSchema.parse(feedJson);
  return feed.feed.entry.flatMap((entry) => {
    const href = entry.link.find((link) => link.rel === "self")?.href ?? entry.content?.src;
    if (!href || Number.isNaN(Date.parse(entry.updated))) return [];
    return [{ providerUrl, documentUrl: href, changedAt: new Date(entry.updated).toISOString() }];
  });
}

async function listChanges(options: CsafPollOptions, providerUrl: string): Promise<ChangedDocument[]> {
  const metadata = providerMetadataSchema.parse(JSON.parse(await getText(options, providerUrl)));
  const documents = new Map<string, ChangedDocument>();
  for (const distribution of metadata.distributions) {
    const found: ChangedDocument[] = [];
    if (distribution.directory_url) {
      const csv = await getText(options, resolveUrl(distribution.directory_url, "changes.csv"));
      found.push(...parseChangesCsv(distribution.directory_url, csv, providerUrl));
    }
    for (const feed of distribution.rolie?.feeds ?? []) {
      found.push(...parseRolieFeed(JSON.parse(await getText(options, feed.url)), providerUrl));
    }
    // A document listed by several distributions is imported once, at its latest change.
    for (const document of found) {
      const known = documents.get(document.documentUrl);
      if (!known || known.changedAt < document.changedAt) documents.set(document.documentUrl, document);
    }
  }
  return [...documents.values()].sort((a, b) => a.changedAt.localeCompare(b.changedAt));
}

export async function runCsafFeedPoll(options: CsafPollOptions): Promise<JobReport> {
  const job = "csaf-feed-poll";
  if (options.providerMetadataUrls.length === 0) {
    return { job, outcome: "skipped", reason: "no CSAF provider is configured", counts: { providers: 0 } };
  }
  const counts = { providers: 0, providersFailed: 0, pending: 0, imported: 0, unchanged: 0, rejected: 0 };
  let budget = options.maxDocumentsPerRun;

  for (const providerUrl of options.providerMetadataUrls) {
    const logger = options.logger.child({ providerUrl });
    try {
      const cursor = await options.cursors.get(providerUrl);
      const changed = (await listChanges(options, providerUrl)).filter(
        (document) => cursor === undefined || document.changedAt > cursor,
      );
      counts.providers += 1;
      counts.pending += changed.length;
      if (!options.importer) {
        logger.info("documents waiting for import", { pending: changed.length, since: cursor ?? null });
        continue;
      }
      for (const document of changed) {
        if (budget <= 0) break;
        budget -= 1;
        const outcome = await options.importer.importDocument(document);
        counts[outcome] += 1;
        counts.pending -= 1;
        if (outcome === "rejected") logger.warn("document rejected", { documentUrl: document.documentUrl });
        // Rejected documents also advance the cursor: a new revision gets a new change line.
        await options.cursors.set(providerUrl, document.changedAt);
      }
    } catch (error) {
      counts.providersFailed += 1;
      logger.error("provider poll failed; its cursor is unchanged", { error });
    }
  }

  if (!options.importer) {
    return {
      job,
      outcome: "skipped",
      reason: "no CSAF importer is wired to this job yet; changed documents were listed, not imported",
      counts,
    };
  }
  const allFailed = counts.providersFailed > 0 && counts.providers === 0;
  return { job, outcome: allFailed ? "failed" : "completed", counts };
}
