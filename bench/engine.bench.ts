/**
 * Engine benchmark: evaluates a generated plant of 200 zones × 50 assets (10,000 assets, 500
 * components, 1,000 countermeasures, 2,000 advisories). Reports median wall and CPU time, peak memory, the ratio
 * to a plain loop reading the same inputs (the floor) and how time grows with the number of assets.
 * It runs with the V8 flags the API is deployed with (ENGINE_NODE_FLAGS, re-starting itself with them when
 * needed) and also times evaluation under V8's defaults in a separate process, for comparison.
 * Usage: tsx bench/engine.bench.ts [--quick]   (--quick: few iterations, prints only, writes nothing)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ENGINE_NODE_FLAGS } from "../functions/src/engine-node-flags";
import type { TEvaluationInput } from "../shared/src/evaluation/evaluation-input";
import { parseEvaluationInput } from "../shared/src/evaluation/parse-evaluation-input";
import { countPlant, FULL_PLANT, generatePlant, scaledPlant } from "./lib/generate-plant";
import { importBundledEngine } from "./lib/import-bundled-engine";
import { measure, type TMeasurement } from "./lib/measure";
import { readPlantBaseline } from "./lib/read-plant-baseline";

const withoutEngineFlags = process.execArgv.filter((flag) => !ENGINE_NODE_FLAGS.some((own) => own === flag));
if (withoutEngineFlags.length === process.execArgv.length) {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, ...ENGINE_NODE_FLAGS, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exit(run.status ?? 1);
}

const quick = process.argv.includes("--quick");
const { evaluate } = await importBundledEngine();
const TARGET_MS = 50;
const iterations = quick ? 5 : 41;
const warmup = quick ? 2 : 10;

/** Real documents arrive as JSON, so the plant is round-tripped to get the same (flat, parsed) strings. */
const asParsedJson = (document: TEvaluationInput): TEvaluationInput => JSON.parse(JSON.stringify(document));

const plant = asParsedJson(generatePlant(FULL_PLANT));
const plantCounts = countPlant(plant);
const parsed = parseEvaluationInput(plant);
if (!parsed.ok) throw new Error(`generated plant is invalid: ${JSON.stringify(parsed.issues.slice(0, 5))}`);

const loadBefore = loadavg()[0] ?? 0;
const engine = measure(() => evaluate(plant), { iterations, warmup });
const baseline = measure(() => readPlantBaseline(plant), { iterations, warmup });
const v8Defaults = timeUnderV8Defaults();
const validation = measure(() => parseEvaluationInput(plant), { iterations: quick ? 3 : 11, warmup: 1 });
// Machine reference: reading the same document from JSON, which any consumer of the engine does first.
const plantJson = JSON.stringify(plant);
const jsonParse = measure(() => JSON.parse(plantJson), { iterations: quick ? 3 : 11, warmup: 1 });

// Peak memory: the result of one evaluation kept alive, measured after a full GC when --expose-gc is on.
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const heapBefore = process.memoryUsage().heapUsed;
let kept: ReturnType<typeof evaluate> | undefined = evaluate(plant);
collect?.();
const resultHeapBytes = process.memoryUsage().heapUsed - heapBefore;
const resultJsonBytes = Buffer.byteLength(JSON.stringify(kept));
const summary = kept.summary;
kept = undefined;

const linearity = [50, 100, 200].map((zones) => {
  const document = asParsedJson(generatePlant(scaledPlant(zones)));
  const timing = measure(() => evaluate(document), { iterations: quick ? 3 : 21, warmup: quick ? 1 : 5 });
  const assets = countPlant(document).assets;
  return {
    assets,
    medianMs: round(timing.medianMs),
    cpuMedianMs: round(timing.cpuMedianMs),
    usPerAsset: round((timing.cpuMedianMs * 1000) / assets),
  };
});
const perAsset = linearity.map((entry) => entry.usPerAsset);
// Linear: the CPU cost per asset at 10,000 assets stays within 1.5× of the cost at 2,500 (superlinear would grow).
const growth = (perAsset.at(-1) ?? 0) / (perAsset[0] || 1);
const loadAfter = loadavg()[0] ?? 0;

