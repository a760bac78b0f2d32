import { describe, expect, it } from "vitest";
import { parseEvaluationInput } from "./parse-evaluation-input";
import { documentWith } from "./test-support";

const issuesOf = (document: unknown) => {
  const parsed = parseEvaluationInput(document);
  return parsed.ok ? [] : parsed.issues;
};

describe("evaluation document validation", () => {
  it("reports shape and reference problems together", () => {
    const issues = issuesOf(
      documentWith({ zones: [{ id: "z1", slT: [1, 1], assets: [{ id: "a1", componentId: "ghost" }] }] }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(["$.zones[0].slT", "$.zones[0].assets[0].componentId"]);
  });

  it("does not check references while the structure is broken", () => {
    expect(
      issuesOf({
        evaluationDate: "2026-06-01",
        components: [],
        zones: [{ id: "z", slT: [1, 1, 1, 1, 1, 1, 1], assets: "x" }],
      }),
    ).toEqual([{ path: "$.zones[0].assets", message: "Invalid input: expected array, received string" }]);
  });

  it("accepts the minimal document and ignores unknown keys", () => {
    const parsed = parseEvaluationInput({ ...documentWith(), comment: "ignored", formatVersion: 1 });
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && "comment" in parsed.input).toBe(false);
  });

  it("accepts a document without conduits, countermeasures or zone assets", () => {
    expect(
      issuesOf({
        evaluationDate: "2026-01-01",
        components: [],
        zones: [{ id: "z", slT: [0, 0, 0, 0, 0, 0, 0] }],
      }),
    ).toEqual([]);
  });

  it.each<[string, unknown, { path: string; message: RegExp }[]]>([
    [
      "missing evaluation date",
      { ...documentWith(), evaluationDate: undefined },
      [{ path: "$.evaluationDate", message: /expected string/ }],
    ],
    [
      "malformed date",
      { ...documentWith(), evaluationDate: "01.06.2026" },
      [{ path: "$.evaluationDate", message: /date/i }],
    ],
    [
      "SL-T with six levels",
      documentWith({ zones: [{ id: "z1", slT: [1, 1, 1, 1, 1, 1], assets: [] }] }),
      [{ path: "$.zones[0].slT", message: /seven levels/ }],
    ],
    [
      "level out of range",
      documentWith({ zones: [{ id: "z1", slT: [1, 1, 1, 1, 1, 1, 5], assets: [] }] }),
      [{ path: "$.zones[0].slT[6]", message: /<=4/ }],
    ],
    [
      "unknown component type",
      { ...documentWith(), components: [{ id: "c1", componentType: "PLC" }] },
      [{ path: "$.components[0].componentType", message: /SAR/ }],
    ],
    [
      "bad requirement value",
      {
        ...documentWith(),
        components: [
          {
            id: "c1",
            componentType: "EDR",
            claim: { slC: [1, 1, 1, 1, 1, 1, 1], requirements: { "CR 1.1": "yes" } },
          },
        ],
      },
      [
        {
          path: '$.components[0].claim.requirements["CR 1.1"]',
          message: /true \(met\), false \(not met\) or "n\/a"/,
        },
      ],
    ],
    [
      "asset referring to an unknown component",
      documentWith({
        zones: [{ id: "z1", slT: [1, 1, 1, 1, 1, 1, 1], assets: [{ id: "a1", componentId: "nope" }] }],
      }),
      [{ path: "$.zones[0].assets[0].componentId", message: /unknown component "nope"/ }],
    ],
    [
      "duplicate asset ids across zones",
      documentWith({
        zones: [
          { id: "z1", slT: [1, 1, 1, 1, 1, 1, 1], assets: [{ id: "a1", componentId: "c1" }] },
          { id: "z2", slT: [1, 1, 1, 1, 1, 1, 1], assets: [{ id: "a1", componentId: "c1" }] },
        ],
      }),
      [{ path: "$.zones[1].assets[0].id", message: /duplicate asset id "a1"/ }],
    ],
    [
      "duplicate zone ids",
      documentWith({
        zones: [
          { id: "z1", slT: [1, 1, 1, 1, 1, 1, 1] },
          { id: "z1", slT: [1, 1, 1, 1, 1, 1, 1] },
        ],
      }),
      [{ path: "$.zones[1].id", message: /duplicate id "z1" \(also at zones\[0\]\)/ }],
    ],
    [
      "conduit to an unknown zone, and to itself",
      documentWith({
        conduits: [
          { id: "k1", from: "z1", to: "z9" },
          { id: "k2", from: "z1", to: "z1" },
        ],
      }),
      [
        { path: "$.conduits[0].to", message: /unknown zone "z9"/ },
        { path: "$.conduits[1].to", message: /two different zones/ },
      ],
    ],
    [
      "countermeasure with two targets",
      documentWith({
        countermeasures: [{ id: "m1", scope: { zone: "z1", asset: "a1" } as never, frs: [1], raisesTo: 2 }],
      }),
      [{ path: "$.countermeasures[0].scope", message: /exactly one target/ }],
    ],
    [
      "countermeasure on an unknown asset, with FR 8 and no level",
      { ...documentWith(), countermeasures: [{ id: "m1", scope: { asset: "ghost" }, frs: [8] }] },
      [
        { path: "$.countermeasures[0].frs[0]", message: /FR numbers are 1 to 7/ },
        { path: "$.countermeasures[0].raisesTo", message: /expected number/ },
      ],
    ],
  ])("reports %s with its JSON path", (_, document, expected) => {
    const issues = issuesOf(document);
    expect(issues.map((issue) => issue.path)).toEqual(expected.map((entry) => entry.path));
    expected.forEach((entry, index) => {
      expect(issues[index]?.message).toMatch(entry.message);
    });
  });

  it("reports a dangling countermeasure target", () => {
    const issues = issuesOf({
      ...documentWith(),
      countermeasures: [{ id: "m1", scope: { asset: "ghost" }, frs: [1], raisesTo: 2 }],
    });
    expect(issues).toEqual([{ path: "$.countermeasures[0].scope.asset", message: 'unknown asset "ghost"' }]);
  });
});
