import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseChangesCsv, parseRolieFeed } from "../../jobs/csaf-feed-poll";

/**
 * What `assure csaf import` reads: files, folders (every *.json), or a CSAF provider's publication —
 * provider-metadata.json, a ROLIE feed, a directory index (index.txt) or changes.csv — by URL or on disk.
 * Sources expand to a list of documents (a location and a way to read its bytes); nothing is imported here.
 */

export interface DocumentRef {
  /** A file path or URL: the key of the resume state. */
  location: string;
  read(): Promise<Uint8Array>;
}

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export class SourceError extends Error {}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

function resolve(base: string, relative: string): string {
  if (isUrl(relative)) return relative;
  if (isUrl(base)) return new URL(relative, base.endsWith("/") ? base : `${base}/`).toString();
  return path.resolve(base, relative);
}

export function parseIndexTxt(base: string, text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => resolve(base, line));
}

export function createSourceReader(fetchFn: FetchLike, timeoutMs = 30_000) {
  async function readBytes(location: string): Promise<Uint8Array> {
    if (!isUrl(location)) return new Uint8Array(await readFile(location));
    const response = await fetchFn(location, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new SourceError(`GET ${location} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  const doc = (location: string): DocumentRef => ({ location, read: () => readBytes(location) });
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  /** A directory of a provider: its changes.csv (newest changes, the CSAF requirement), else index.txt. */
  async function fromDirectory(directoryUrl: string): Promise<DocumentRef[]> {
    try {
      const csv = decode(await readBytes(resolve(directoryUrl, "changes.csv")));
      const listed = parseChangesCsv(directoryUrl, csv, directoryUrl);
      // changes.csv is newest first; import oldest first so a later revision supersedes an earlier one.
      return listed.reverse().map((d) => doc(d.documentUrl));
    } catch {
      return parseIndexTxt(directoryUrl, decode(await readBytes(resolve(directoryUrl, "index.txt")))).map(
        doc,
      );
    }
  }

  async function fromJson(location: string, bytes: Uint8Array): Promise<DocumentRef[]> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decode(bytes));
    } catch {
      // Not JSON: the importer reports it (test "input").
      return [{ location, read: async () => bytes }];
    }
    const value = parsed as Record<string, unknown> | null;
    if (value && typeof value === "object" && "canonical_url" in value && "distributions" in value) {
      const distributions =
        (value.distributions as { directory_url?: string; rolie?: { feeds?: { url: string }[] } }[]) ?? [];
      const seen = new Map<string, DocumentRef>();
      for (const distribution of distributions) {
        const found = distribution.rolie?.feeds?.length
          ? (await Promise.all(distribution.rolie.feeds.map((feed) => expand(feed.url)))).flat()
          : distribution.directory_url
            ? await fromDirectory(distribution.directory_url)
            : [];
        for (const ref of found) seen.set(ref.location, ref);
      }
      return [...seen.values()];
    }
    if (value && typeof value === "object" && "feed" in value) {
      const entries = parseRolieFeed(value, location).sort((a, b) => a.changedAt.localeCompare(b.changedAt));
      return entries.map((entry) => doc(resolve(path.dirname(location), entry.documentUrl)));
    }
    return [{ location, read: async () => bytes }];
  }

  /** Expands one source (file, folder, URL) to the documents it names. */
  async function expand(source: string): Promise<DocumentRef[]> {
    if (!isUrl(source)) {
      let info: Awaited<ReturnType<typeof stat>>;
      try {
        info = await stat(source);
      } catch {
        throw new SourceError(`${source}: no such file or folder`);
      }
      if (info.isDirectory()) {
        const entries = await readdir(source, { recursive: true, withFileTypes: true });
        return entries
          .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".json"))
          .map((e) => path.join(e.parentPath, e.name))
          .sort()
          .map(doc);
      }
    }
    const name = (isUrl(source) ? new URL(source).pathname : source).split("/").pop() ?? "";
    if (name === "index.txt") return parseIndexTxt(dirOf(source), decode(await readBytes(source))).map(doc);
    if (name === "changes.csv") {
      const base = dirOf(source);
      return parseChangesCsvAny(base, decode(await readBytes(source))).map(doc);
    }
    return fromJson(source, await readBytes(source));
  }

  return { expand, readBytes };
}

function dirOf(source: string): string {
  return isUrl(source) ? new URL(".", source).toString() : path.dirname(source);
}

/** changes.csv on disk or by URL: relative paths resolved against its folder, oldest change first. */
function parseChangesCsvAny(base: string, csv: string): string[] {
  const rows: { location: string; changedAt: string }[] = [];
  for (const raw of csv.split(/\r?\n/)) {
    const match = /^"?([^",]+)"?\s*,\s*"?([^",]+)"?$/.exec(raw.trim());
    if (!match?.[1] || !match[2] || Number.isNaN(Date.parse(match[2]))) continue;
    rows.push({ location: resolve(base, match[1]), changedAt: new Date(match[2]).toISOString() });
  }
  return rows.sort((a, b) => a.changedAt.localeCompare(b.changedAt)).map((r) => r.location);
}
