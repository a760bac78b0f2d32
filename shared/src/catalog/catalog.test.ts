import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  componentRequirementRows,
  developmentPracticeRows,
  developmentRequirementRows,
  findComponentRequirement,
  foundationalRequirementLabel,
  foundationalRequirementRows,
  listComponentRequirements,
  listDevelopmentRequirements,
  listServiceProviderRequirements,
  listSystemRequirements,
  maturityLevelRows,
  resolveComponentRequirementId,
  serviceProviderAreaRows,
  serviceProviderRequirementRows,
  systemRequirementRows,
} from ".";
import { findReferenceDirectory } from "./reference-location";

const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);

describe("catalog lookups", () => {
  it.each([
    [1, 37],
    [2, 60],
    [3, 90],
    [4, 100],
  ])("62443-3-3 requires %i rows cumulatively at SL%i", (sl, expected) => {
    expect(listSystemRequirements({ sl })).toHaveLength(expected);
  });

  it("filters 3-3 rows by FR and SL", () => {
    expect(ids(listSystemRequirements({ fr: 3, sl: 1 }))).toEqual([
      "SR 3.1",
      "SR 3.2",
      "SR 3.3",
      "SR 3.5",
      "SR 3.6",
    ]);
  });

  it.each([
    ["SR 3.4", 2],
    ["SR 4.1 RE(2)", 4],
    ["SR 6.2", 2],
    ["SR 2.12 RE(1)", 4],
  ])("keeps the resolved 3-3 level of %s at SL%i", (id, minSl) => {
    expect(systemRequirementRows.find((row) => row.id === id)?.minSl).toBe(minSl);
  });

  it.each([
    ["CR 2.11", 1],
    ["CR 2.11 RE(1)", 2],
    ["CR 2.12", 1],
    ["CR 3.7", 1],
    ["NDR 1.13 RE(1)", 3],
    ["EDR 3.2", 1],
  ])("keeps the component value of %s at SL%i where it differs from 3-3", (id, minSl) => {
    expect(findComponentRequirement(id)?.minSl).toBe(minSl);
  });

  it("lists common CRs plus the type's own rows for a component type", () => {
    const edrFr2AtSl2 = ids(listComponentRequirements({ componentType: "EDR", fr: 2, sl: 2 }));
    expect(edrFr2AtSl2).toContain("CR 2.1 RE(2)");
    expect(edrFr2AtSl2).toContain("EDR 2.4");
    expect(edrFr2AtSl2).toContain("EDR 2.4 RE(1)");
    expect(edrFr2AtSl2).toContain("EDR 2.13");
    expect(edrFr2AtSl2).not.toContain("EDR 2.13 RE(1)");
    expect(edrFr2AtSl2).not.toContain("NDR 2.4");
    expect(edrFr2AtSl2).not.toContain("CR 2.4");
    expect(edrFr2AtSl2).not.toContain("CR 2.3");
  });

  it("gives network devices the zone-boundary rows and embedded devices none", () => {
    expect(ids(listComponentRequirements({ componentType: "NDR", fr: 5 }))).toEqual([
      "CR 5.1",
      "NDR 5.2",
      "NDR 5.2 RE(1)",
      "NDR 5.2 RE(2)",
      "NDR 5.2 RE(3)",
      "NDR 5.3",
    ]);
    expect(ids(listComponentRequirements({ componentType: "EDR", fr: 5 }))).toEqual(["CR 5.1"]);
  });

  it("resolves component-specific CR ids to the type's realising row", () => {
    expect(resolveComponentRequirementId("CR 2.4", "SAR")).toBe("SAR 2.4");
    expect(resolveComponentRequirementId("CR 3.14", "HDR")).toBe("HDR 3.14");
    expect(resolveComponentRequirementId("CR 1.6", "EDR")).toBeUndefined();
    expect(resolveComponentRequirementId("CR 1.1", "EDR")).toBe("CR 1.1");
  });

  it("labels FRs and lists the lifecycle and service-provider catalogs", () => {
    expect(foundationalRequirementLabel(5)).toBe("FR5 RDF");
    expect(ids(listDevelopmentRequirements("SI"))).toEqual(["SI-1", "SI-2"]);
    expect(maturityLevelRows.map((row) => row.level)).toEqual([1, 2, 3, 4]);
    expect(listServiceProviderRequirements("SP.12").filter((row) => row.kind === "BR")).toHaveLength(9);
  });
});

const referenceDirectory = findReferenceDirectory();
if (!referenceDirectory) console.warn("catalog reference comparison skipped: reference not found");

type ReferenceRow = Record<string, unknown> & { id: string };
const readReference = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(referenceDirectory ?? "", file), "utf8")) as Record<string, unknown>;
const referenceRows = (file: string, key: string) => readReference(file)[key] as ReferenceRow[];
const frNumber = (value: unknown) => Number(String(value).replace("FR", ""));

