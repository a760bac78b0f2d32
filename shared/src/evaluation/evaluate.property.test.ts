import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { componentRequirementRows } from "../catalog/component-requirements";
import { COMPONENT_TYPES } from "../domain/component";
import { deriveSlC } from "../engine/derive-sl-c";
import { verdictRank } from "../engine/judge-fr-verdict";
import { evaluate } from "./evaluate";
import type { TEvaluationComponent, TEvaluationCountermeasure, TEvaluationInput } from "./evaluation-input";
import { type TEvaluationResult, ZEvaluationResult } from "./evaluation-result";
import { parseEvaluationInput } from "./parse-evaluation-input";

const level = fc.integer({ min: 0, max: 4 });
const vector = fc.array(level, { minLength: 7, maxLength: 7 });
const fr = fc.integer({ min: 1, max: 7 });
const basis = fc.constantFrom(
  "self_declared" as const,
  "third_party_assessed" as const,
  "certified" as const,
);
const requirementIds = componentRequirementRows.map((row) => row.id);
const requirementResult = fc.constantFrom(true as const, false as const, "n/a" as const);

const requirements = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...requirementIds), requirementResult), {
    selector: ([id]) => id,
    maxLength: 40,
  })
  .map((entries) => Object.fromEntries(entries));

const certificate = fc.record(
  {
    issued: fc.constantFrom("2024-01-01", "2026-07-01"),
    expires: fc.constantFrom("2026-01-01", "2026-06-01", "2028-01-01"),
    status: fc.constantFrom("valid" as const, "expired" as const, "revoked" as const, "suspended" as const),
    standardPart: fc.constantFrom("4-2" as const, "4-1" as const, "3-3" as const),
    slC: vector,
  },
  { requiredKeys: [] },
);

