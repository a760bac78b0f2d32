import { describe, expect, it } from "vitest";
import { listComponentRequirements } from "../catalog/component-requirements";
import { evaluate } from "./evaluate";
import type { TEvaluationInput } from "./evaluation-input";
import { ZEvaluationResult } from "./evaluation-result";
import { component, documentWith, EVALUATION_DATE, findAsset, verdictsOf } from "./test-support";

const run = (document: TEvaluationInput) => {
  const result = evaluate(document);
  ZEvaluationResult.parse(result);
  return result;
};
const reasonCodes = (reasons: readonly { code: string }[]) => reasons.map((reason) => reason.code);
const flat = (level: number) => [level, level, level, level, level, level, level];

describe("per-FR verdicts", () => {
  it.each<[string, number[] | undefined, number[], string[]]>([
    ["SL-C above SL-T meets", flat(3), flat(2), Array(7).fill("meets")],
    ["SL-C equal to SL-T meets", flat(2), flat(2), Array(7).fill("meets")],
    [
      "SL-C below SL-T is a gap",
      [2, 1, 2, 2, 2, 2, 2],
      flat(2),
      ["meets", "gap", "meets", "meets", "meets", "meets", "meets"],
    ],
    [
      "no claim is a gap on every FR, even where SL-T is 0",
      undefined,
      [1, 0, 0, 0, 0, 0, 0],
      Array(7).fill("gap"),
    ],
  ])("%s", (_, slC, slT, expected) => {
    const result = run(
      documentWith({
        components: [component("c1", slC)],
        zones: [{ id: "z1", slT, assets: [{ id: "a1", componentId: "c1" }] }],
      }),
    );
    expect(verdictsOf(result, "a1")).toEqual(expected);
  });

  it("explains a gap with the requirement rows needed to reach SL-T", () => {
    const result = run(
      documentWith({ components: [component("c1", [2, 2, 2, 2, 1, 2, 2], { componentType: "NDR" })] }),
    );
    const fr5 = findAsset(result, "a1").perFr[4];
    expect(fr5?.verdict).toBe("gap");
    expect(fr5?.reasons[0]).toMatchObject({ code: "capability_below_target", fr: 5, slC: 1, slT: 2 });
    expect(fr5?.reasons[0]?.requirementIds).toEqual(["NDR 5.2 RE(1)"]);
  });

  it("flags a missing claim on the asset", () => {
    const result = run(documentWith({ components: [component("c1", undefined)] }));
    expect(reasonCodes(findAsset(result, "a1").reasons)).toContain("no_claim");
    expect(findAsset(result, "a1").basis).toBeNull();
  });

  it("uses the derived level when the declared one is higher, and says which rows are missing", () => {
    const fr1AtSl1 = Object.fromEntries([
      ...listComponentRequirements({ componentType: "EDR" })
        .filter((row) => row.fr !== 1)
        .map((row) => [row.id, true]),
      ...listComponentRequirements({ componentType: "EDR", fr: 1, sl: 1 }).map((row) => [row.id, true]),
    ]);
    const result = run(documentWith({ components: [component("c1", flat(2), { requirements: fr1AtSl1 })] }));
    const fr1 = findAsset(result, "a1").perFr[0];
    expect(fr1).toMatchObject({ slC: 1, verdict: "gap" });
    expect(reasonCodes(fr1?.reasons ?? [])).toEqual(["capability_below_target", "declared_above_derived"]);
    const inconsistency = result.components[0]?.inconsistencies[0];
    expect(inconsistency).toMatchObject({ code: "declared_above_derived", fr: 1, declared: 2, derived: 1 });
    expect(inconsistency?.requirementIds).toEqual(["CR 1.1 RE(1)", "CR 1.2", "CR 1.8", "CR 1.9", "CR 1.14"]);
    expect(result.components[0]?.derivedSlC).toEqual([1, 4, 4, 4, 4, 4, 4]);
    expect(result.summary.inconsistencies).toBe(1);
  });

  it("keeps the declared level when the requirements support more", () => {
    const all = Object.fromEntries(
      listComponentRequirements({ componentType: "EDR" }).map((row) => [row.id, true]),
    );
    const result = run(documentWith({ components: [component("c1", flat(2), { requirements: all })] }));
    expect(result.components[0]?.slC).toEqual(flat(2));
    expect(result.components[0]?.inconsistencies).toEqual([]);
  });
});

