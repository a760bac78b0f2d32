/**
 * Lambda packaging benchmark (issue #6): the minified size of every function bundle (AWS SDK external, exactly
 * the bundles the stack deploys, infra/src/bundling.ts) and the cold-init time of the API handler module in a
 * fresh Node process (import of the bundle until `handler` exists, as Lambda's init phase does), with and
 * without --enable-source-maps (the deployed setting). Baseline in the same run: a minimal Hono Lambda handler
 * bundled and imported the same way. Targets: API bundle < 500 kB, API init < 150 ms (median).
 * `--quick`: 5 cold starts instead of 20. Run: npx tsx bench/infra.bench.ts
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import {
  BUNDLE_SIZE_LIMITS_BYTES,
  bundleFunction,
  esbuildOptions,
  FUNCTION_NAMES,
  type FunctionName,
} from "../infra/src/bundling";
import { repoPath } from "../infra/src/paths";

const quick = process.argv.includes("--quick");
const coldStarts = quick ? 5 : 20;
const API_BUNDLE_TARGET_BYTES = 500 * 1024;
const API_INIT_TARGET_MS = 150;

// Inside the repository, so the external @aws-sdk/* imports resolve from node_modules as they do from the
// Lambda runtime's own copy.
const outRoot = repoPath("cdk.out", "bench-bundles");

/** What the API needs in its environment to initialise (values as the stack sets them, hosts made up). */
const apiEnvironment: Record<string, string> = {
  AWS_REGION: "eu-central-1",
  STAGE: "dev",
  SERVICE_NAME: "assure-api",
  TABLE_NAME: "assure-bench",
  EVIDENCE_BUCKET: "assure-bench-evidence",
  EVIDENCE_MAX_UPLOAD_BYTES: String(50 * 1024 * 1024),
  EVIDENCE_ALLOWED_CONTENT_TYPES: "application/pdf,application/json",
  EVIDENCE_UPLOAD_URL_TTL_SECONDS: "300",
  PORTAL_ORIGIN: "https://portal.example.com",
  AUTH_JWKS_URL: "https://portal.example.com/api/jwks",
  AUTH_ISSUER: "https://portal.example.com",
  AUTH_AUDIENCE: "assure-api",
};

interface ColdStart {
  /** From the start of import() to the module (and its dependencies) being evaluated. */
  importMs: number;
  /** From process start (performance.timeOrigin) to the same point: Node bootstrap included. */
  processMs: number;
  rssMb: number;
}

// BENCH_PRELOAD: external modules imported before the clock starts, to separate the handler's own init
// from loading the AWS SDK (which Lambda loads from the runtime's copy, outside the bundle's control).
const probe = `
for (const specifier of (process.env.BENCH_PRELOAD ?? "").split(",").filter(Boolean)) await import(specifier);
const started = performance.now();
const module = await import(process.env.BENCH_MODULE_URL);
if (typeof module.handler !== "function") throw new Error("the bundle exports no handler");
const done = performance.now();
process.stdout.write(JSON.stringify({ importMs: done - started, processMs: done, rssMb: process.memoryUsage().rss / 1e6 }));
`;