const claim = fc.record(
  {
    slC: vector,
    requirements,
    basis,
    certificate,
    securityContext: fc.array(
      fc.record({
        fr,
        assumption: fc.constant("assumed"),
        expectedParty: fc.constantFrom("asset_owner" as const, "integrator" as const),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ["slC"] },
);

const componentShape = fc.record(
  {
    componentType: fc.constantFrom(...COMPONENT_TYPES),
    claim: fc.option(claim, { nil: undefined, freq: 8 }),
    endOfSupport: fc.constantFrom("2026-01-01", "2026-06-01", "2027-01-01"),
  },
  { requiredKeys: ["componentType", "claim"] },
);
const assetShape = fc.record({
  component: fc.nat(),
  advisories: fc.array(
    fc.record({
      status: fc.constantFrom("known_affected" as const, "fixed" as const),
      fixApplied: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});
const countermeasureShape = fc.record({
  scope: fc.constantFrom("asset" as const, "zone" as const, "conduit" as const),
  target: fc.nat(),
  frs: fc.uniqueArray(fr, { minLength: 1, maxLength: 7 }),
  raisesTo: level,
  kind: fc.option(fc.constantFrom("technical" as const, "procedural" as const), { nil: undefined }),
});

/** Small random plants: 1–4 components, 1–3 zones, conduits between distinct zones, countermeasures on anything. */
const documentArbitrary = fc
  .record({
    components: fc.array(componentShape, { minLength: 1, maxLength: 4 }),
    zones: fc.array(
      fc.record({
        slT: vector,
        minimumBasis: fc.option(basis, { nil: undefined }),
        assets: fc.array(assetShape, { maxLength: 4 }),
      }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    conduits: fc.array(
      fc.record({
        from: fc.nat(),
        offset: fc.nat(),
        slT: fc.option(vector, { nil: undefined }),
        assets: fc.array(assetShape, { maxLength: 2 }),
      }),
      {
        maxLength: 3,
      },
    ),
    countermeasures: fc.array(countermeasureShape, { maxLength: 4 }),
  })
  .map((shape): TEvaluationInput => {
    let assetCount = 0;
    const components: TEvaluationComponent[] = shape.components.map((component, index) => ({
      id: `c${index}`,
      ...component,
    }));
    const toAsset = (asset: {
      component: number;
      advisories: { status: "known_affected" | "fixed"; fixApplied: boolean }[];
    }) => ({
      id: `a${assetCount++}`,
      componentId: `c${asset.component % components.length}`,
      advisories: asset.advisories.map((advisory, index) => ({ id: `adv${index}`, ...advisory })),
    });
    const zones = shape.zones.map((zone, index) => ({
      id: `z${index}`,
      ...zone,
      assets: zone.assets.map(toAsset),
    }));
    const conduits =
      zones.length < 2
        ? []
        : shape.conduits.map((conduit, index) => {
            const from = conduit.from % zones.length;
            const to = (from + 1 + (conduit.offset % (zones.length - 1))) % zones.length;
            return {
              id: `k${index}`,
              from: `z${from}`,
              to: `z${to}`,
              slT: conduit.slT,
              assets: conduit.assets.map(toAsset),
            };
          });
    const targets = {
      asset: Array.from({ length: assetCount }, (_, i) => `a${i}`),
      zone: zones.map((zone) => zone.id),
      conduit: conduits.map((conduit) => conduit.id),
    };
    const countermeasures = shape.countermeasures.flatMap(
      (countermeasure, index): TEvaluationCountermeasure[] => {
        const candidates = targets[countermeasure.scope];
        const target = candidates[countermeasure.target % Math.max(1, candidates.length)];
        if (target === undefined) return [];
        const scope =
          countermeasure.scope === "asset"
            ? { asset: target }
            : countermeasure.scope === "zone"
              ? { zone: target }
              : { conduit: target };
        const { frs, raisesTo, kind } = countermeasure;
        return [{ id: `m${index}`, scope, frs, raisesTo, ...(kind ? { kind } : {}) }];
      },
    );
    return { evaluationDate: "2026-06-01", components, zones, conduits, countermeasures };
  });

/** assetId → verdict rank per FR. */
function verdictRanks(result: TEvaluationResult): Map<string, number[]> {
  const ranks = new Map<string, number[]>();
  for (const group of [...result.zones, ...result.conduits]) {
    for (const asset of group.assets)
      ranks.set(
        asset.id,
        asset.perFr.map((entry) => verdictRank(entry.verdict)),
      );
  }
  return ranks;
}

function expectNoWorse(before: TEvaluationResult, after: TEvaluationResult) {
  const afterRanks = verdictRanks(after);
  for (const [assetId, ranks] of verdictRanks(before)) {
    ranks.forEach((rank, i) => {
      expect(afterRanks.get(assetId)?.[i], `${assetId} FR${i + 1}`).toBeGreaterThanOrEqual(rank);
    });
  }
  before.zones.forEach((zone, i) => {
    if (zone.compliant) expect(after.zones[i]?.compliant, zone.id).toBe(true);
  });
}

const runs = { numRuns: 300 };

describe("evaluation properties", () => {
  it("generated documents are valid and results match the result schema", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        expect(parseEvaluationInput(document).ok).toBe(true);
        ZEvaluationResult.parse(evaluate(document));
      }),
      runs,
    );
  });

  it("SL-A is never above any asset's effective level, and is the weakest of them", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        for (const zone of evaluate(document).zones) {
          zone.slA.forEach((achieved, i) => {
            const effective = zone.assets.map((asset) => asset.perFr[i]?.effective ?? 0);
            for (const value of effective) expect(achieved).toBeLessThanOrEqual(value);
            expect(achieved).toBe(effective.length === 0 ? 0 : Math.min(...effective));
          });
        }
      }),
      runs,
    );
  });

  it("a zone is compliant exactly when SL-A reaches SL-T on every FR and the basis rule holds", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        for (const zone of evaluate(document).zones) {
          const reaches = zone.slT.every((target, i) => (zone.slA[i] ?? 0) >= target);
          expect(zone.compliant).toBe(reaches && zone.basisMet);
        }
      }),
      runs,
    );
  });

  it("the SL-C used is never above the declared level nor above the derived one", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        for (const component of evaluate(document).components) {
          if (!component.declaredSlC) continue;
          component.slC.forEach((used, i) => {
            expect(used).toBeLessThanOrEqual(component.declaredSlC?.[i] ?? 0);
            const derived = component.derivedSlC?.[i];
            if (derived !== null && derived !== undefined) expect(used).toBeLessThanOrEqual(derived);
          });
        }
      }),
      runs,
    );
  });

  it("derivation never rises when a met requirement is turned into a failed one", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPONENT_TYPES),
        requirements,
        fc.nat(),
        (componentType, results, pick) => {
          const metIds = Object.keys(results).filter((id) => results[id] !== false);
          const id = metIds[pick % Math.max(1, metIds.length)];
          if (id === undefined) return;
          const before = deriveSlC(componentType, results).perFr;
          const after = deriveSlC(componentType, { ...results, [id]: false }).perFr;
          after.forEach((entry, i) => {
            expect(entry.derived ?? 4).toBeLessThanOrEqual(before[i]?.derived ?? 4);
          });
        },
      ),
      runs,
    );
  });

  it("raising a declared SL-C never makes a verdict worse", () => {
    fc.assert(
      fc.property(documentArbitrary, fc.nat(), fr, (document, pick, raisedFr) => {
        const index = pick % document.components.length;
        const target = document.components[index];
        if (!target?.claim) return;
        const slC = target.claim.slC.map((value, i) => (i === raisedFr - 1 ? Math.min(4, value + 1) : value));
        const raised = structuredClone(document);
        raised.components[index] = { ...target, claim: { ...target.claim, slC } };
        expectNoWorse(evaluate(document), evaluate(raised));
      }),
      runs,
    );
  });

  it("turning a failed requirement into a met one never makes a verdict worse", () => {
    fc.assert(
      fc.property(documentArbitrary, fc.nat(), fc.nat(), (document, pickComponent, pickRequirement) => {
        const index = pickComponent % document.components.length;
        const target = document.components[index];
        const listed = target?.claim?.requirements ?? {};
        const failed = Object.keys(listed).filter((id) => listed[id] === false);
        const id = failed[pickRequirement % Math.max(1, failed.length)];
        if (!target?.claim || id === undefined) return;
        const raised = structuredClone(document);
        raised.components[index] = {
          ...target,
          claim: { ...target.claim, requirements: { ...listed, [id]: true } },
        };
        expectNoWorse(evaluate(document), evaluate(raised));
      }),
      runs,
    );
  });

  it("adding a countermeasure never makes a verdict worse", () => {
    fc.assert(
      fc.property(documentArbitrary, countermeasureShape, (document, added) => {
        const assets = [...document.zones, ...(document.conduits ?? [])].flatMap(
          (group) => group.assets ?? [],
        );
        const candidates =
          added.scope === "asset"
            ? assets.map((asset) => asset.id)
            : added.scope === "zone"
              ? document.zones.map((zone) => zone.id)
              : (document.conduits ?? []).map((conduit) => conduit.id);
        const target = candidates[added.target % Math.max(1, candidates.length)];
        if (target === undefined) return;
        const scope =
          added.scope === "asset"
            ? { asset: target }
            : added.scope === "zone"
              ? { zone: target }
              : { conduit: target };
        const more = {
          ...document,
          countermeasures: [
            ...(document.countermeasures ?? []),
            {
              id: "added",
              scope,
              frs: added.frs,
              raisesTo: added.raisesTo,
              ...(added.kind ? { kind: added.kind } : {}),
            },
          ],
        };
        expectNoWorse(evaluate(document), evaluate(more));
      }),
      runs,
    );
  });

  it("raising a zone's SL-T never makes a verdict better", () => {
    fc.assert(
      fc.property(documentArbitrary, fc.nat(), fr, (document, pick, raisedFr) => {
        const index = pick % document.zones.length;
        const zone = document.zones[index];
        if (!zone) return;
        const stricter = structuredClone(document);
        stricter.zones[index] = {
          ...zone,
          slT: zone.slT.map((value, i) => (i === raisedFr - 1 ? Math.min(4, value + 1) : value)),
        };
        expectNoWorse(evaluate(stricter), evaluate(document));
      }),
      runs,
    );
  });

  it("a procedural countermeasure never lifts an FR above SL 1", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const procedural = {
          ...document,
          countermeasures: (document.countermeasures ?? []).map((countermeasure) => ({
            ...countermeasure,
            kind: "procedural" as const,
          })),
        };
        for (const group of [...evaluate(procedural).zones, ...evaluate(procedural).conduits]) {
          for (const asset of group.assets)
            for (const entry of asset.perFr)
              expect(entry.effective).toBeLessThanOrEqual(Math.max(entry.slC, 1));
          // A conduit without assets is rated by its own countermeasures.
          if (group.assets.length === 0 && "from" in group)
            for (const achieved of group.slA) expect(achieved).toBeLessThanOrEqual(1);
        }
      }),
      runs,
    );
  });

  it("a certificate's levels never raise a level: dropping them never lowers anything", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const uncapped = structuredClone(document);
        for (const component of uncapped.components) delete component.claim?.certificate?.slC;
        const capped = evaluate(document);
        const free = evaluate(uncapped);
        capped.components.forEach((component, i) => {
          component.slC.forEach((used, fr) => {
            expect(used).toBeLessThanOrEqual(free.components[i]?.slC[fr] ?? 0);
            expect(used).toBeLessThanOrEqual(component.declaredSlC?.[fr] ?? 0);
          });
        });
        expectNoWorse(capped, free);
      }),
      runs,
    );
  });

  it("the new fields at their neutral values change nothing", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const plain = structuredClone(document);
        for (const component of plain.components) {
          delete component.endOfSupport;
          const certificate = component.claim?.certificate;
          if (certificate) {
            delete certificate.slC;
            delete certificate.standardPart;
          }
        }
        for (const countermeasure of plain.countermeasures ?? []) delete countermeasure.kind;
        const explicit = structuredClone(plain);
        for (const component of explicit.components) {
          component.endOfSupport = "2099-12-31";
          const certificate = component.claim?.certificate;
          if (certificate) Object.assign(certificate, { standardPart: "4-2", scheme: "S", body: "B" });
        }
        for (const countermeasure of explicit.countermeasures ?? []) countermeasure.kind = "technical";
        const strip = (result: TEvaluationResult) =>
          JSON.parse(JSON.stringify(result, (key, value) => (key === "certificate" ? undefined : value)));
        expect(strip(evaluate(explicit))).toEqual(strip(evaluate(plain)));
      }),
      runs,
    );
  });

  it("documents without the new fields, with claims for every component, evaluate as before", () => {
    // The rules these documents touch, written out independently: declared levels (no requirement lists),
    // best raise of the asset's and the zone's countermeasures, basis from a dated, valid certificate.
    const legacyDocument = documentArbitrary.map((document): TEvaluationInput => {
      const components = document.components.map((component) => {
        const claim = component.claim ?? { slC: [1, 1, 1, 1, 1, 1, 1] };
        const { slC: _slC, standardPart: _part, ...certificate } = claim.certificate ?? {};
        return {
          id: component.id,
          componentType: component.componentType,
          claim: {
            slC: claim.slC,
            ...(claim.basis ? { basis: claim.basis } : {}),
            ...(claim.certificate
              ? { certificate: { issued: "2024-01-01", expires: "2026-01-01", ...certificate } }
              : {}),
          },
        };
      });
      const countermeasures = (document.countermeasures ?? [])
        .filter((countermeasure) => !("conduit" in countermeasure.scope))
        .map(({ kind: _kind, ...countermeasure }) => countermeasure);
      return { ...document, components, conduits: [], countermeasures };
    });
    fc.assert(
      fc.property(legacyDocument, (document) => {
        const result = evaluate(document);
        for (const zone of result.zones) {
          const input = document.zones.find((candidate) => candidate.id === zone.id);
          for (const asset of zone.assets) {
            const claim = document.components.find((component) => component.id === asset.componentId)?.claim;
            const certificate = claim?.certificate;
            const certified =
              claim?.basis === "certified" &&
              certificate !== undefined &&
              (certificate.status ?? "valid") === "valid" &&
              (certificate.issued ?? "") <= document.evaluationDate &&
              document.evaluationDate <= (certificate.expires ?? "");
            expect(asset.basis).toBe(
              claim?.basis === "certified"
                ? certified
                  ? "certified"
                  : "self_declared"
                : (claim?.basis ?? "self_declared"),
            );
            expect(asset.atRisk).toBe(
              (input?.assets?.find((entry) => entry.id === asset.id)?.advisories ?? []).some(
                (advisory) =>
                  (advisory.status ?? "known_affected") === "known_affected" && !advisory.fixApplied,
              ),
            );
            asset.perFr.forEach((entry, i) => {
              const slC = claim?.slC[i] ?? 0;
              const slT = input?.slT[i] ?? 0;
              const raise = Math.max(
                0,
                ...(document.countermeasures ?? [])
                  .filter(
                    (countermeasure) =>
                      countermeasure.frs.includes(i + 1) &&
                      (("asset" in countermeasure.scope && countermeasure.scope.asset === asset.id) ||
                        ("zone" in countermeasure.scope && countermeasure.scope.zone === zone.id)),
                  )
                  .map((countermeasure) => countermeasure.raisesTo),
              );
              const effective = Math.max(slC, raise);
              expect(entry).toMatchObject({ slC, effective });
              expect(entry.verdict).toBe(slC >= slT ? "meets" : effective >= slT ? "covered" : "gap");
            });
          }
        }
      }),
      runs,
    );
  });
});