const results = {
  benchmark: "engine",
  date: new Date().toISOString(),
  quick,
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
  },
  plant: plantCounts,
  result: { ...summary, jsonBytes: resultJsonBytes },
  nodeFlags: [...ENGINE_NODE_FLAGS],
  engineBuild: "esbuild bundle, minified (as in the API Lambda)",
  evaluate: describeTiming(engine),
  evaluateWithV8Defaults: describeTiming(v8Defaults),
  baselineLoop: describeTiming(baseline),
  ratioToBaseline: round(engine.medianMs / baseline.medianMs),
  cpuRatioToBaseline: round(engine.cpuMedianMs / baseline.cpuMedianMs),
  validateDocument: describeTiming(validation),
  jsonParseDocument: { ...describeTiming(jsonParse), megabytes: round(plantJson.length / 1e6) },
  ratioToJsonParse: round(engine.medianMs / jsonParse.medianMs),
  memory: {
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
    resultHeapMb: collect ? round(resultHeapBytes / 1e6) : null,
  },
  linearity: { points: linearity, costPerAssetGrowth: round(growth), linear: growth <= 1.5 },
  target: {
    ms: TARGET_MS,
    wallMedianMet: engine.medianMs < TARGET_MS,
    cpuMedianMet: engine.cpuMedianMs < TARGET_MS,
  },
};

process.stdout.write(
  [
    `engine: ${plantCounts.assets} assets, ${plantCounts.zones} zones, ${plantCounts.components} components, ${plantCounts.countermeasures} countermeasures, ${plantCounts.advisories} advisories`,
    `  evaluate   (${ENGINE_NODE_FLAGS.join(" ")}, as the API runs) median ${round(engine.medianMs)} ms wall, ${round(engine.cpuMedianMs)} ms CPU (min ${round(engine.minMs)} ms, p90 ${round(engine.p90Ms)} ms, ${iterations} runs)`,
    `  V8 default heap flags (without ${ENGINE_NODE_FLAGS.join(" ")}): median ${round(v8Defaults.medianMs)} ms wall, ${round(v8Defaults.cpuMedianMs)} ms CPU`,
    `  baseline   median ${round(baseline.medianMs)} ms (plain loop reading the same inputs) → ratio ${results.ratioToBaseline}× wall, ${results.cpuRatioToBaseline}× CPU`,
    `  validation median ${round(validation.medianMs)} ms (zod parse of the document, not part of evaluate)`,
    `  reference  JSON.parse of the ${round(plantJson.length / 1e6)} MB document: median ${round(jsonParse.medianMs)} ms → evaluate is ${results.ratioToJsonParse}× that`,
    `  memory     peak RSS ${results.memory.peakRssMb} MB, result ${results.memory.resultHeapMb ?? "n/a (run with --expose-gc)"} MB heap, ${round(resultJsonBytes / 1e6)} MB as JSON`,
    `  linearity  ${linearity.map((entry) => `${entry.assets}: ${entry.cpuMedianMs} ms CPU (${entry.usPerAsset} µs/asset)`).join(", ")} → ${results.linearity.linear ? "linear" : "NOT linear"}`,
    `  target     < ${TARGET_MS} ms: wall ${results.target.wallMedianMet ? "met" : "missed"}, CPU ${results.target.cpuMedianMet ? "met" : "missed"} (load average ${round(loadBefore)} → ${round(loadAfter)} on ${cpus().length} cores)`,
  ]
    .map((line) => `${line}\n`)
    .join(""),
);

if (!quick) {
  const file = join(dirname(fileURLToPath(import.meta.url)), "results/engine.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`  written to bench/results/engine.json\n`);
}

/** The same evaluation timed in a child process without the engine's flags. */
function timeUnderV8Defaults(): TMeasurement {
  const script = join(dirname(fileURLToPath(import.meta.url)), "lib/time-engine-v8-defaults.ts");
  const run = spawnSync(
    process.execPath,
    [...withoutEngineFlags, script, String(iterations), String(warmup)],
    {
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(`timing under V8 defaults failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as TMeasurement;
}

function describeTiming(timing: TMeasurement) {
  return {
    runs: timing.runs,
    medianMs: round(timing.medianMs),
    minMs: round(timing.minMs),
    p90Ms: round(timing.p90Ms),
    cpuMedianMs: round(timing.cpuMedianMs),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