describe("countermeasures", () => {
  const weakHmi = [component("c1", [1, 1, 2, 2, 1, 2, 2])];

  it.each<[string, TEvaluationInput["countermeasures"], string, string[]]>([
    [
      "an asset countermeasure covers its asset",
      [{ id: "m1", scope: { asset: "a1" }, frs: [1], raisesTo: 2 }],
      "a1",
      ["covered", "gap"],
    ],
    [
      "a zone countermeasure covers every asset of the zone",
      [{ id: "m1", scope: { zone: "z1" }, frs: [1, 2], raisesTo: 2 }],
      "a1",
      ["covered", "covered"],
    ],
    [
      "a countermeasure below SL-T leaves a gap",
      [{ id: "m1", scope: { zone: "z1" }, frs: [1], raisesTo: 1 }],
      "a1",
      ["gap", "gap"],
    ],
    [
      "a countermeasure on another zone does not apply",
      [{ id: "m1", scope: { zone: "z2" }, frs: [1], raisesTo: 3 }],
      "a1",
      ["gap", "gap"],
    ],
  ])("%s", (_, countermeasures, assetId, expectedFr1And2) => {
    const result = run(
      documentWith({
        components: weakHmi,
        zones: [
          { id: "z1", slT: flat(2), assets: [{ id: "a1", componentId: "c1" }] },
          { id: "z2", slT: flat(2), assets: [] },
        ],
        countermeasures,
      }),
    );
    expect(verdictsOf(result, assetId).slice(0, 2)).toEqual(expectedFr1And2);
  });

  it("cites the countermeasure that covers, and the one that falls short", () => {
    const result = run(
      documentWith({
        components: weakHmi,
        countermeasures: [
          { id: "m-low", scope: { zone: "z1" }, frs: [1, 5], raisesTo: 1 },
          { id: "m-high", scope: { asset: "a1" }, frs: [1], raisesTo: 3 },
        ],
        zones: [{ id: "z1", slT: [2, 2, 2, 2, 3, 2, 2], assets: [{ id: "a1", componentId: "c1" }] }],
      }),
    );
    const asset = findAsset(result, "a1");
    expect(asset.perFr[0]).toMatchObject({ verdict: "covered", effective: 3 });
    expect(asset.perFr[0]?.reasons[1]).toMatchObject({
      code: "covered_by_countermeasure",
      countermeasureId: "m-high",
      countermeasureScope: "asset",
    });
    expect(asset.perFr[4]).toMatchObject({ verdict: "gap", effective: 1 });
    expect(reasonCodes(asset.perFr[4]?.reasons ?? [])).toEqual(["capability_below_target"]);
  });

  it("reports a countermeasure that raises the level but not to SL-T", () => {
    const result = run(
      documentWith({
        components: [component("c1", [0, 2, 2, 2, 2, 2, 2])],
        countermeasures: [{ id: "m1", scope: { zone: "z1" }, frs: [1], raisesTo: 1 }],
      }),
    );
    const fr1 = findAsset(result, "a1").perFr[0];
    expect(fr1).toMatchObject({ verdict: "gap", effective: 1 });
    expect(fr1?.reasons[1]).toMatchObject({
      code: "countermeasure_insufficient",
      countermeasureId: "m1",
      raisesTo: 1,
    });
  });

  describe("conduit scope: applies to the conduit's assets, and to a zone's assets only if every conduit of the zone carries one", () => {
    const zones = [
      { id: "z1", slT: flat(2), assets: [{ id: "a1", componentId: "c1" }] },
      { id: "z2", slT: flat(2), assets: [{ id: "a2", componentId: "c1" }] },
      { id: "z3", slT: flat(2), assets: [{ id: "a3", componentId: "c1" }] },
    ];
    const components = [component("c1", [2, 2, 2, 2, 1, 2, 2])];

    it.each<
      [string, TEvaluationInput["conduits"], TEvaluationInput["countermeasures"], Record<string, string>]
    >([
      [
        "one conduit with a firewall covers both zones it joins",
        [{ id: "k1", from: "z1", to: "z2" }],
        [{ id: "fw", scope: { conduit: "k1" }, frs: [5], raisesTo: 2 }],
        { a1: "covered", a2: "covered", a3: "gap" },
      ],
      [
        "a second, unprotected conduit into z2 leaves z2 uncovered",
        [
          { id: "k1", from: "z1", to: "z2" },
          { id: "k2", from: "z2", to: "z3" },
        ],
        [{ id: "fw", scope: { conduit: "k1" }, frs: [5], raisesTo: 2 }],
        { a1: "covered", a2: "gap", a3: "gap" },
      ],
      [
        "both conduits protected: the weakest decides",
        [
          { id: "k1", from: "z1", to: "z2" },
          { id: "k2", from: "z2", to: "z3" },
        ],
        [
          { id: "fw1", scope: { conduit: "k1" }, frs: [5], raisesTo: 3 },
          { id: "fw2", scope: { conduit: "k2" }, frs: [5], raisesTo: 2 },
        ],
        { a1: "covered", a2: "covered", a3: "covered" },
      ],
    ])("%s", (_, conduits, countermeasures, expectedFr5) => {
      const result = run(documentWith({ components, zones, conduits, countermeasures }));
      for (const [assetId, verdict] of Object.entries(expectedFr5)) {
        expect(findAsset(result, assetId).perFr[4]?.verdict, assetId).toBe(verdict);
      }
    });

    it("names the conduit and the weakest countermeasure", () => {
      const result = run(
        documentWith({
          components,
          zones,
          conduits: [
            { id: "k1", from: "z1", to: "z2" },
            { id: "k2", from: "z2", to: "z3" },
          ],
          countermeasures: [
            { id: "fw1", scope: { conduit: "k1" }, frs: [5], raisesTo: 3 },
            { id: "fw2", scope: { conduit: "k2" }, frs: [5], raisesTo: 2 },
          ],
        }),
      );
      const fr5 = findAsset(result, "a2").perFr[4];
      expect(fr5).toMatchObject({ effective: 2 });
      expect(fr5?.reasons[1]).toMatchObject({
        code: "covered_by_countermeasure",
        countermeasureId: "fw2",
        conduitId: "k2",
        countermeasureScope: "conduit",
      });
    });
  });
});

