import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

type TEngineModule = typeof import("../../shared/src/evaluation/evaluate");

/**
 * The engine as it ships: `shared/src/evaluation/evaluate.ts` bundled by esbuild into one ESM file (minified,
 * as the API Lambda's bundle is), then imported. Timing the tsx-transpiled sources instead adds its module
 * interop (every imported binding read through a getter) to each call, about a quarter of the time measured.
 */
export async function importBundledEngine(): Promise<TEngineModule> {
  const entry = join(dirname(fileURLToPath(import.meta.url)), "../../shared/src/evaluation/evaluate.ts");
  const outfile = join(mkdtempSync(join(tmpdir(), "assure-engine-bench-")), "evaluate.mjs");
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    logLevel: "warning",
  });
  return (await import(pathToFileURL(outfile).href)) as TEngineModule;
}
