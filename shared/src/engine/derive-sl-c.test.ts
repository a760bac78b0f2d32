import { describe, expect, it } from "vitest";
import { listComponentRequirements } from "../catalog/component-requirements";
import type { TComponentType } from "../domain/component";
import { deriveSlC, type TRequirementResults } from "./derive-sl-c";

/** Every row of the FR applicable to the type, up to `sl`, met. */
function allMet(componentType: TComponentType, fr: number, sl = 4): Record<string, true> {
  return Object.fromEntries(
    listComponentRequirements({ componentType, fr, sl }).map((row) => [row.id, true]),
  );
}

const derivedFor = (componentType: TComponentType, requirements: TRequirementResults, fr: number) =>
  deriveSlC(componentType, requirements).perFr[fr - 1];

describe("deriveSlC", () => {
  it.each<[string, TComponentType, TRequirementResults, number, number | null]>([
    ["no requirement listed leaves the FR to the declared level", "EDR", {}, 1, null],
    ["only unknown ids listed leaves the FR to the declared level", "EDR", { "CR 99.1": true }, 1, null],
    [
      "an FR the claim lists nothing of, while it lists another FR, counts as not met",
      "EDR",
      { "CR 2.1": true },
      1,
      0,
    ],
    ["every applicable row met gives SL4", "EDR", allMet("EDR", 1), 1, 4],
    [
      "only rows up to SL2 listed gives SL2 (unlisted higher rows count as not met)",
      "EDR",
      allMet("EDR", 1, 2),
      1,
      2,
    ],
    ["an SL1 row not met gives SL0", "EDR", { ...allMet("EDR", 1), "CR 1.1": false }, 1, 0],
    ["an SL2 row not met gives SL1", "EDR", { ...allMet("EDR", 1), "CR 1.2": false }, 1, 1],
    ["an SL3 RE not met gives SL2", "EDR", { ...allMet("EDR", 1), "CR 1.1 RE(2)": false }, 1, 2],
    ['"n/a" counts as met', "EDR", { ...allMet("EDR", 2), "CR 2.2": "n/a" }, 2, 4],
    [
      "the type's own rows count: EDR 2.13 missing caps FR2 at SL1",
      "EDR",
      { ...allMet("EDR", 2), "EDR 2.13": false },
      2,
      1,
    ],
    ["another type's rows are not required: NDR 5.2 for an EDR", "EDR", { "CR 5.1": true }, 5, 4],
    ["network devices need the zone-boundary rows", "NDR", { "CR 5.1": true }, 5, 0],
    [
      "the type's own id wins over its CR alias: SAR 3.2 (SL1) false",
      "SAR",
      { ...allMet("SAR", 3), "SAR 3.2": false, "CR 3.2": true },
      3,
      0,
    ],
    [
      "a CR id alone counts for the type's row: CR 3.2 false for a SAR",
      "SAR",
      { ...withoutKey(allMet("SAR", 3), "SAR 3.2"), "CR 3.2": false },
      3,
      0,
    ],
    [
      "an aliased CR id can supply the type's row",
      "HDR",
      { ...withoutKey(allMet("HDR", 3), "HDR 3.2"), "CR 3.2": true },
      3,
      4,
    ],
  ])("%s", (_, componentType, requirements, fr, expected) => {
    expect(derivedFor(componentType, requirements, fr)?.derived).toBe(expected);
  });

  it("counts the rows not listed and the rows answered n/a", () => {
    const derivation = derivedFor("EDR", { "CR 2.1": true, "CR 1.1": true, "CR 1.2": "n/a" }, 1);
    const fr1 = listComponentRequirements({ componentType: "EDR", fr: 1 }).length;
    expect(derivation?.unlisted).toHaveLength(fr1 - 2);
    expect(derivation?.notApplicable.map((row) => row.id)).toEqual(["CR 1.2"]);
    expect(derivation?.unmet).toEqual(derivation?.unlisted);
  });

  it("lists the unmet rows lowest level first", () => {
    const derivation = derivedFor("EDR", { ...allMet("EDR", 1), "CR 1.7 RE(2)": false, "CR 1.2": false }, 1);
    expect(derivation?.unmet.map((row) => row.id)).toEqual(["CR 1.2", "CR 1.7 RE(2)"]);
  });

  it("reports unknown ids and ids that do not apply to the type", () => {
    const derivation = deriveSlC("EDR", {
      "CR 9.9": true,
      "NDR 5.2": true,
      "CR 2.3": true,
      "CR 1.6": true,
      "CR 1.1": true,
    });
    expect(derivation.unknownRequirementIds).toEqual(["CR 9.9"]);
    expect(derivation.notApplicableRequirementIds).toEqual(["NDR 5.2", "CR 2.3", "CR 1.6"]);
  });
});

function withoutKey(record: Record<string, true>, key: string): Record<string, true> {
  const { [key]: _, ...rest } = record;
  return rest;
}