describe("zones", () => {
  it("takes SL-A as the weakest effective level per FR", () => {
    const result = run(
      documentWith({
        components: [component("c1", [3, 1, 2, 4, 0, 2, 2]), component("c2", [1, 3, 2, 0, 4, 2, 1])],
        zones: [
          {
            id: "z1",
            slT: flat(0),
            assets: [
              { id: "a1", componentId: "c1" },
              { id: "a2", componentId: "c2" },
            ],
          },
        ],
        countermeasures: [{ id: "m1", scope: { asset: "a2" }, frs: [4], raisesTo: 3 }],
      }),
    );
    expect(result.zones[0]?.slA).toEqual([1, 1, 2, 3, 0, 2, 1]);
    expect(result.zones[0]?.compliant).toBe(true);
  });

  it.each<[string, Partial<TEvaluationInput>, boolean, string[]]>([
    ["all FRs met, basis met", {}, true, []],
    ["one FR short", { components: [component("c1", [2, 2, 2, 2, 2, 2, 1])] }, false, ["fr_below_target"]],
    [
      "levels met, basis below minimum",
      {
        zones: [
          {
            id: "z1",
            slT: flat(2),
            minimumBasis: "third_party_assessed",
            assets: [{ id: "a1", componentId: "c1" }],
          },
        ],
      },
      false,
      ["basis_below_minimum"],
    ],
    [
      "third-party assessed meets a third-party minimum",
      {
        components: [component("c1", flat(2), { basis: "third_party_assessed" })],
        zones: [
          {
            id: "z1",
            slT: flat(2),
            minimumBasis: "third_party_assessed",
            assets: [{ id: "a1", componentId: "c1" }],
          },
        ],
      },
      true,
      [],
    ],
    [
      "an expired certificate fails a certified minimum",
      {
        components: [
          component("c1", flat(2), {
            basis: "certified",
            certificate: { issued: "2020-01-01", expires: "2026-01-01" },
          }),
        ],
        zones: [
          { id: "z1", slT: flat(2), minimumBasis: "certified", assets: [{ id: "a1", componentId: "c1" }] },
        ],
      },
      false,
      ["basis_below_minimum"],
    ],
    [
      "an empty zone with a target",
      { zones: [{ id: "z1", slT: flat(1), assets: [] }] },
      false,
      ["zone_empty"],
    ],
    // Nothing to evaluate is neither a pass nor a failure: `empty` says so and the summary counts it apart.
    ["an empty zone without a target", { zones: [{ id: "z1", slT: flat(0) }] }, false, ["zone_empty"]],
  ])("compliance: %s", (_, overrides, compliant, codes) => {
    const result = run(documentWith(overrides));
    const zone = result.zones[0];
    expect(zone?.compliant).toBe(compliant);
    expect(reasonCodes(zone?.reasons ?? [])).toEqual(codes);
    const empty = codes.includes("zone_empty");
    expect(zone?.empty).toBe(empty);
    expect(result.summary.emptyZones).toBe(empty ? 1 : 0);
  });

  it("explains a basis shortfall per component, naming the certificate", () => {
    const result = run(
      documentWith({
        components: [
          component("rtu", flat(3), {
            basis: "certified",
            certificate: { certificateNo: "C-7", issued: "2022-01-01", expires: "2025-12-31" },
          }),
          component("hmi", flat(3), { basis: "third_party_assessed" }),
          component("plc", flat(3), {
            basis: "certified",
            certificate: { issued: "2025-01-01", expires: "2030-01-01" },
          }),
        ],
        zones: [
          {
            id: "z1",
            slT: flat(2),
            minimumBasis: "certified",
            assets: [
              { id: "rtu-1", componentId: "rtu" },
              { id: "hmi-1", componentId: "hmi" },
              { id: "rtu-2", componentId: "rtu" },
              { id: "plc-1", componentId: "plc" },
            ],
          },
        ],
      }),
    );
    const reasons = result.zones[0]?.reasons ?? [];
    expect(reasons.map((reason) => [reason.code, reason.componentId, reason.basis, reason.assetIds])).toEqual(
      [
        ["basis_below_minimum", "rtu", "self_declared", ["rtu-1", "rtu-2"]],
        ["basis_below_minimum", "hmi", "third_party_assessed", ["hmi-1"]],
      ],
    );
    expect(reasons[0]?.certificate).toEqual({
      certificateNo: "C-7",
      issued: "2022-01-01",
      expires: "2025-12-31",
    });
    expect(reasons[0]?.message).toBe(
      "Required basis certified is not met by rtu-1, rtu-2: component rtu counts as self declared (its certificate has expired).",
    );
  });

  it("names the assets holding an FR back", () => {
    const result = run(
      documentWith({
        components: [component("c1", flat(2)), component("c2", [2, 2, 2, 2, 2, 2, 1])],
        zones: [
          {
            id: "z1",
            slT: flat(2),
            assets: [
              { id: "a1", componentId: "c1" },
              { id: "a2", componentId: "c2" },
              { id: "a3", componentId: "c2" },
            ],
          },
        ],
      }),
    );
    expect(result.zones[0]?.reasons[0]).toMatchObject({
      code: "fr_below_target",
      fr: 7,
      assetIds: ["a2", "a3"],
    });
  });
});

