/**
 * Lambda packaging benchmark (docs/adr/0026): for every function bundle (AWS SDK external, exactly the
 * bundles the stack deploys, infra/src/bundling.ts), an esbuild-metafile analysis — the entry chunk, what loads at
 * init (the entry chunk and the chunks it imports statically), the total with the chunks only `import()` loads,
 * and the largest packages on each side — and the cold-init time of the API handler module in a fresh Node
 * process (import of index.mjs until `handler` exists, as Lambda's init phase does), with and without
 * --enable-source-maps (the deployed setting), and with every route group preloaded (what a provisioned-
 * concurrency init does). Baseline in the same run: a minimal Hono Lambda handler bundled and imported the same
 * way. Targets: API init bytes <= 500 KiB, API init < 150 ms (median).
 * `--quick`: 5 cold starts instead of 20. Run: npx tsx bench/infra.bench.ts
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { ROUTE_GROUPS } from "../functions/src/app";
import { generateSigningJwk, importSigningKey, signToken } from "../functions/src/auth/tokens";
import { createDb } from "../functions/src/db/client";
import { ensureTable } from "../functions/src/db/migrate";
import { startDynamoLocal } from "../functions/src/local/dynamo-local";
import { createTenant } from "../functions/src/repos/tenants";
import { addMembership, createUser } from "../functions/src/repos/users";
import {
  BUNDLE_SIZE_LIMITS_BYTES,
  bundleEntry,
  bundleFunction,
  FUNCTION_NAMES,
  type FunctionBundle,
  type PackageBytes,
} from "../infra/src/bundling";
import { repoPath } from "../infra/src/paths";

const quick = process.argv.includes("--quick");
const coldStarts = quick ? 5 : 20;
const API_INIT_BYTES_TARGET = 500 * 1024;
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
  /** With BENCH_REQUEST: the first request's duration after init, and its status. */
  requestMs?: number;
  status?: number;
}

// BENCH_PRELOAD: external modules imported before the clock starts, to separate the handler's own init
// from loading the AWS SDK (which Lambda loads from the runtime's copy, outside the bundle's control).
const probe = `
for (const specifier of (process.env.BENCH_PRELOAD ?? "").split(",").filter(Boolean)) await import(specifier);
const started = performance.now();
const module = await import(process.env.BENCH_MODULE_URL);
if (typeof module.handler !== "function") throw new Error("the bundle exports no handler");
const done = performance.now();
let request = {};
if (process.env.BENCH_REQUEST) {
  const { path, token } = JSON.parse(process.env.BENCH_REQUEST);
  const event = {
    version: "2.0", routeKey: "$default", rawPath: path, rawQueryString: "", isBase64Encoded: false,
    headers: { host: "api.example.com", authorization: "Bearer " + token },
    requestContext: { http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "bench" },
      domainName: "api.example.com", requestId: "bench", stage: "$default", timeEpoch: Date.now() },
  };
  const sent = performance.now();
  const response = await module.handler(event, { awsRequestId: "bench" });
  request = { requestMs: performance.now() - sent, status: response.statusCode };
}
process.stdout.write(JSON.stringify({ importMs: done - started, processMs: done, rssMb: process.memoryUsage().rss / 1e6, ...request }));
`;

function coldStart(
  file: string,
  nodeOptions: string,
  preload: string[],
  extraEnv: Record<string, string> = {},
): ColdStart {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
    env: {
      PATH: process.env.PATH ?? "",
      ...apiEnvironment,
      ...extraEnv,
      NODE_OPTIONS: nodeOptions,
      BENCH_MODULE_URL: pathToFileURL(file).href,
      BENCH_PRELOAD: preload.join(","),
    },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`cold start of ${file} failed:\n${result.stderr}`);
  // The handler's own log lines come first; the probe's result is the last line.
  return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as ColdStart;
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

function measureColdStarts(
  file: string,
  nodeOptions: string,
  preload: string[] = [],
  extraEnv: Record<string, string> = {},
) {
  coldStart(file, nodeOptions, preload, extraEnv); // warms the OS file cache, as a Lambda sandbox's disk is warm
  return summarise(Array.from({ length: coldStarts }, () => coldStart(file, nodeOptions, preload, extraEnv)));
}

/** The bare @aws-sdk/* packages the given output files import (they stay external). */
function externalSdkImports(bundle: FunctionBundle, files: string[]): string[] {
  const imports = files.flatMap((file) =>
    [...readFileSync(path.join(bundle.dir, file), "utf8").matchAll(/from\s*"(@aws-sdk\/[^"]+)"/g)].map(
      (match) => match[1] ?? "",
    ),
  );
  return [...new Set(imports)].filter(Boolean).sort();
}

