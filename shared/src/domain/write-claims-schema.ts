/** Writes docs/schemas/claims-document.schema.json from the zod schema. Run: npx tsx shared/src/domain/write-claims-schema.ts */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPOSITORY_ROOT } from "../catalog/reference-location";
import { claimsDocumentJsonSchema } from "./claims-document";

export const CLAIMS_SCHEMA_FILE = "docs/schemas/claims-document.schema.json";

writeFileSync(
  join(REPOSITORY_ROOT, CLAIMS_SCHEMA_FILE),
  `${JSON.stringify(claimsDocumentJsonSchema(), null, 2)}\n`,
);
execFileSync(join(REPOSITORY_ROOT, "node_modules/.bin/biome"), ["format", "--write", CLAIMS_SCHEMA_FILE], {
  cwd: REPOSITORY_ROOT,
  stdio: "ignore",
});
process.stdout.write(`wrote ${CLAIMS_SCHEMA_FILE}\n`);