describe("zone reasons with many assets", () => {
  it("name a few assets in the message and all of them in assetIds", () => {
    const assets = Array.from({ length: 7 }, (_, index) => ({ id: `a${index}`, componentId: "c1" }));
    const result = run(
      documentWith({ components: [component("c1", flat(1))], zones: [{ id: "z1", slT: flat(2), assets }] }),
    );
    const reason = result.zones[0]?.reasons.find((candidate) => candidate.fr === 3);
    expect(reason?.assetIds).toEqual(assets.map((asset) => asset.id));
    expect(reason?.message).toBe(
      "FR3 SI: SL-A 1 is below SL-T 2; held back by a0, a1, a2, a3, a4 and 2 more.",
    );
  });
});

describe("conduits", () => {
  const zones = [
    { id: "z1", slT: [2, 2, 2, 1, 2, 1, 1], assets: [] },
    { id: "z2", slT: [1, 1, 1, 2, 3, 1, 1], assets: [] },
  ];

  it("checks the assets on a conduit against its own SL-T", () => {
    const result = run(
      documentWith({
        components: [component("fw", [2, 2, 2, 2, 3, 2, 2], { componentType: "NDR" })],
        zones,
        conduits: [
          {
            id: "k1",
            from: "z1",
            to: "z2",
            slT: [2, 2, 2, 2, 3, 2, 2],
            assets: [{ id: "fw-1", componentId: "fw" }],
          },
        ],
      }),
    );
    const conduit = result.conduits[0];
    expect(conduit).toMatchObject({ slTInherited: false, slA: [2, 2, 2, 2, 3, 2, 2], compliant: true });
    expect(verdictsOf(result, "fw-1")).toEqual(Array(7).fill("meets"));
  });

  it("inherits the stricter zone target when SL-T is omitted", () => {
    const result = run(
      documentWith({
        components: [component("fw", [2, 2, 2, 2, 2, 2, 2], { componentType: "NDR" })],
        zones,
        conduits: [{ id: "k1", from: "z1", to: "z2", assets: [{ id: "fw-1", componentId: "fw" }] }],
      }),
    );
    const conduit = result.conduits[0];
    expect(conduit).toMatchObject({ slT: [2, 2, 2, 2, 3, 1, 1], slTInherited: true, compliant: false });
    expect(reasonCodes(conduit?.reasons ?? [])).toEqual(["conduit_target_inherited", "fr_below_target"]);
  });

  it("rates a conduit without assets by its own countermeasures", () => {
    const result = run(
      documentWith({
        components: [],
        zones,
        conduits: [{ id: "k1", from: "z1", to: "z2", slT: [0, 0, 0, 0, 2, 0, 0] }],
        countermeasures: [
          { id: "locked", scope: { conduit: "k1" }, frs: [5], raisesTo: 2, kind: "technical" },
        ],
      }),
    );
    expect(result.conduits[0]).toMatchObject({ slA: [0, 0, 0, 0, 2, 0, 0], compliant: true });
    expect(reasonCodes(result.conduits[0]?.reasons ?? [])).toEqual(["conduit_without_assets"]);
  });
});

