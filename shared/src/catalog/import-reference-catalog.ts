/**
 * Regenerates shared/src/catalog/data/*.json from the verified reference files (ids, short titles and SL
 * applicability only; the reference's sources and notes stay there). Run: npx tsx shared/src/catalog/import-reference-catalog.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findReferenceDirectory, REPOSITORY_ROOT } from "./reference-location";

type ReferenceRow = Record<string, unknown>;

const referenceDirectory = findReferenceDirectory();
if (!referenceDirectory) {
  process.stderr.write(
    "reference not found: set ASSURE_REFERENCE or place it at ../shared/reference/iec62443\n",
  );
  process.exit(2);
}
const read = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(referenceDirectory, file), "utf8")) as Record<string, unknown>;
const rows = (document: Record<string, unknown>, key: string): ReferenceRow[] =>
  document[key] as ReferenceRow[];
const frNumber = (value: unknown): number => Number(String(value).replace("FR", ""));
const outputDirectory = join(REPOSITORY_ROOT, "shared/src/catalog/data");
/** One row per line, so a changed requirement shows as a one-line diff. */
const format = (document: Record<string, unknown>): string => {
  const fields = Object.entries(document).map(([key, value]) => {
    const body = Array.isArray(value)
      ? `[\n${value.map((row) => `    ${JSON.stringify(row)}`).join(",\n")}\n  ]`
      : JSON.stringify(value);
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${fields.join(",\n")}\n}\n`;
};
const write = (file: string, value: Record<string, unknown>) =>
  writeFileSync(join(outputDirectory, file), format(value));

const fr = read("fr.json");
write("fr.json", {
  items: rows(fr, "items").map((row) => ({
    number: row.number,
    id: row.id,
    abbreviation: row.abbreviation,
    name: row.name,
  })),
});

const systemRequirements = read("62443-3-3.json");
write("62443-3-3.json", {
  standard: systemRequirements.standard,
  items: rows(systemRequirements, "items").map((row) => ({
    id: row.id,
    kind: row.kind,
    fr: frNumber(row.fr),
    ...(row.parent ? { parent: row.parent } : {}),
    title: row.title,
    minSl: row.min_sl,
    slLevels: row.sl_levels,
  })),
});

const componentTypes = new Set(["SAR", "EDR", "HDR", "NDR"]);
const componentRequirements = read("62443-4-2.json");
write("62443-4-2.json", {
  standard: componentRequirements.standard,
  items: rows(componentRequirements, "items").map((row) => {
    const applicability = String(row.applicability);
    return {
      id: row.id,
      kind: row.kind,
      fr: frNumber(row.fr),
      ...(row.parent ? { parent: row.parent } : {}),
      ...(row.parent_cr ? { parentCr: row.parent_cr } : {}),
      title: row.title,
      applicability,
      ...(componentTypes.has(applicability) ? { componentType: applicability } : {}),
      ...(Array.isArray(row.applies_via) ? { appliesVia: row.applies_via } : {}),
      minSl: row.min_sl ?? null,
      slLevels: row.sl_levels ?? [],
    };
  }),
});

const lifecycle = read("62443-4-1.json");
write("62443-4-1.json", {
  standard: lifecycle.standard,
  practices: rows(lifecycle, "practices").map((row) => ({
    number: row.number,
    abbreviation: row.abbreviation,
    name: row.name,
    clause: row.clause,
    requirementCount: row.requirement_count,
  })),
  requirements: rows(lifecycle, "requirements").map((row) => ({
    id: row.id,
    practice: row.practice,
    title: row.title,
    clause: row.clause,
  })),
  maturityLevels: rows(lifecycle, "maturity_levels").map((row) => ({
    level: row.level,
    name: row.name,
    summary: row.summary,
  })),
});

const serviceProviders = read("62443-2-4.json");
write("62443-2-4.json", {
  standard: serviceProviders.standard,
  functionalAreas: rows(serviceProviders, "functional_areas").map((row) => ({
    id: row.id,
    title: row.title,
    baseRequirementCount: row.br_count,
    enhancementCount: row.re_count,
  })),
  requirements: rows(serviceProviders, "requirements").map((row) => ({
    id: row.id,
    baseRequirement: row.base_requirement,
    kind: row.kind,
    functionalArea: row.functional_area,
    verified: row.verified,
  })),
});
process.stdout.write(`catalog data written to ${outputDirectory}\n`);
