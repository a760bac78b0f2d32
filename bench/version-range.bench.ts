/**
 * Hostile product_version_range strings: how long one parse takes for shapes that made the old patterns
 * backtrack (a 60,000-character range took seconds before ranges were bounded), both far over the length bound
 * (refused after one trim) and exactly at it (the worst the patterns can be made to do). `--quick`: fewer runs.
 * Run: npx tsx bench/version-range.bench.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MAX_RANGE_LENGTH, parseVersionRange } from "../shared/src/advisory/version-range";
import { measure } from "./lib/measure";

const repoRoot = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");

/** Each shape repeats `unit` up to `length` characters. */
const shapes: Record<string, string> = {
  "'<1' run": "<1",
  "'1<' run": "1<",
  "'1 - ' run": "1 - ",
  "'1.' run": "1.",
  "'1 ' run": "1 ",
  "'1 and ' run": "1 and ",
  "'1, ' run": "1, ",
  "digit run": "1",
  "'<' run": "<",
};
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const rows: Record<string, { length: number; medianMs: number; p90Ms: number }> = {};
for (const [name, unit] of Object.entries(shapes)) {
  for (const length of [MAX_RANGE_LENGTH, 60_000]) {
    const input = fill(unit, length);
    const m = measure(() => parseVersionRange(input), { iterations: quick ? 50 : 500, warmup: 20 });
    rows[`${name} × ${length}`] = { length, medianMs: m.medianMs, p90Ms: m.p90Ms };
  }
}
const worst = Math.max(...Object.values(rows).map((r) => r.p90Ms));
for (const [name, r] of Object.entries(rows)) {
  process.stdout.write(
    `${name.padEnd(28)} median ${r.medianMs.toFixed(3)} ms  p90 ${r.p90Ms.toFixed(3)} ms\n`,
  );
}
process.stdout.write(`worst p90: ${worst.toFixed(3)} ms per range\n`);
const out = path.join(repoRoot, "bench/results");
mkdirSync(out, { recursive: true });
writeFileSync(
  path.join(out, "version-range.json"),
  `${JSON.stringify(
    {
      benchmark: "version-range-hostile",
      date: new Date().toISOString(),
      quick,
      machine: { cpus: os.cpus().length, node: process.version },
      maxRangeLength: MAX_RANGE_LENGTH,
      worstP90Ms: worst,
      rows,
    },
    null,
    2,
  )}\n`,
);
