/**
 * CSAF validation throughput over the CISA ICS corpus: this project's validator (strict schema +
 * all §6.1 mandatory tests) against @secvisogram/csaf-validator-lib's own validateStrict with its strict schema
 * and mandatory tests (the peer), and a plain ajv schema-only pass (the floor), on the same documents in the
 * same process. Documents are read and parsed once, outside the timed loops. Peak RSS is the process's during
 * that validator's passes (one process, so it includes the parsed corpus). `--quick`: the first 100 documents.
 * Run: npx tsx bench/csaf.bench.ts
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as libMandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import { csaf_2_0_strict } from "@secvisogram/csaf-validator-lib/schemaTests.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";
import { compileCsafSchema } from "../functions/src/csaf/compile-csaf-schema";
import { validateCsaf } from "../functions/src/csaf/validate-csaf";

const repoRoot = path.resolve(import.meta.dirname, "..");
const corpus = process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus");
const dir = path.join(corpus, "csaf/cisa-ics");
const quick = process.argv.includes("--quick");

type TRun = {
  docsPerSecond: number;
  mbPerSecond: number;
  seconds: number;
  invalid: number;
  peakRssMb: number;
};

function sampleRss(peak: { mb: number }) {
  peak.mb = Math.max(peak.mb, process.memoryUsage().rss / 1e6);
}

async function timeOnce(
  docs: unknown[],
  check: (doc: unknown) => boolean | Promise<boolean>,
  peak: { mb: number },
) {
  let invalid = 0;
  const start = performance.now();
  for (let i = 0; i < docs.length; i++) {
    if (!(await check(docs[i]))) invalid++;
    if (i % 50 === 0) sampleRss(peak);
  }
  sampleRss(peak);
  return { seconds: (performance.now() - start) / 1000, invalid };
}

const ROUNDS = 3;

/**
 * Each validator gets an untimed warm-up pass (schema compilation, JIT), then ROUNDS timed passes interleaved
 * with the others so that none profits from running last; the median pass counts.
 */
async function measureAll(
  docs: unknown[],
  bytes: number,
  checks: Record<string, (doc: unknown) => boolean | Promise<boolean>>,
): Promise<Record<string, TRun>> {
  const names = Object.keys(checks);
  for (const name of names) await timeOnce(docs, checks[name]!, { mb: 0 });
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const invalid: Record<string, number> = {};
  const peaks: Record<string, { mb: number }> = Object.fromEntries(names.map((n) => [n, { mb: 0 }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const r = await timeOnce(docs, checks[name]!, peaks[name]!);
      times[name]!.push(r.seconds);
      invalid[name] = r.invalid;
    }
  }
  const out: Record<string, TRun> = {};
  for (const name of names) {
    const seconds = [...times[name]!].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
    out[name] = {
      docsPerSecond: Math.round(docs.length / seconds),
      mbPerSecond: Number((bytes / 1e6 / seconds).toFixed(2)),
      seconds: Number(seconds.toFixed(3)),
      invalid: invalid[name] ?? 0,
      peakRssMb: Math.round(peaks[name]!.mb),
    };
  }
  return out;
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
  let bytes = 0;
  const docs = files.map((f) => {
    const text = readFileSync(path.join(dir, f), "utf8");
    bytes += Buffer.byteLength(text);
    return JSON.parse(text) as unknown;
  });

  const schema = compileCsafSchema();
  const libTests = [csaf_2_0_strict, ...Object.values(libMandatory)];
  const runs = await measureAll(docs, bytes, {
    ours: (d) => validateCsaf(d).valid,
    peer: async (d) => (await validateStrict(libTests, d)).isValid,
    schemaOnly: (d) => schema(d) === true,
  });
  const ours = runs.ours!;
  const peer = runs.peer!;
  const schemaOnly = runs.schemaOnly!;

  const result = {
    benchmark: "csaf-validation",
    date: new Date().toISOString(),
    quick,
    machine: { cpus: os.cpus().length, node: process.version },
    corpus: { documents: docs.length, megabytes: Number((bytes / 1e6).toFixed(2)) },
    ours: { name: "assure validateCsaf (strict schema + 43 mandatory tests)", ...ours },
    peer: {
      name: "@secvisogram/csaf-validator-lib validateStrict (strict schema + mandatory tests)",
      ...peer,
    },
    baseline: { name: "ajv strict schema only (no mandatory tests)", ...schemaOnly },
    ratios: {
      oursVsPeer: Number((ours.docsPerSecond / peer.docsPerSecond).toFixed(2)),
      oursVsSchemaOnly: Number((ours.docsPerSecond / schemaOnly.docsPerSecond).toFixed(2)),
    },
  };
  const out = path.join(repoRoot, "bench/results");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "csaf.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