function coldStart(file: string, nodeOptions: string, preload: string[]): ColdStart {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
    env: {
      PATH: process.env.PATH ?? "",
      ...apiEnvironment,
      NODE_OPTIONS: nodeOptions,
      BENCH_MODULE_URL: pathToFileURL(file).href,
      BENCH_PRELOAD: preload.join(","),
    },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`cold start of ${file} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ColdStart;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summarise(runs: ColdStart[]) {
  const round = (value: number) => Math.round(value * 10) / 10;
  const imports = runs.map((run) => run.importMs);
  return {
    runs: runs.length,
    importMedianMs: round(percentile(imports, 50)),
    importP90Ms: round(percentile(imports, 90)),
    importMinMs: round(Math.min(...imports)),
    processMedianMs: round(
      percentile(
        runs.map((run) => run.processMs),
        50,
      ),
    ),
    peakRssMb: round(Math.max(...runs.map((run) => run.rssMb))),
  };
}

function measureColdStarts(file: string, nodeOptions: string, preload: string[] = []) {
  coldStart(file, nodeOptions, preload); // warms the OS file cache, as a Lambda sandbox's disk is warm
  return summarise(Array.from({ length: coldStarts }, () => coldStart(file, nodeOptions, preload)));
}

/** The bare @aws-sdk/* packages a bundle imports (they stay external). */
function externalSdkImports(file: string): string[] {
  const code = readFileSync(file, "utf8");
  return [
    ...new Set([...code.matchAll(/from\s*"(@aws-sdk\/[^"]+)"/g)].map((match) => match[1] ?? "")),
  ].filter(Boolean);
}

async function bundleBaseline(): Promise<{ file: string; bytes: number }> {
  const dir = path.join(outRoot, "baseline");
  mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, "entry.mjs");
  writeFileSync(
    entry,
    'import { Hono } from "hono";\nimport { handle } from "hono/aws-lambda";\n' +
      'const app = new Hono();\napp.get("/health", (c) => c.json({ status: "ok" }));\nexport const handler = handle(app);\n',
  );
  const file = path.join(dir, "index.mjs");
  await build(esbuildOptions(entry, file));
  return { file, bytes: statSync(file).size };
}

const bundles: Record<
  string,
  { bytes: number; gzipBytes: number; limitBytes: number; withinLimit: boolean }
> = {};
for (const name of FUNCTION_NAMES) {
  const bundle = await bundleFunction(name, outRoot);
  const gzipBytes = gzipSync(readFileSync(path.join(bundle.dir, "index.mjs"))).length;
  const limitBytes = BUNDLE_SIZE_LIMITS_BYTES[name as FunctionName];
  bundles[name] = { bytes: bundle.bytes, gzipBytes, limitBytes, withinLimit: bundle.bytes <= limitBytes };
}
const baseline = await bundleBaseline();
const apiFile = path.join(outRoot, "api", "index.mjs");

const apiSdkImports = externalSdkImports(apiFile);
const apiInit = measureColdStarts(apiFile, "--enable-source-maps", apiSdkImports);
const apiInitWithoutSourceMaps = measureColdStarts(apiFile, "", apiSdkImports);
const apiInitIncludingSdk = measureColdStarts(apiFile, "--enable-source-maps");
const baselineInit = measureColdStarts(baseline.file, "--enable-source-maps");
const apiBytes = bundles.api?.bytes ?? Number.NaN;

const result = {
  benchmark: "infra",
  date: new Date().toISOString(),
  quick,
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    platform: process.platform,
  },
  bundles,
  baselineBundle: { description: "minimal Hono Lambda handler, same esbuild options", bytes: baseline.bytes },
  apiInit: {
    description: "import of the API bundle with its external AWS SDK packages already loaded",
    nodeOptions: "--enable-source-maps (as deployed)",
    sdkPreloaded: apiSdkImports,
    ...apiInit,
  },
  apiInitWithoutSourceMaps,
  apiInitIncludingSdk: {
    description: "the same import with the SDK loaded cold from node_modules (on Lambda: from the runtime)",
    ...apiInitIncludingSdk,
  },
  baselineInit,
  ratios: {
    apiBundleToBaseline: Math.round((apiBytes / baseline.bytes) * 10) / 10,
    apiInitToBaseline: Math.round((apiInit.importMedianMs / baselineInit.importMedianMs) * 10) / 10,
  },
  targets: {
    apiBundleBytes: {
      target: API_BUNDLE_TARGET_BYTES,
      actual: apiBytes,
      met: apiBytes < API_BUNDLE_TARGET_BYTES,
    },
    apiInitMedianMs: {
      target: API_INIT_TARGET_MS,
      actual: apiInit.importMedianMs,
      met: apiInit.importMedianMs < API_INIT_TARGET_MS,
    },
  },
};

mkdirSync(repoPath("bench", "results"), { recursive: true });
writeFileSync(repoPath("bench", "results", "infra.json"), `${JSON.stringify(result, null, 2)}\n`);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`infra bench (${quick ? "quick" : "full"}, ${coldStarts} cold starts each)`);
for (const [name, bundle] of Object.entries(bundles)) {
  console.log(
    `  ${name.padEnd(22)} ${kb(bundle.bytes).padStart(10)}  gzip ${kb(bundle.gzipBytes).padStart(9)}  limit ${kb(bundle.limitBytes)}${bundle.withinLimit ? "" : "  OVER"}`,
  );
}
console.log(`  ${"baseline (hono only)".padEnd(22)} ${kb(baseline.bytes).padStart(10)}`);
console.log(
  `  API init median ${apiInit.importMedianMs} ms (p90 ${apiInit.importP90Ms}, process ${apiInit.processMedianMs} ms, ` +
    `${apiInit.peakRssMb} MB RSS); without source maps ${apiInitWithoutSourceMaps.importMedianMs} ms; ` +
    `baseline ${baselineInit.importMedianMs} ms; including cold SDK load ${apiInitIncludingSdk.importMedianMs} ms`,
);
console.log(
  `  targets: bundle ${result.targets.apiBundleBytes.met ? "met" : "MISSED"}, init ${result.targets.apiInitMedianMs.met ? "met" : "MISSED"}`,
);
