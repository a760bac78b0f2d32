import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { repoPath } from "./paths";

/**
 * Lambda entry points (relative to the repository root) and the one esbuild configuration used to bundle
 * them: the stack deploys these bundles and the bundle-size test and benchmark measure the very same ones.
 * Bundling runs before the CDK app is built (esbuild plugins need the async API, CDK's bundling hooks are
 * synchronous).
 */
export const FUNCTION_ENTRIES = {
  api: "functions/src/lambda/api.ts",
  streamProcessor: "functions/src/lambda/stream.ts",
  certificateExpiryJob: "functions/src/lambda/jobs/certificate-expiry.ts",
  csafFeedPollJob: "functions/src/lambda/jobs/csaf-feed-poll.ts",
  signingKeyRotation: "infra/src/lambda/rotate-signing-key.ts",
} as const;

export type FunctionName = keyof typeof FUNCTION_ENTRIES;
export const FUNCTION_NAMES = Object.keys(FUNCTION_ENTRIES) as FunctionName[];

/** Upper bounds on the minified bundle (without the AWS SDK, which the runtime provides). */
export const BUNDLE_SIZE_LIMITS_BYTES: Record<FunctionName, number> = {
  // CSAF import validates in the request (POST /v1/advisories): @secvisogram/csaf-validator-lib with its CWE and
  // language data, ajv and the vendored CSAF/CVSS schemas (~1.1 MiB, docs/adr/0010), beside the XLSX reports.
  api: 3 * 1024 * 1024,
  // Advisory impact regenerates site obligations with the engine and the requirement catalog (~360 KiB).
  streamProcessor: 400 * 1024,
  // Reads certifications and writes notifications, parsing items with zod like every repository (~200 KiB).
  certificateExpiryJob: 256 * 1024,
  // Imports what it polls through the same use case as the API, so it carries the CSAF validator (~1.4 MiB).
  csafFeedPollJob: 1600 * 1024,
  signingKeyRotation: 50 * 1024,
};

/** The Node 22 runtime ships AWS SDK v3; bundling it would add megabytes and cold-start time. */
export const EXTERNAL_MODULES = ["@aws-sdk/*"];

/** ESM output still meets CommonJS dependencies that call `require`; give them one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __assureCreateRequire } from 'node:module';" +
  "const require = __assureCreateRequire(import.meta.url);";

/**
 * zod 4 exposes every locale through `z.locales`, so `import { z } from "zod"` (as @hono/zod-openapi
 * does) pulls ~250 kB of translated error messages into the bundle. Only English is used (zod's default),
 * so the locale index is replaced with one that has only `en`.
 */
export const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: "zod-locales-en", namespace: "zod-locales" }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: "zod-locales" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: repoPath(),
    }));
  },
};

export function esbuildOptions(entryPoint: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    minify: true,
    sourcemap: "external",
    sourcesContent: false,
    mainFields: ["module", "main"],
    external: EXTERNAL_MODULES,
    banner: { js: ESM_REQUIRE_BANNER },
    legalComments: "none",
    logLevel: "silent",
    plugins: [zodEnglishOnly],
  };
}

export interface FunctionBundle {
  /** Directory with index.mjs (+ index.mjs.map): the Lambda asset. */
  dir: string;
  /** Size of index.mjs in bytes. */
  bytes: number;
}

export type FunctionBundles = Record<FunctionName, FunctionBundle>;

export async function bundleFunction(name: FunctionName, outRoot: string): Promise<FunctionBundle> {
  const dir = join(outRoot, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, "index.mjs");
  await build(esbuildOptions(repoPath(FUNCTION_ENTRIES[name]), outfile));
  return { dir, bytes: statSync(outfile).size };
}

/** Bundles every function into `<outRoot>/<name>/index.mjs`, in parallel. */
export async function bundleAllFunctions(
  outRoot: string = repoPath("cdk.out", "bundles"),
): Promise<FunctionBundles> {
  const entries = await Promise.all(
    FUNCTION_NAMES.map(async (name) => [name, await bundleFunction(name, outRoot)] as const),
  );
  return Object.fromEntries(entries) as FunctionBundles;
}

/** For tests: the bundle's text, e.g. to check what was (not) included. */
export function readBundle(bundle: FunctionBundle): string {
  return readFileSync(join(bundle.dir, "index.mjs"), "utf8");
}