describe("advisories", () => {
  it.each<[string, NonNullable<TEvaluationInput["zones"][number]["assets"]>[number]["advisories"], boolean]>([
    ["known_affected without fix puts the asset at risk", [{ id: "ADV-1", status: "known_affected" }], true],
    ["status defaults to known_affected", [{ id: "ADV-1" }], true],
    ["a fix applied clears it", [{ id: "ADV-1", fixApplied: true }], false],
    ["fixed in the deployed version", [{ id: "ADV-1", status: "fixed" }], false],
    ["known_not_affected", [{ id: "ADV-1", status: "known_not_affected" }], false],
    ["under_investigation is not yet a risk", [{ id: "ADV-1", status: "under_investigation" }], false],
    ["no advisories", [], false],
  ])("%s", (_, advisories, atRisk) => {
    const result = run(
      documentWith({
        zones: [{ id: "z1", slT: flat(2), assets: [{ id: "a1", componentId: "c1", advisories }] }],
      }),
    );
    const asset = findAsset(result, "a1");
    expect(asset.atRisk).toBe(atRisk);
    expect(reasonCodes(asset.reasons).includes("advisory_open")).toBe(atRisk);
    expect(
      result.zones[0]?.obligations.some((obligation) => obligation.source === "advisory_remediation"),
    ).toBe(atRisk);
  });

  it("never changes SL-C or the verdicts", () => {
    const advisories = [{ id: "ADV-1" }];
    const result = run(
      documentWith({
        zones: [{ id: "z1", slT: flat(2), assets: [{ id: "a1", componentId: "c1", advisories }] }],
      }),
    );
    expect(verdictsOf(result, "a1")).toEqual(Array(7).fill("meets"));
    expect(result.zones[0]?.compliant).toBe(true);
  });

  it("creates one remediation obligation per remediation, for the party that must act, listing the assets", () => {
    const advisory = {
      id: "ICSA-26-001",
      remediations: [
        { category: "vendor_fix" as const, details: "update to 4.33" },
        { category: "none_available" as const },
        { category: "mitigation" as const, responsibleParty: "integrator" as const },
      ],
    };
    const result = run(
      documentWith({
        zones: [
          {
            id: "z1",
            slT: flat(2),
            assets: [
              { id: "a1", componentId: "c1", advisories: [advisory] },
              { id: "a2", componentId: "c1", advisories: [advisory] },
            ],
          },
        ],
      }),
    );
    const obligations = result.zones[0]?.obligations ?? [];
    expect(
      obligations.map((obligation) => [
        obligation.responsibleParty,
        obligation.assetIds,
        obligation.advisoryId,
      ]),
    ).toEqual([
      ["asset_owner", ["a1", "a2"], "ICSA-26-001"],
      ["supplier", ["a1", "a2"], "ICSA-26-001"],
      ["integrator", ["a1", "a2"], "ICSA-26-001"],
    ]);
    expect(obligations[0]?.text).toContain("update to 4.33");
    expect(result.summary.atRiskAssets).toBe(2);
  });
});

