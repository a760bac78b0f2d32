import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative as relativePath, resolve as resolvePath, sep } from "node:path";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
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

/**
 * Upper bounds on the minified output (without the AWS SDK, which the runtime provides), per function.
 * `init` is what Lambda loads in its init phase: the entry chunk index.mjs and every chunk it imports
 * statically. `total` is every chunk, including those that only `import()` loads (a route group on its first
 * request, the CSAF validator with the first import, …). Measured sizes: bench/results/infra.json; what is
 * deferred and why: docs/adr/0026-api-code-splitting.md.
 */
export const BUNDLE_SIZE_LIMITS_BYTES: Record<FunctionName, { init: number; total: number }> = {
  // init (~320 KiB): zod, Hono, the OpenAPI extension, jose, config, authentication. The target.
  // total (~2.7 MiB): the route groups (~500 KiB), the CSAF validator (csaf-validator-lib, ajv, js-joda and the
  // CSAF/CVSS schemas, ~1.1 MiB) and exceljs with its zip and stream dependencies (~0.8 MiB).
  api: { init: 500 * 1024, total: 3 * 1024 * 1024 },
  // Advisory impact regenerates site obligations with the engine and the requirement catalog (~345 KiB), all
  // needed by the handlers it registers at init; no CSAF validator.
  streamProcessor: { init: 400 * 1024, total: 400 * 1024 },
  // Reads certifications and writes notifications, parsing items with zod like every repository (~200 KiB).
  certificateExpiryJob: { init: 256 * 1024, total: 256 * 1024 },
  // Cursor store and feed reading at init (~195 KiB); the importer with the CSAF validator (~1.1 MiB more) is
  // loaded only when a provider is configured.
  csafFeedPollJob: { init: 256 * 1024, total: 1536 * 1024 },
  signingKeyRotation: { init: 50 * 1024, total: 50 * 1024 },
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

/**
 * ESM with code splitting: `<outdir>/index.mjs` is the entry chunk (Lambda's `index.handler`), modules reached
 * only through `import()` go to `<outdir>/chunks/`, and code shared between them to chunks of its own.
 * Lambda deploys the whole directory; Node loads a chunk when the first `import()` of it runs.
 */
export function esbuildOptions(entryPoint: string, outdir: string): BuildOptions & { metafile: true } {
  return {
    entryPoints: { index: entryPoint },
    outdir,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    metafile: true,
    // Metafile paths are relative to this (the repository root), wherever the caller runs.
    absWorkingDir: repoPath(),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    minify: true,
    sourcemap: "external",
    sourcesContent: false,
    mainFields: ["module", "main"],
    external: EXTERNAL_MODULES,
    // Every chunk gets the shim: a CommonJS dependency may land in any of them.
    banner: { js: ESM_REQUIRE_BANNER },
    legalComments: "none",
    logLevel: "silent",
    plugins: [zodEnglishOnly],
  };
}

export interface PackageBytes {
  /** npm package name, or the first-party directory (e.g. `functions/src/routes`). */
  name: string;
  bytes: number;
}

export interface FunctionBundle {
  /** Directory with index.mjs, chunks/ and their source maps: the Lambda asset. */
  dir: string;
  /** The entry chunk index.mjs. */
  entryBytes: number;
  /** What Lambda's init phase loads: the entry chunk plus every chunk it imports statically (transitively). */
  initBytes: number;
  /** Every chunk, including those loaded later by `import()`. */
  totalBytes: number;
  /** Output files (relative to `dir`) loaded at init, the entry first. */
  initFiles: string[];
  /** Every JavaScript output file (relative to `dir`). */
  files: string[];
  /** Output bytes per package, largest first: at init, and in the chunks loaded later. */
  packages: { init: PackageBytes[]; deferred: PackageBytes[] };
  /** First-party TypeScript sources in the bundle (repository-relative), e.g. to check what the code reads. */
  sources: string[];
}

export type FunctionBundles = Record<FunctionName, FunctionBundle>;

/** `…/node_modules/<pkg>/…` → the (innermost) package; first-party files → their directory under `src/`. */
export function packageOf(input: string): string {
  const path = input.replaceAll("\\", "/");
  const marker = "node_modules/";
  const at = path.lastIndexOf(marker);
  if (at >= 0) {
    const [first = path, second] = path.slice(at + marker.length).split("/");
    return first.startsWith("@") && second ? `${first}/${second}` : first;
  }
  const firstParty = path.match(/^((?:functions|shared|infra)\/src(?:\/[^/]+(?=\/))?)/);
  return firstParty?.[1] ?? path;
}

/** Entry, init closure, totals and per-package bytes from an esbuild metafile of esbuildOptions(). */
export function analyseMetafile(metafile: Metafile, dir: string): Omit<FunctionBundle, "dir"> {
  const relative = (output: string) => toPosix(relativePath(dir, resolvePath(repoPath(), output)));
  const outputs = new Map(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith(".mjs"))
      .map(([file, output]) => [relative(file), output] as const),
  );
  // Modules reached by import() are entry points too in esbuild's eyes; the function's own is index.mjs.
  const entry = "index.mjs";
  if (!outputs.has(entry)) throw new Error(`no entry chunk index.mjs in ${dir}`);
  const initFiles: string[] = [];
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.shift() as string;
    if (initFiles.includes(file)) continue;
    initFiles.push(file);
    for (const imported of outputs.get(file)?.imports ?? []) {
      if (imported.kind === "import-statement" && !imported.external) pending.push(relative(imported.path));
    }
  }
  const bytesOf = (files: Iterable<string>) =>
    [...files].reduce((sum, file) => sum + (outputs.get(file)?.bytes ?? 0), 0);
  const byPackage = (files: string[]): PackageBytes[] => {
    const sums = new Map<string, number>();
    for (const file of files) {
      for (const [input, { bytesInOutput }] of Object.entries(outputs.get(file)?.inputs ?? {})) {
        const name = packageOf(input);
        sums.set(name, (sums.get(name) ?? 0) + bytesInOutput);
      }
    }
    return [...sums]
      .filter(([, bytes]) => bytes > 0)
      .map(([name, bytes]) => ({ name, bytes }))
      .sort((a, b) => b.bytes - a.bytes);
  };
  const files = [...outputs.keys()].sort();
  const sources = [
    ...new Set(
      [...outputs.values()].flatMap((output) =>
        Object.keys(output.inputs).filter(
          (input) => !input.includes("node_modules") && input.endsWith(".ts"),
        ),
      ),
    ),
  ].sort();
  return {
    entryBytes: bytesOf([entry]),
    initBytes: bytesOf(initFiles),
    totalBytes: bytesOf(files),
    initFiles,
    files,
    packages: {
      init: byPackage(initFiles),
      deferred: byPackage(files.filter((file) => !initFiles.includes(file))),
    },
    sources,
  };
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** Bundles one entry point into `dir` (emptied first). */
export async function bundleEntry(entryPoint: string, dir: string): Promise<FunctionBundle> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build(esbuildOptions(entryPoint, dir));
  return { dir, ...analyseMetafile(result.metafile, dir) };
}

export function bundleFunction(name: FunctionName, outRoot: string): Promise<FunctionBundle> {
  return bundleEntry(repoPath(FUNCTION_ENTRIES[name]), join(outRoot, name));
}

/** Bundles every function into `<outRoot>/<name>/` (index.mjs + chunks/), in parallel. */
export async function bundleAllFunctions(
  outRoot: string = repoPath("cdk.out", "bundles"),
): Promise<FunctionBundles> {
  const entries = await Promise.all(
    FUNCTION_NAMES.map(async (name) => [name, await bundleFunction(name, outRoot)] as const),
  );
  return Object.fromEntries(entries) as FunctionBundles;
}

/** For tests: the text of one output file (default: the entry chunk), e.g. to check what was (not) included. */
export function readBundle(bundle: FunctionBundle, file = "index.mjs"): string {
  return readFileSync(join(bundle.dir, file), "utf8");
}
