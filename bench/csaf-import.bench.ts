/**
 * CSAF import throughput: validate and import the CISA ICS corpus into DynamoDB Local (one
 * in-memory instance, as the tests use) through the same use case as POST /v1/advisories and `assure csaf import
 * --local` — strict validation, summary, product matching against the seeded demo catalog, the original document
 * in a local document store, summary + match items + revision + audit in DynamoDB. Reports documents/s, the
 * whole-corpus time against the 60 s target, peak RSS of this process (DynamoDB Local's JVM is separate), and
 * the ratio of our validation throughput to @secvisogram/csaf-validator-lib's validateStrict on the same parsed
 * documents in the same run (median of 3 interleaved passes each). `--quick`: the first 100 documents.
 * Run: npx tsx bench/csaf-import.bench.ts [--quick]
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import * as libMandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import { csaf_2_0_strict } from "@secvisogram/csaf-validator-lib/schemaTests.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";
import { catalogCandidates } from "../functions/src/csaf/import/match-candidates";
import {
  type ImportItemResult,
  ImportState,
  runImport,
  useCaseTarget,
} from "../functions/src/csaf/import/run-import";
import { validateCsaf } from "../functions/src/csaf/validate-csaf";
import { createDb } from "../functions/src/db/client";
import { ensureTable } from "../functions/src/db/migrate";
import { startDynamoLocal } from "../functions/src/local/dynamo-local";
import { seedDemoData } from "../functions/src/local/seed";
import { PLATFORM_TENANT_ID } from "../functions/src/repos/advisories";
import { DEFAULT_EVIDENCE_LIMITS } from "../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../functions/src/storage/local-evidence-store";

const repoRoot = path.resolve(import.meta.dirname, "..");
const corpus = process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus");
const dir = path.join(corpus, "csaf/cisa-ics");
const quick = process.argv.includes("--quick");
const CONCURRENCY = 8;
const ROUNDS = 3;

const peak = { mb: 0 };
const sample = () => {
  peak.mb = Math.max(peak.mb, process.memoryUsage().rss / 1e6);
};

async function validationPass(docs: unknown[], check: (doc: unknown) => boolean | Promise<boolean>) {
  let invalid = 0;
  const start = performance.now();
  for (const doc of docs) if (!(await check(doc))) invalid++;
  return { seconds: (performance.now() - start) / 1000, invalid };
}

async function main() {
  if (!existsSync(dir)) {
    console.warn(`skipped: CSAF corpus not found at ${dir}`);
    return;
  }
  let files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (quick) files = files.slice(0, 100);
  const bytes = files.map((f) => new Uint8Array(readFileSync(path.join(dir, f))));
  const megabytes = bytes.reduce((sum, b) => sum + b.byteLength, 0) / 1e6;

  // 1. Validation: ours against the peer library on the same parsed documents.
  const parsed = bytes.map((b) => JSON.parse(new TextDecoder().decode(b)) as unknown);
  const libTests = [csaf_2_0_strict, ...Object.values(libMandatory)];
  const checks = {
    ours: (d: unknown) => validateCsaf(d).valid,
    peer: async (d: unknown) => (await validateStrict(libTests, d)).isValid,
  };
  for (const check of Object.values(checks)) await validationPass(parsed.slice(0, 50), check);
  const times: Record<keyof typeof checks, number[]> = { ours: [], peer: [] };
  const invalid: Record<keyof typeof checks, number> = { ours: 0, peer: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const order: (keyof typeof checks)[] = round % 2 === 0 ? ["ours", "peer"] : ["peer", "ours"];
    for (const name of order) {
      const r = await validationPass(parsed, checks[name]);
      times[name].push(r.seconds);
      invalid[name] = r.invalid;
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const validation = Object.fromEntries(
    (Object.keys(checks) as (keyof typeof checks)[]).map((name) => [
      name,
      {
        docsPerSecond: Math.round(parsed.length / median(times[name])),
        seconds: Number(median(times[name]).toFixed(3)),
        invalid: invalid[name],
      },
    ]),
  ) as Record<keyof typeof checks, { docsPerSecond: number; seconds: number; invalid: number }>;
  parsed.length = 0;

  // 2. Import into DynamoDB Local through the use case.
  const dynamo = await startDynamoLocal();
  const documentsDir = mkdtempSync(path.join(os.tmpdir(), "assure-bench-csaf-"));
  try {
    const db = createDb({ tableName: "bench-csaf-import", endpoint: dynamo.endpoint });
    await ensureTable(db);
    await seedDemoData(db);
    const target = useCaseTarget(
      {
        db,
        documents: createLocalEvidenceStore({ root: documentsDir, limits: DEFAULT_EVIDENCE_LIMITS }),
        candidates: catalogCandidates(db, { cacheMs: 600_000 }),
        now: () => new Date(),
      },
      {
        importer: { kind: "platform", actor: "bench", auditTenantId: PLATFORM_TENANT_ID },
        strict: false,
      },
    );
    const timer = setInterval(sample, 50);
    sample();
    const start = performance.now();
    const results: ImportItemResult[] = await runImport({
      documents: files.map((f, i) => ({ location: f, read: async () => bytes[i]! })),
      target,
      state: new ImportState(undefined),
      concurrency: CONCURRENCY,
    });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(timer);
    sample();

    const counts: Record<string, number> = {};
    for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    const warned = results.filter((r) => r.warnings?.length).map((r) => r.trackingId);
    const matchedAdvisories = results
      .filter((r) => (r.matchedComponents ?? 0) > 0)
      .map((r) => `${r.trackingId} (${r.matchedComponents})`);
    const result = {
      benchmark: "csaf-import",
      date: new Date().toISOString(),
      quick,
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
      },
      corpus: { documents: files.length, megabytes: Number(megabytes.toFixed(2)) },
      import: {
        name: "validate + summarise + match + store (documents to disk, items to DynamoDB Local), 8 in flight",
        seconds: Number(seconds.toFixed(2)),
        docsPerSecond: Math.round(files.length / seconds),
        targetSeconds: 60,
        meetsTarget: quick ? null : seconds < 60,
        peakRssMb: Math.round(peak.mb),
        outcomes: counts,
        conformanceWarnings: warned,
        advisoriesMatchedToDemoCatalog: matchedAdvisories,
      },
      validation: {
        ours: { name: "assure validateCsaf (strict schema + 43 mandatory tests)", ...validation.ours },
        peer: { name: "@secvisogram/csaf-validator-lib validateStrict", ...validation.peer },
        oursVsPeer: Number((validation.ours.docsPerSecond / validation.peer.docsPerSecond).toFixed(2)),
      },
    };
    const out = path.join(repoRoot, "bench/results");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "csaf-import.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    db.raw.destroy();
  } finally {
    await dynamo.stop();
    rmSync(documentsDir, { recursive: true, force: true });
  }
}

await main();
