/** Writes docs/schemas/evaluation-*.schema.json from the zod schemas, formatted by Biome. Run: npm run -s schemas */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPOSITORY_ROOT } from "../catalog/reference-location";
import { EVALUATION_SCHEMA_FILES } from "./evaluation-json-schemas";

const files = Object.entries(EVALUATION_SCHEMA_FILES).map(([file, build]) => {
  writeFileSync(join(REPOSITORY_ROOT, file), `${JSON.stringify(build(), null, 2)}\n`);
  return file;
});
execFileSync(join(REPOSITORY_ROOT, "node_modules/.bin/biome"), ["format", "--write", ...files], {
  cwd: REPOSITORY_ROOT,
  stdio: "ignore",
});
process.stdout.write(`wrote ${files.join(", ")}\n`);