describe.runIf(referenceDirectory)("catalog data against the reference files", () => {
  it("has the seven FRs", () => {
    const reference = referenceRows("fr.json", "items");
    expect(foundationalRequirementRows.map((row) => [row.id, row.abbreviation, row.name])).toEqual(
      reference.map((row) => [row.id, row.abbreviation, row.name]),
    );
  });

  it("matches every 3-3 row and the per-SL counts", () => {
    const document = readReference("62443-3-3.json");
    const reference = document.items as ReferenceRow[];
    const counts = document.counts as { rows: number; required_rows_per_SL: Record<string, number> };
    expect(systemRequirementRows).toHaveLength(counts.rows);
    for (const sl of [1, 2, 3, 4]) {
      expect(listSystemRequirements({ sl })).toHaveLength(counts.required_rows_per_SL[`SL${sl}`] ?? -1);
    }
    expect(
      systemRequirementRows.map((row) => [
        row.id,
        row.kind,
        row.fr,
        row.parent,
        row.title,
        row.minSl,
        row.slLevels,
      ]),
    ).toEqual(
      reference.map((row) => [
        row.id,
        row.kind,
        frNumber(row.fr),
        row.parent ?? undefined,
        row.title,
        row.min_sl,
        row.sl_levels,
      ]),
    );
  });

  it("matches every 4-2 row, its applicability and the counts by kind", () => {
    const document = readReference("62443-4-2.json");
    const reference = document.items as ReferenceRow[];
    const counts = document.counts as Record<string, number>;
    expect(componentRequirementRows).toHaveLength(counts.total_rows ?? -1);
    const countOf = (predicate: (row: (typeof componentRequirementRows)[number]) => boolean) =>
      componentRequirementRows.filter(predicate).length;
    expect(countOf((row) => row.kind === "CR")).toBe(counts.CR_clauses);
    expect(countOf((row) => row.kind === "CR" && row.applicability === "all-components")).toBe(
      counts.CR_all_components,
    );
    expect(countOf((row) => row.applicability === "component-specific")).toBe(counts.CR_component_specific);
    expect(countOf((row) => row.applicability === "no-component-requirement")).toBe(
      counts.CR_no_component_requirement,
    );
    expect(countOf((row) => row.kind === "CR-RE")).toBe(counts.CR_RE);
    for (const kind of ["SAR", "SAR-RE", "EDR", "EDR-RE", "HDR", "HDR-RE", "NDR", "NDR-RE"] as const) {
      expect(countOf((row) => row.kind === kind)).toBe(counts[kind]);
    }
    expect(
      componentRequirementRows.map((row) => [
        row.id,
        row.kind,
        row.fr,
        row.parent,
        row.parentCr,
        row.title,
        row.applicability,
        row.appliesVia,
        row.minSl,
        row.slLevels,
      ]),
    ).toEqual(
      reference.map((row) => [
        row.id,
        row.kind,
        frNumber(row.fr),
        row.parent ?? undefined,
        row.parent_cr ?? undefined,
        row.title,
        row.applicability,
        row.applies_via ?? undefined,
        row.min_sl ?? null,
        row.sl_levels ?? [],
      ]),
    );
  });

  it("matches the 4-1 practices, requirements and maturity levels", () => {
    const document = readReference("62443-4-1.json");
    const practices = document.practices as ReferenceRow[];
    expect(developmentPracticeRows.map((row) => [row.abbreviation, row.name, row.requirementCount])).toEqual(
      practices.map((row) => [row.abbreviation, row.name, row.requirement_count]),
    );
    expect(developmentRequirementRows.map((row) => [row.id, row.practice, row.title, row.clause])).toEqual(
      (document.requirements as ReferenceRow[]).map((row) => [row.id, row.practice, row.title, row.clause]),
    );
    for (const practice of developmentPracticeRows) {
      expect(listDevelopmentRequirements(practice.abbreviation)).toHaveLength(practice.requirementCount);
    }
    expect(maturityLevelRows.map((row) => row.name)).toEqual(
      (document.maturity_levels as ReferenceRow[]).map((row) => row.name),
    );
  });

  it("matches the 2-4 functional areas and requirement ids", () => {
    const document = readReference("62443-2-4.json");
    expect(serviceProviderAreaRows.map((row) => [row.id, row.title])).toEqual(
      (document.functional_areas as ReferenceRow[]).map((row) => [row.id, row.title]),
    );
    expect(
      serviceProviderRequirementRows.map((row) => [row.id, row.kind, row.functionalArea, row.verified]),
    ).toEqual(
      (document.requirements as ReferenceRow[]).map((row) => [
        row.id,
        row.kind,
        row.functional_area,
        row.verified,
      ]),
    );
    for (const area of serviceProviderAreaRows) {
      const rows = listServiceProviderRequirements(area.id);
      expect(rows.filter((row) => row.kind === "BR")).toHaveLength(area.baseRequirementCount);
      expect(rows.filter((row) => row.kind === "RE")).toHaveLength(area.enhancementCount);
    }
  });
});
