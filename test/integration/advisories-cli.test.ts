import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFeedImporter } from "../../functions/src/csaf/import/feed-importer";
import { catalogCandidates } from "../../functions/src/csaf/import/match-candidates";
import type { Db } from "../../functions/src/db/client";
import { runCsafFeedPoll } from "../../functions/src/jobs/csaf-feed-poll";
import { dynamoCursorStore } from "../../functions/src/jobs/job-cursors";
import { repoRoot, writeJsonFile } from "../../functions/src/local/paths";
import { createLogger } from "../../functions/src/observability/logger";
import { advisoryIdOf, findAdvisoryById, listAdvisoryMatches } from "../../functions/src/repos/advisories";
import { createApiKey } from "../../functions/src/repos/api-keys";
import { createTenant, setSupplierVerification } from "../../functions/src/repos/tenants";
import { DEFAULT_EVIDENCE_LIMITS } from "../../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../../functions/src/storage/local-evidence-store";
import { importAdvisory } from "../../functions/src/usecases/import-advisory";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { buildCsaf } from "../builders/csaf";
import { createTestApp, type TestActor, type TestApp } from "../support/app";
import { createTestDb } from "../support/db";

/**
 * `assure csaf import` as a user runs it: a child process reading a provider's publication over HTTP and posting
 * to a real API server with an API key, and `--local` loading real CISA advisories into a local stack.
 */

let t: TestApp;
let supplier: TestActor;
let apiKey: string;
let apiServer: ReturnType<typeof serve>;
let apiUrl: string;
let files: Server;
let filesUrl: string;
const work = mkdtempSync(path.join(os.tmpdir(), "assure-csaf-cli-"));
const site = path.join(work, "site");

