import { describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger";
import {
  type ChangedDocument,
  type CsafImporter,
  type FetchLike,
  type PollCursorStore,
  parseChangesCsv,
  runCsafFeedPoll,
} from "./csaf-feed-poll";

const logger = createLogger({ service: "test", level: "error", write: () => {} });
const provider = "https://psirt.example.com/.well-known/csaf/provider-metadata.json";

const site: Record<string, unknown> = {
  [provider]: {
    canonical_url: provider,
    distributions: [
      { directory_url: "https://psirt.example.com/.well-known/csaf/white/" },
      { rolie: { feeds: [{ url: "https://psirt.example.com/feed.json", tlp_label: "WHITE" }] } },
    ],
  },
  "https://psirt.example.com/.well-known/csaf/white/changes.csv":
    '"2026/esa-2026-002.json","2026-03-02T10:00:00Z"\n"2026/esa-2026-001.json","2026-03-01T10:00:00Z"\n',
  "https://psirt.example.com/feed.json": {
    feed: {
      entry: [
        {
          updated: "2026-03-03T10:00:00Z",
          link: [
            { rel: "self", href: "https://psirt.example.com/.well-known/csaf/white/2026/esa-2026-003.json" },
          ],
        },
        {
          updated: "2026-03-02T12:00:00Z",
          link: [
            { rel: "self", href: "https://psirt.example.com/.well-known/csaf/white/2026/esa-2026-002.json" },
          ],
        },
      ],
    },
  },
};

const fakeFetch: FetchLike = async (url) => {
  const body = site[url];
  if (body === undefined) return new Response("not found", { status: 404 });
  return new Response(typeof body === "string" ? body : JSON.stringify(body));
};

function memoryCursors(): PollCursorStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
  };
}

function recordingImporter(): CsafImporter & { imported: ChangedDocument[] } {
  const imported: ChangedDocument[] = [];
  return {
    imported,
    importDocument: async (document) => {
      imported.push(document);
      return "imported";
    },
  };
}

describe("CSAF provider feed polling", () => {
  it("parses changes.csv relative to the directory", () => {
    expect(
      parseChangesCsv(
        "https://x.test/csaf/white",
        '"2026/a.json","2026-01-01T00:00:00Z"\nbroken\n',
        provider,
      ),
    ).toEqual([
      {
        providerUrl: provider,
        documentUrl: "https://x.test/csaf/white/2026/a.json",
        changedAt: "2026-01-01T00:00:00.000Z",
      },
    ]);
  });

  it("imports changed documents oldest first, once each, and resumes from the cursor", async () => {
    const cursors = memoryCursors();
    const importer = recordingImporter();
    const options = {
      providerMetadataUrls: [provider],
      fetch: fakeFetch,
      cursors,
      importer,
      logger,
      maxDocumentsPerRun: 2,
    };

    const first = await runCsafFeedPoll(options);
    expect(first).toMatchObject({ outcome: "completed", counts: { imported: 2, pending: 1 } });
    expect(importer.imported.map((document) => document.documentUrl.split("/").pop())).toEqual([
      "esa-2026-001.json",
      "esa-2026-002.json",
    ]);
    expect(importer.imported[1]?.changedAt).toBe("2026-03-02T12:00:00.000Z");

    const second = await runCsafFeedPoll(options);
    expect(second.counts).toMatchObject({ imported: 1, pending: 0 });
    expect(importer.imported.map((document) => document.documentUrl.split("/").pop())).toContain(
      "esa-2026-003.json",
    );
    expect(cursors.values.get(provider)).toBe("2026-03-03T10:00:00.000Z");
  });

  it("lists but does not import, and keeps the cursor, while no importer is wired", async () => {
    const cursors = memoryCursors();
    const report = await runCsafFeedPoll({
      providerMetadataUrls: [provider],
      fetch: fakeFetch,
      cursors,
      importer: undefined,
      logger,
      maxDocumentsPerRun: 10,
    });
    expect(report).toMatchObject({ outcome: "skipped", counts: { pending: 3, imported: 0 } });
    expect(cursors.values.size).toBe(0);
  });

  it("says so when no provider is configured, and fails when every provider fails", async () => {
    const base = {
      fetch: fakeFetch,
      cursors: memoryCursors(),
      importer: recordingImporter(),
      logger,
      maxDocumentsPerRun: 5,
    };
    expect(await runCsafFeedPoll({ ...base, providerMetadataUrls: [] })).toMatchObject({
      outcome: "skipped",
    });
    const failing = await runCsafFeedPoll({
      ...base,
      providerMetadataUrls: ["https://gone.example.com/pm.json"],
    });
    expect(failing).toMatchObject({ outcome: "failed", counts: { providersFailed: 1 } });
  });
});