describe("obligations", () => {
  it("turns security-context assumptions into obligations for the expected party, once per zone and component", () => {
    const result = run(
      documentWith({
        components: [
          component("c1", flat(2), {
            securityContext: [{ fr: 5, assumption: "Behind a zone firewall", expectedParty: "integrator" }],
          }),
        ],
        zones: [
          {
            id: "z1",
            slT: flat(2),
            assets: [
              { id: "a1", componentId: "c1" },
              { id: "a2", componentId: "c1" },
            ],
          },
        ],
      }),
    );
    expect(result.zones[0]?.obligations).toEqual([
      expect.objectContaining({
        source: "security_context",
        responsibleParty: "integrator",
        frs: [5],
        zoneId: "z1",
        assetIds: ["a1", "a2"],
        componentId: "c1",
      }),
    ]);
  });

  it("makes every countermeasure an obligation of its responsible party (asset owner by default)", () => {
    const result = run(
      documentWith({
        zones: [
          { id: "z1", slT: flat(2), assets: [{ id: "a1", componentId: "c1" }] },
          { id: "z2", slT: flat(2), assets: [] },
        ],
        conduits: [{ id: "k1", from: "z1", to: "z2" }],
        countermeasures: [
          { id: "m-zone", scope: { zone: "z1" }, frs: [2, 1], raisesTo: 2 },
          { id: "m-asset", scope: { asset: "a1" }, frs: [3], raisesTo: 3, responsibleParty: "integrator" },
          { id: "m-conduit", scope: { conduit: "k1" }, frs: [5], raisesTo: 2, responsibleParty: "supplier" },
        ],
      }),
    );
    expect(
      result.zones[0]?.obligations.map((obligation) => [
        obligation.countermeasureId,
        obligation.responsibleParty,
        obligation.frs,
        obligation.assetIds,
      ]),
    ).toEqual([
      ["m-zone", "asset_owner", [1, 2], []],
      ["m-asset", "integrator", [3], ["a1"]],
    ]);
    expect(result.conduits[0]?.obligations).toEqual([
      expect.objectContaining({
        countermeasureId: "m-conduit",
        responsibleParty: "supplier",
        conduitId: "k1",
      }),
    ]);
  });
});

