import { describe, expect, it } from "vitest";
import { listComponentRequirements } from "../catalog/component-requirements";
import { applicableRows } from "../engine/applicable-requirements";
import { evaluate } from "./evaluate";
import type { TEvaluationClaim, TEvaluationInput } from "./evaluation-input";
import { ZEvaluationResult } from "./evaluation-result";
import { parseEvaluationInput } from "./parse-evaluation-input";
import { component, documentWith, EVALUATION_DATE, findAsset, verdictsOf } from "./test-support";

/** Assurance rigor (docs/adr/0065-assurance-rigor.md): one table per rule. */

const run = (document: TEvaluationInput) => {
  const parsed = parseEvaluationInput(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return ZEvaluationResult.parse(evaluate(parsed.input));
};
const codes = (reasons: readonly { code: string }[]) => reasons.map((reason) => reason.code);
const flat = (level: number) => [level, level, level, level, level, level, level];
type TCertificate = NonNullable<TEvaluationClaim["certificate"]>;
const dated = { issued: "2025-01-01", expires: "2028-01-01" };

describe("certificates", () => {
  it.each<[string, TCertificate, "certified" | "self_declared", string, RegExp]>([
    [
      "a dated, valid 4-2 certificate certifies",
      { ...dated, standardPart: "4-2" },
      "certified",
      "certificate_valid",
      /valid/,
    ],
    [
      "absent standardPart means 4-2",
      { ...dated, number: "N-1" },
      "certified",
      "certificate_valid",
      /N-1 is valid/,
    ],
    [
      "a 4-1 (process) certificate never certifies a component claim",
      { ...dated, standardPart: "4-1", number: "CSA-2025-0142" },
      "self_declared",
      "certificate_wrong_part",
      /^Certificate CSA-2025-0142 is a 62443-4-1 /,
    ],
    [
      "a 3-3 (system) certificate never certifies a component claim",
      { ...dated, standardPart: "3-3" },
      "self_declared",
      "certificate_wrong_part",
      /62443-3-3 \(system\)/,
    ],
    [
      "a certificate without an expiry date certifies nothing",
      { issued: "2025-01-01" },
      "self_declared",
      "certificate_undated",
      /no expiry date/,
    ],
    [
      "a certificate without an issue date certifies nothing",
      { expires: "2028-01-01" },
      "self_declared",
      "certificate_undated",
      /no issue date/,
    ],
    [
      "suspended counts as revoked",
      { ...dated, status: "suspended" },
      "self_declared",
      "certificate_revoked",
      /suspended/,
    ],
    [
      "not yet valid on the evaluation date",
      { issued: "2026-06-02", expires: "2029-01-01" },
      "self_declared",
      "certificate_not_yet_valid",
      /after 2026-06-01/,
    ],
  ])("%s", (_, certificate, basis, code, message) => {
    const result = run(
      documentWith({ components: [component("c1", flat(2), { basis: "certified", certificate })] }),
    );
    const asset = findAsset(result, "a1");
    expect(asset.basis).toBe(basis);
    const reason = asset.reasons.find((candidate) => candidate.code.startsWith("certificate_"));
    expect(reason?.code).toBe(code);
    expect(reason?.message).toMatch(message);
    expect(verdictsOf(result, "a1")).toEqual(Array(7).fill("meets"));
  });

  it.each<[string, TCertificate, number[], number[], number[]]>([
    [
      "a lower certified level caps the claim per FR",
      { ...dated, slC: [2, 3, 3, 1, 3, 3, 3] },
      flat(3),
      [2, 3, 3, 1, 3, 3, 3],
      [1, 4],
    ],
    ["a higher certified level never raises the claim", { ...dated, slC: flat(4) }, flat(2), flat(2), []],
    ["without its own slC the certificate caps nothing", dated, flat(3), flat(3), []],
  ])("%s", (_, certificate, declared, used, cappedFrs) => {
    const result = run(
      documentWith({
        components: [
          component("c1", declared, { basis: "certified", certificate: { number: "C-9", ...certificate } }),
        ],
      }),
    );
    expect(result.components[0]?.slC).toEqual(used);
    expect(result.components[0]?.basis).toBe("certified");
    const capped = result.components[0]?.inconsistencies.filter(
      (reason) => reason.code === "certificate_level_below_claim",
    );
    expect(capped?.map((reason) => reason.fr)).toEqual(cappedFrs);
    for (const fr of cappedFrs) {
      const verdict = findAsset(result, "a1").perFr[fr - 1];
      expect(codes(verdict?.reasons ?? [])).toContain("certificate_level_below_claim");
      expect(verdict?.slC).toBe(used[fr - 1]);
    }
  });

  it("names the certificate, the FR and both levels", () => {
    const result = run(
      documentWith({
        components: [
          component("c1", [3, 3, 3, 3, 3, 3, 3], {
            basis: "certified",
            certificate: { ...dated, number: "CSA-1", slC: [3, 3, 2, 3, 3, 3, 3] },
          }),
        ],
      }),
    );
    expect(result.components[0]?.inconsistencies[0]).toMatchObject({
      code: "certificate_level_below_claim",
      message: "Certificate CSA-1 covers FR3 at SL 2; the claim says 3. SL2 is used.",
      fr: 3,
      declared: 3,
      certifiedLevel: 2,
      certificate: { number: "CSA-1" },
    });
  });

  it("a certificate that does not count caps nothing: the claim is self-declared at its own levels", () => {
    const result = run(
      documentWith({
        components: [
          component("c1", flat(3), {
            basis: "certified",
            certificate: { issued: "2020-01-01", expires: "2021-01-01", slC: flat(1) },
          }),
        ],
      }),
    );
    expect(result.components[0]).toMatchObject({ slC: flat(3), basis: "self_declared" });
  });
});

describe("unknown is a gap", () => {
  it.each<[string, TEvaluationInput["countermeasures"]]>([
    ["without countermeasures", []],
    [
      "with a zone countermeasure that would raise every FR",
      [{ id: "m1", scope: { zone: "z1" }, frs: [1, 2, 3, 4, 5, 6, 7], raisesTo: 4 }],
    ],
    ["with an asset countermeasure", [{ id: "m1", scope: { asset: "a1" }, frs: [1], raisesTo: 3 }]],
  ])("a component without a claim is a gap on every FR, %s", (_, countermeasures) => {
    const result = run(
      documentWith({
        components: [component("c1", undefined)],
        zones: [{ id: "z1", slT: [2, 0, 1, 0, 0, 0, 0], assets: [{ id: "a1", componentId: "c1" }] }],
        countermeasures,
      }),
    );
    const asset = findAsset(result, "a1");
    expect(asset.perFr.map((entry) => entry.verdict)).toEqual(Array(7).fill("gap"));
    expect(asset.perFr.map((entry) => entry.effective)).toEqual(flat(0));
    for (const entry of asset.perFr) {
      expect(entry.reasons[0]?.code).toBe("no_claim");
      expect(entry.reasons[0]?.message).toContain("no claim");
    }
    const cited = asset.perFr.filter((entry) =>
      codes(entry.reasons).includes("countermeasure_without_claim"),
    );
    expect(cited.length > 0).toBe((countermeasures ?? []).length > 0);
    expect(result.zones[0]?.compliant).toBe(false);
  });
});

describe("listed requirements are complete", () => {
  const fr1Met = Object.fromEntries(
    listComponentRequirements({ componentType: "EDR", fr: 1 }).map((row) => [row.id, true]),
  );
  const everyRow = Object.fromEntries(
    listComponentRequirements({ componentType: "EDR" }).map((row) => [row.id, true]),
  );
  const fr4Count = applicableRows("EDR", 4).filter((row) => row.minSl <= 2).length;

  it.each<[string, Record<string, boolean | "n/a">, number[]]>([
    ["every row listed and met keeps the declared levels", everyRow, flat(2)],
    ["only FR1 listed: every other FR counts its rows as not met", fr1Met, [2, 0, 0, 0, 0, 0, 0]],
    ["nothing applicable listed keeps the declared levels", { "CR 99.1": true }, flat(2)],
    ['"n/a" counts as met', Object.fromEntries(Object.keys(everyRow).map((id) => [id, "n/a"])), flat(2)],
  ])("%s", (_, requirements, used) => {
    const result = run(documentWith({ components: [component("c1", flat(2), { requirements })] }));
    expect(result.components[0]?.slC).toEqual(used);
  });

  it("says how many rows of which FR were not listed", () => {
    const result = run(documentWith({ components: [component("c1", flat(2), { requirements: fr1Met })] }));
    const fr4 = result.components[0]?.inconsistencies.find((reason) => reason.fr === 4);
    expect(fr4).toMatchObject({ code: "declared_above_derived", declared: 2, derived: 0 });
    expect(fr4?.message).toContain(`${fr4Count} FR4 rows not listed`);
    expect(codes(findAsset(result, "a1").perFr[3]?.reasons ?? [])).toEqual([
      "capability_below_target",
      "declared_above_derived",
    ]);
  });
});

describe('"n/a" making up most of an FR', () => {
  const fr1Rows = applicableRows("EDR", 1).filter((row) => row.minSl <= 2);
  const withNa = (count: number): Record<string, boolean | "n/a"> => {
    const results: Record<string, boolean | "n/a"> = {};
    for (const row of listComponentRequirements({ componentType: "EDR" })) results[row.id] = true;
    for (const row of fr1Rows.slice(0, count)) results[row.id] = "n/a";
    return results;
  };

  it.each<[string, number, boolean]>([
    ["more than half n/a is flagged", Math.floor(fr1Rows.length / 2) + 1, true],
    ["half or fewer is not", Math.floor(fr1Rows.length / 2), false],
    ["every row n/a is flagged", fr1Rows.length, true],
    ["none is not", 0, false],
  ])("%s", (_, count, flagged) => {
    const result = run(
      documentWith({ components: [component("c1", flat(2), { requirements: withNa(count) })] }),
    );
    const reason = result.components[0]?.inconsistencies.find(
      (entry) => entry.code === "not_applicable_majority",
    );
    expect(reason !== undefined).toBe(flagged);
    if (reason) expect(reason.message).toMatch(new RegExp(`^FR1: ${count} of ${fr1Rows.length} rows n/a`));
    // Flagged, never blocking: the level stands.
    expect(result.components[0]?.slC).toEqual(flat(2));
  });
});

describe("countermeasures are credible", () => {
  it.each<[string, "technical" | "procedural" | undefined, number, number[], string, string]>([
    ["kind defaults to technical", undefined, 3, [0, 3], "covered", "covered_by_countermeasure"],
    ["technical raises to its level", "technical", 3, [0, 3], "covered", "covered_by_countermeasure"],
    ["procedural is held to SL 1", "procedural", 3, [0, 1], "gap", "countermeasure_procedural_cap"],
    ["procedural at SL 1 is unchanged", "procedural", 1, [0, 1], "gap", "countermeasure_insufficient"],
  ])("%s", (_, kind, raisesTo, [slC, effective], verdict, code) => {
    const result = run(
      documentWith({
        components: [component("c1", [slC ?? 0, 3, 3, 3, 3, 3, 3])],
        zones: [{ id: "z1", slT: flat(3), assets: [{ id: "a1", componentId: "c1" }] }],
        countermeasures: [{ id: "m1", scope: { zone: "z1" }, frs: [1], raisesTo, ...(kind ? { kind } : {}) }],
      }),
    );
    const fr1 = findAsset(result, "a1").perFr[0];
    expect(fr1).toMatchObject({ effective, verdict });
    expect(codes(fr1?.reasons ?? [])).toEqual(["capability_below_target", code]);
  });

  it("a procedural countermeasure covers a target of SL 1", () => {
    const result = run(
      documentWith({
        components: [component("c1", [0, 1, 1, 1, 1, 1, 1])],
        zones: [{ id: "z1", slT: flat(1), assets: [{ id: "a1", componentId: "c1" }] }],
        countermeasures: [{ id: "m1", scope: { asset: "a1" }, frs: [1], raisesTo: 3, kind: "procedural" }],
      }),
    );
    expect(findAsset(result, "a1").perFr[0]).toMatchObject({ effective: 1, verdict: "covered" });
    expect(result.zones[0]?.obligations[0]?.text).toContain("to SL1 (procedural");
  });

  it("cites a procedural cap even where it leaves the level at SL-C", () => {
    const result = run(
      documentWith({
        components: [component("c1", [1, 2, 2, 2, 2, 2, 2])],
        countermeasures: [{ id: "sop", scope: { zone: "z1" }, frs: [1], raisesTo: 2, kind: "procedural" }],
      }),
    );
    const fr1 = findAsset(result, "a1").perFr[0];
    expect(fr1).toMatchObject({ slC: 1, effective: 1, verdict: "gap" });
    expect(fr1?.reasons[1]).toMatchObject({
      code: "countermeasure_procedural_cap",
      raisesTo: 1,
      statedRaisesTo: 2,
    });
  });
});

describe("end of support", () => {
  it.each<[string, string | undefined, boolean]>([
    ["no end of support", undefined, false],
    ["ends after the evaluation date", "2026-12-31", false],
    ["ends on the evaluation date (still supported that day)", EVALUATION_DATE, false],
    ["ended before the evaluation date", "2026-03-31", true],
  ])("%s", (_, endOfSupport, atRisk) => {
    const supported = run(documentWith({ components: [component("c1", [2, 2, 2, 2, 2, 1, 2])] }));
    const result = run(
      documentWith({
        components: [
          { ...component("c1", [2, 2, 2, 2, 2, 1, 2]), ...(endOfSupport ? { endOfSupport } : {}) },
        ],
      }),
    );
    const asset = findAsset(result, "a1");
    expect(asset.atRisk).toBe(atRisk);
    expect(result.summary.atRiskAssets).toBe(atRisk ? 1 : 0);
    const obligations =
      result.zones[0]?.obligations.filter((entry) => entry.source === "end_of_support") ?? [];
    expect(obligations.length).toBe(atRisk ? 1 : 0);
    if (atRisk) {
      expect(asset.reasons.find((reason) => reason.code === "end_of_support")?.message).toContain(
        `unsupported since ${endOfSupport}`,
      );
      expect(obligations[0]).toMatchObject({
        responsibleParty: "asset_owner",
        assetIds: ["a1"],
        componentId: "c1",
      });
    }
    // Levels, verdicts and compliance are unchanged.
    expect(asset.perFr).toEqual(findAsset(supported, "a1").perFr);
    expect(result.zones[0]?.compliant).toBe(supported.zones[0]?.compliant);
    expect(result.zones[0]?.slA).toEqual(supported.zones[0]?.slA);
  });

  it("keeps the end-of-support reason beside open advisories", () => {
    const result = run(
      documentWith({
        components: [{ ...component("c1", flat(2)), endOfSupport: "2026-01-01" }],
        zones: [
          {
            id: "z1",
            slT: flat(2),
            assets: [{ id: "a1", componentId: "c1", advisories: [{ id: "ADV-1" }] }],
          },
        ],
      }),
    );
    expect(codes(findAsset(result, "a1").reasons)).toEqual(["end_of_support", "advisory_open"]);
    expect(result.zones[0]?.obligations.map((entry) => entry.source).sort()).toEqual([
      "advisory_remediation",
      "end_of_support",
    ]);
  });
});