async function bundleBaseline(): Promise<FunctionBundle> {
  const source = path.join(outRoot, "baseline-src");
  mkdirSync(source, { recursive: true });
  const entry = path.join(source, "entry.mjs");
  writeFileSync(
    entry,
    'import { Hono } from "hono";\nimport { handle } from "hono/aws-lambda";\n' +
      'const app = new Hono();\napp.get("/health", (c) => c.json({ status: "ok" }));\nexport const handler = handle(app);\n',
  );
  return bundleEntry(entry, path.join(outRoot, "baseline"));
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const top = (packages: PackageBytes[]) =>
  packages.slice(0, 8).map((entry) => ({ name: entry.name, kib: kib(entry.bytes) }));

const built = new Map<string, FunctionBundle>();
const bundles: Record<string, unknown> = {};
for (const name of FUNCTION_NAMES) {
  const bundle = await bundleFunction(name, outRoot);
  built.set(name, bundle);
  const limits = BUNDLE_SIZE_LIMITS_BYTES[name];
  const initGzipBytes = bundle.initFiles.reduce(
    (sum, file) => sum + gzipSync(readFileSync(path.join(bundle.dir, file))).length,
    0,
  );
  bundles[name] = {
    entryBytes: bundle.entryBytes,
    initBytes: bundle.initBytes,
    initGzipBytes,
    totalBytes: bundle.totalBytes,
    chunks: bundle.files.length,
    initChunks: bundle.initFiles.length,
    limits,
    withinLimits: bundle.initBytes <= limits.init && bundle.totalBytes <= limits.total,
    topPackages: { init: top(bundle.packages.init), deferred: top(bundle.packages.deferred) },
  };
}
const baseline = await bundleBaseline();
const api = built.get("api");
if (!api) throw new Error("no API bundle");
const apiFile = path.join(api.dir, "index.mjs");

const apiSdkImports = externalSdkImports(api, api.initFiles);
const apiInit = measureColdStarts(apiFile, "--enable-source-maps", apiSdkImports);
const apiInitWithoutSourceMaps = measureColdStarts(apiFile, "", apiSdkImports);
const apiInitIncludingSdk = measureColdStarts(apiFile, "--enable-source-maps");
const apiAllSdkImports = externalSdkImports(api, api.files);
const apiInitWithRouteGroups = measureColdStarts(apiFile, "--enable-source-maps", apiAllSdkImports, {
  AWS_LAMBDA_INITIALIZATION_TYPE: "provisioned-concurrency",
});
const baselineInit = measureColdStarts(path.join(baseline.dir, "index.mjs"), "--enable-source-maps");
const apiBytes = api.initBytes;

// The first request to each route group in a fresh process: an authenticated GET of a path the group does not
// serve, so the group loads and answers 404. Authentication reads the caller's user and membership (one BatchGet,
// as on every call in AWS), so the requests go to an in-memory DynamoDB Local with that user in it.
const dynamo = await startDynamoLocal();
const benchDb = createDb({
  tableName: apiEnvironment.TABLE_NAME ?? "assure-bench",
  endpoint: dynamo.endpoint,
});
await ensureTable(benchDb);
const benchNow = new Date();
const benchTenant = await createTenant(benchDb, {
  slug: "bench",
  name: "Bench Tenant",
  kinds: ["asset_owner"],
  actor: "bench",
  now: benchNow,
});
const benchUser = await createUser(benchDb, { email: "bench@example.test", name: "Bench", now: benchNow });
await addMembership(benchDb, {
  tenant: benchTenant,
  user: benchUser,
  role: "owner",
  actor: "bench",
  now: benchNow,
});
const { privateJwk, publicJwk } = await generateSigningJwk("bench");
const benchToken = await signToken(
  await importSigningKey(privateJwk),
  { sub: benchUser.id, tid: benchTenant.id, role: "owner", sat: Date.now() },
  { issuer: apiEnvironment.AUTH_ISSUER, audience: apiEnvironment.AUTH_AUDIENCE },
);
const groupRuns = quick ? 3 : 7;
const firstRequestByGroup: Record<string, { requestMedianMs: number; requestP90Ms: number; status: number }> =
  {};
// Control: a /v1 path no group serves (token verification and the app only).
for (const prefix of ["(no group)", ...ROUTE_GROUPS.map((group) => group.prefix)]) {
  const path = prefix === "(no group)" ? "/v1/no-such-resource" : `${prefix}/bench/no-such-route`;
  const extraEnv = {
    AUTH_JWKS: JSON.stringify({ keys: [publicJwk] }),
    BENCH_REQUEST: JSON.stringify({ path, token: benchToken }),
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
  };
  coldStart(apiFile, "--enable-source-maps", apiAllSdkImports, extraEnv);
  const runs = Array.from({ length: groupRuns }, () =>
    coldStart(apiFile, "--enable-source-maps", apiAllSdkImports, extraEnv),
  );
  // 404 proves the group loaded and answered (401 would mean the request never reached it).
  const unexpected = runs.find((run) => run.status !== 404);
  if (unexpected) throw new Error(`${path} answered ${unexpected.status}, not 404`);
  const durations = runs.map((run) => run.requestMs ?? Number.NaN);
  firstRequestByGroup[prefix] = {
    requestMedianMs: Math.round(percentile(durations, 50) * 10) / 10,
    requestP90Ms: Math.round(percentile(durations, 90) * 10) / 10,
    status: runs[0]?.status ?? 0,
  };
}
benchDb.raw.destroy();
await dynamo.stop();

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
  baselineBundle: {
    description: "minimal Hono Lambda handler, same esbuild options",
    bytes: baseline.initBytes,
  },
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
  apiInitWithRouteGroups: {
    description:
      "the same import with AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency: every route group loaded during init",
    sdkPreloaded: apiAllSdkImports,
    ...apiInitWithRouteGroups,
  },
  baselineInit,
  firstRequestByGroup: {
    description:
      "fresh process, SDK preloaded: the first authenticated request under each route group (reads the caller's " +
      "membership from DynamoDB Local, loads the group, answers " +
      "404); the control '(no group)' is a /v1 path outside every group (token verification and the app only)",
    runs: groupRuns,
    groups: firstRequestByGroup,
  },
  ratios: {
    apiInitBytesToBaseline: Math.round((apiBytes / baseline.initBytes) * 10) / 10,
    apiInitToBaseline: Math.round((apiInit.importMedianMs / baselineInit.importMedianMs) * 10) / 10,
  },
  targets: {
    apiInitBytes: {
      target: API_INIT_BYTES_TARGET,
      actual: apiBytes,
      met: apiBytes <= API_INIT_BYTES_TARGET,
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

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`infra bench (${quick ? "quick" : "full"}, ${coldStarts} cold starts each)`);
for (const name of FUNCTION_NAMES) {
  const bundle = built.get(name);
  if (!bundle) continue;
  const limits = BUNDLE_SIZE_LIMITS_BYTES[name];
  const over = bundle.initBytes > limits.init || bundle.totalBytes > limits.total;
  console.log(
    `  ${name.padEnd(22)} entry ${kb(bundle.entryBytes).padStart(10)}  init ${kb(bundle.initBytes).padStart(10)} ` +
      `(limit ${kb(limits.init)})  total ${kb(bundle.totalBytes).padStart(11)} (limit ${kb(limits.total)}), ` +
      `${bundle.files.length} chunk(s)${over ? "  OVER" : ""}`,
  );
  const list = (packages: PackageBytes[]) =>
    packages
      .slice(0, 5)
      .map((entry) => `${entry.name} ${kb(entry.bytes)}`)
      .join(", ");
  console.log(`      init: ${list(bundle.packages.init)}`);
  if (bundle.packages.deferred.length > 0) console.log(`      later: ${list(bundle.packages.deferred)}`);
}
console.log(`  ${"baseline (hono only)".padEnd(22)} ${kb(baseline.initBytes)}`);
console.log(
  `  API init median ${apiInit.importMedianMs} ms (p90 ${apiInit.importP90Ms}, process ${apiInit.processMedianMs} ms, ` +
    `${apiInit.peakRssMb} MB RSS); without source maps ${apiInitWithoutSourceMaps.importMedianMs} ms; ` +
    `baseline ${baselineInit.importMedianMs} ms; including cold SDK load ${apiInitIncludingSdk.importMedianMs} ms; ` +
    `every route group preloaded ${apiInitWithRouteGroups.importMedianMs} ms`,
);
console.log(
  `  first request per route group (median ms): ${Object.entries(firstRequestByGroup)
    .map(([prefix, run]) => `${prefix} ${run.requestMedianMs}`)
    .join(", ")}`,
);
console.log(
  `  targets: init bytes ${result.targets.apiInitBytes.met ? "met" : "MISSED"}, init time ${result.targets.apiInitMedianMs.met ? "met" : "MISSED"}`,
);