function assure(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"),
        path.join(repoRoot, "functions/src/cli/main.ts"),
        ...args,
      ],
      { cwd: work, env: { ...process.env, ASSURE_DATA_DIR: path.join(work, "data"), ...env } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function put(relative: string, content: string) {
  const file = path.join(site, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

beforeAll(async () => {
  t = await createTestApp();
  supplier = await t.actor(["supplier"], "editor", "Acme Controls");
  // Acme publishes its own provider: the operator verified that namespace for it.
  await setSupplierVerification(t.db, {
    tenantId: supplier.tenant.id,
    verified: true,
    method: "DNS TXT on acme.example",
    namespaces: ["https://acme.example"],
    actor: "test",
    now: new Date(),
  });
  apiKey = (
    await createApiKey(t.db, {
      tenantId: supplier.tenant.id,
      name: "psirt bulk",
      scopes: ["advisories:write"],
      role: "editor",
      actor: "test",
      now: new Date(),
    })
  ).secret;
  await new Promise<void>((resolve) => {
    apiServer = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      apiUrl = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  files = createServer((req, res) => {
    const file = path.join(site, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(site) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;

  // A provider's publication: provider-metadata.json → directory with changes.csv, two documents (one in two revisions).
  const doc1 = buildCsaf({ trackingId: "ACME-SA-2026-101", namespace: "https://acme.example" });
  const doc1v2 = buildCsaf({
    trackingId: "ACME-SA-2026-101",
    namespace: "https://acme.example",
    revision: 2,
    fixed: "2.4.3",
  });
  const doc2 = buildCsaf({
    trackingId: "ACME-SA-2026-102",
    namespace: "https://acme.example",
    product: "AC-HMI 7",
  });
  put("white/2026/acme-sa-2026-101.json", JSON.stringify(doc1));
  put("white/2026/acme-sa-2026-102.json", JSON.stringify(doc2));
  put(
    "white/changes.csv",
    '"2026/acme-sa-2026-102.json","2026-02-01T00:00:00Z"\n"2026/acme-sa-2026-101.json","2026-01-15T00:00:00Z"\n',
  );
  put("white/index.txt", "2026/acme-sa-2026-101.json\n2026/acme-sa-2026-102.json\n");
  put(
    "provider-metadata.json",
    JSON.stringify({
      canonical_url: `${filesUrl}/provider-metadata.json`,
      distributions: [{ directory_url: `${filesUrl}/white/` }],
      last_updated: "2026-02-01T00:00:00Z",
      list_on_CSAF_aggregators: true,
      metadata_version: "2.0",
      mirror_on_CSAF_aggregators: true,
      publisher: { category: "vendor", name: "Acme", namespace: "https://acme.example" },
      role: "csaf_provider",
    }),
  );
  put("later/acme-sa-2026-101-r2.json", JSON.stringify(doc1v2));
});

afterAll(async () => {
  apiServer?.close();
  files?.close();
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({ ASSURE_API_URL: apiUrl, ASSURE_API_KEY: apiKey });

describe("assure csaf import through the API", () => {
  it("follows provider-metadata.json to the directory's changes.csv and imports every document", async () => {
    const run = await assure(["csaf", "import", `${filesUrl}/provider-metadata.json`, "--json"], env());
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.counts).toMatchObject({ created: 2, rejected: 0, failed: 0 });
    // Oldest change first.
    expect(report.results.map((r: { trackingId: string }) => r.trackingId).sort()).toEqual([
      "ACME-SA-2026-101",
      "ACME-SA-2026-102",
    ]);
  });

  it("resumes: a second run skips what the state file records; without it the server says unchanged", async () => {
    const again = await assure(["csaf", "import", `${filesUrl}/white/index.txt`], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 created, 0 updated, 0 unchanged, 0 older, 2 skipped (done before)");
    const fresh = await assure(
      ["csaf", "import", `${filesUrl}/white/changes.csv`, "--state", "other-state.json"],
      env(),
    );
    expect(fresh.stdout).toContain("0 created, 0 updated, 2 unchanged");
  });

  it("supersedes with a newer revision, and rejects invalid documents with their failed tests (exit 2)", async () => {
    const invalid = buildCsaf({ trackingId: "ACME-SA-2026-103", namespace: "https://acme.example" });
    (invalid.document as { tracking: { version: string } }).tracking.version = "7";
    put("later/invalid.json", JSON.stringify(invalid));
    const run = await assure(["csaf", "import", path.join(site, "later")], env());
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("1 updated");
    expect(run.stdout).toContain("1 rejected");
    expect(run.stdout).toMatch(/REJECTED .*invalid\.json\n\s+6\.1\.16/);
    const stored = await findAdvisoryById(t.db, advisoryIdOf("https://acme.example", "ACME-SA-2026-101"));
    expect(stored?.revision).toBe("2");
  });

  it("says what is missing without an API or a local stack", async () => {
    const run = await assure(["csaf", "import", path.join(site, "later")], {
      ASSURE_API_URL: "",
      ASSURE_API_KEY: "",
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("ASSURE_API_URL and ASSURE_API_KEY");
    const local = await assure(["csaf", "import", "--local", path.join(site, "later")], {
      ASSURE_DATA_DIR: "/nonexistent",
    });
    expect(local.code).toBe(2);
    expect(local.stderr).toContain("npm start");
  });
});

describe("the CSAF feed poll job with the import wired", () => {
  const logger = createLogger({ service: "test", level: "error", write: () => {} });
  const depsOn = (db: Db, folder: string) => ({
    db,
    documents: createLocalEvidenceStore({ root: path.join(work, folder), limits: DEFAULT_EVIDENCE_LIMITS }),
    candidates: catalogCandidates(db),
    now: () => new Date(),
  });
  const pollerOn = (db: Db, folder: string) => {
    const importer = createFeedImporter({
      deps: depsOn(db, folder),
      fetch: (url, init) => fetch(url, init),
      logger,
    });
    return () =>
      runCsafFeedPoll({
        providerMetadataUrls: [`${filesUrl}/provider-metadata.json`],
        fetch: (url, init) => fetch(url, init),
        cursors: dynamoCursorStore(db, "csaf-feed-poll"),
        importer,
        logger,
        maxDocumentsPerRun: 10,
      });
  };

  it("imports a provider's changed documents once, then finds nothing new", async () => {
    const db = await createTestDb("feed");
    const poll = pollerOn(db, "feed-docs");
    expect(await poll()).toMatchObject({
      outcome: "completed",
      counts: { imported: 2, rejected: 0, pending: 0 },
    });
    expect(await poll()).toMatchObject({ outcome: "completed", counts: { imported: 0, pending: 0 } });
    const stored = await findAdvisoryById(db, advisoryIdOf("https://acme.example", "ACME-SA-2026-102"));
    expect(stored?.owner).toEqual({ kind: "platform" });
  });

  it("is not blocked by a supplier's copy stored under a namespace the supplier does not hold", async () => {
    const db = await createTestDb("feed");
    const now = new Date();
    const squatter = await createTenant(db, {
      slug: "squatter",
      name: "Acme Controls",
      kinds: ["supplier"],
      actor: "test",
      now,
    });
    // Stored as it could be before namespaces were checked: the tenant never held https://acme.example.
    const forged = await importAdvisory(depsOn(db, "feed-squat"), {
      importer: {
        kind: "supplier",
        actor: "user:squatter",
        tenant: {
          ...squatter,
          supplierVerification: {
            verifiedAt: now.toISOString(),
            verifiedBy: "test",
            method: "test",
            namespaces: ["https://acme.example"],
          },
        },
        vendorNames: ["Acme Controls"],
      },
      bytes: new TextEncoder().encode(
        JSON.stringify(buildCsaf({ trackingId: "ACME-SA-2026-101", namespace: "https://acme.example" })),
      ),
      strict: false,
    });
    expect(forged.advisory.owner).toEqual({ kind: "supplier", tenantId: squatter.id });

    expect(await pollerOn(db, "feed-squat")()).toMatchObject({
      outcome: "completed",
      counts: { imported: 2, rejected: 0, pending: 0 },
    });
    const stored = await findAdvisoryById(db, advisoryIdOf("https://acme.example", "ACME-SA-2026-101"));
    expect(stored?.owner).toEqual({ kind: "platform" });
  });
});

const cisaDir = path.join(
  process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus"),
  "csaf/cisa-ics",
);
const hasCorpus = existsSync(cisaDir);
if (!hasCorpus) console.warn(`skipped: CSAF corpus not found at ${cisaDir}`);

describe.runIf(hasCorpus)("assure csaf import --local with real CISA advisories", () => {
  it("loads a representative sample into the local stack with matches to corresponding catalog components", async () => {
    // Every 20th advisory plus the three with a cosmetic 6.1.11 failure and a few Siemens S7-1500 ones.
    const all = readdirSync(cisaDir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    const sample = new Set([
      ...all.filter((_, i) => i % 20 === 0),
      "icsa-19-099-04.json",
      "icsa-21-068-10.json",
      "icsa-21-259-01.json",
      "icsa-17-129-02.json",
      "icsa-22-167-14.json",
    ]);
    const folder = path.join(work, "cisa-sample");
    mkdirSync(folder, { recursive: true });
    for (const f of sample) writeFileSync(path.join(folder, f), readFileSync(path.join(cisaDir, f)));
    const siemens = await t.actor(["supplier"], "owner", "Rhein Automation Distribution");
    const component = await createPublishedComponent(t.db, {
      supplier: siemens.tenant,
      component: buildComponentInput({
        name: "SIMATIC CP 443-1 OPC UA",
        vendor: "Siemens",
        identifiers: { modelNumbers: ["6GK7443-1UX00-0XE0"] },
      }),
    });
    writeJsonFile(path.join(work, "data", "local-stack.json"), {
      dynamoEndpoint: inject("dynamoEndpoint"),
      tableName: t.db.tableName,
      apiUrl: apiUrl,
      portalUrl: "http://localhost:1",
      pid: process.pid,
    });
    const run = await assure(["csaf", "import", "--local", folder, "--json", "--concurrency", "8"], {
      EVIDENCE_DIR: path.join(work, "evidence"),
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.counts).toMatchObject({ created: sample.size, rejected: 0, failed: 0 });
    const warned = report.results.filter((r: { warnings?: string[] }) => r.warnings?.length);
    expect(warned.map((r: { trackingId: string }) => r.trackingId).sort()).toEqual([
      "ICSA-19-099-04",
      "ICSA-21-068-10",
      "ICSA-21-259-01",
    ]);
    const advisory = await findAdvisoryById(t.db, advisoryIdOf("https://www.cisa.gov/", "ICSA-17-129-02"));
    const matches = advisory ? await listAdvisoryMatches(t.db, advisory) : [];
    expect(matches).toEqual([
      expect.objectContaining({ componentId: component.id, method: "model_number", confidence: 0.9 }),
    ]);
  });
});