describe("suggestions", () => {
  const candidates = [
    component("weak", [1, 1, 1, 1, 1, 1, 1]),
    component("self", flat(3)),
    component("cert", flat(2), {
      basis: "certified",
      certificate: { issued: "2025-01-01", expires: "2030-01-01" },
    }),
    component("lapsed", flat(4), {
      basis: "certified",
      certificate: { issued: "2017-01-01", expires: "2020-01-01" },
    }),
    component("host", flat(4), { componentType: "HDR" }),
  ];
  const zones = [{ id: "z1", slT: flat(2), assets: [{ id: "a1", componentId: "weak" }] }];

  it("lists same-type components that close every gap, stronger basis first, then headroom", () => {
    const suggestions = findAsset(run(documentWith({ components: candidates, zones })), "a1").suggestions;
    expect(suggestions?.map((suggestion) => suggestion.componentId)).toEqual(["cert", "lapsed", "self"]);
  });

  it("honours the zone's minimum basis on the evaluation date", () => {
    const strictZones = [{ ...zones[0], id: "z1", slT: flat(2), minimumBasis: "certified" as const }];
    const suggestions = findAsset(
      run(documentWith({ components: candidates, zones: strictZones })),
      "a1",
    ).suggestions;
    expect(suggestions?.map((suggestion) => suggestion.componentId)).toEqual(["cert"]);
  });

  it("respects the requested number, and 0 turns suggestions off", () => {
    expect(
      findAsset(run(documentWith({ components: candidates, zones, options: { suggestions: 1 } })), "a1")
        .suggestions,
    ).toHaveLength(1);
    expect(
      findAsset(run(documentWith({ components: candidates, zones, options: { suggestions: 0 } })), "a1")
        .suggestions,
    ).toBeUndefined();
  });

  it("suggests nothing for an asset without gaps", () => {
    const result = run(
      documentWith({
        components: candidates,
        zones: [{ id: "z1", slT: flat(1), assets: [{ id: "a1", componentId: "weak" }] }],
      }),
    );
    expect(findAsset(result, "a1").suggestions).toBeUndefined();
  });
});

describe("result", () => {
  it("lists perFr in FR order with SL-T, SL-C and the effective level", () => {
    const result = run(documentWith({ components: [component("c1", [4, 3, 2, 1, 0, 1, 2])] }));
    expect(
      findAsset(result, "a1").perFr.map((entry) => [entry.fr, entry.slT, entry.slC, entry.effective]),
    ).toEqual([
      [1, 2, 4, 4],
      [2, 2, 3, 3],
      [3, 2, 2, 2],
      [4, 2, 1, 1],
      [5, 2, 0, 0],
      [6, 2, 1, 1],
      [7, 2, 2, 2],
    ]);
    expect(result).toMatchObject({ formatVersion: 1, evaluationDate: EVALUATION_DATE });
  });

  it("is the same for the same document", () => {
    const document = documentWith({
      countermeasures: [{ id: "m1", scope: { zone: "z1" }, frs: [1], raisesTo: 3 }],
    });
    expect(JSON.stringify(evaluate(document))).toBe(JSON.stringify(evaluate(structuredClone(document))));
  });
});
