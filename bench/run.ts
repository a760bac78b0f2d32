/**
 * Runs every bench/*.bench.ts in turn, each in a fresh Node process (tsx loader, GC exposed for memory
 * figures), passing on arguments such as --quick. Exits non-zero if any benchmark fails.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const benchDirectory = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(benchDirectory)
  .filter((file) => file.endsWith(".bench.ts"))
  .sort();
const passOn = process.argv.slice(2);
const failed: string[] = [];
for (const file of files) {
  process.stdout.write(`\n▶ ${file}\n`);
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(benchDirectory, file), ...passOn],
    {
      stdio: "inherit",
      cwd: join(benchDirectory, ".."),
    },
  );
  if (run.status !== 0) failed.push(`${file} (exit ${run.status ?? run.signal})`);
}
if (files.length === 0) process.stdout.write("no bench/*.bench.ts files found\n");
if (failed.length > 0) {
  process.stderr.write(`\nfailed: ${failed.join(", ")}\n`);
  process.exitCode = 1;
}
