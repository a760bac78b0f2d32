import { describe, expect, it } from "vitest";
import { evaluate } from "../evaluation/evaluate";
import { ZEvaluationInput } from "../evaluation/evaluation-input";
import type { TAsset } from "./asset";
import type { TConduit } from "./conduit";
import type { TSiteCountermeasure } from "./countermeasure";
import type { TSite, TZone } from "./site";
import { buildSiteDocument, planSiteImport, replaceAssetComponent, withoutCandidates } from "./site-document";

const at = "2026-06-01T00:00:00.000Z";
const id = (n: number) => `01j0000000000000000000${String(n).padStart(4, "0")}`;
const owner = id(1);
const supplier = id(2);
const site: TSite = {
  id: id(3),
  tenantId: owner,
  name: "Plant",
  location: "",
  description: "",
  version: 1,
  createdAt: at,
  updatedAt: at,
};
const zone = (n: number, name: string, slT: number[]): TZone => ({
  id: id(n),
  siteId: site.id,
  name,
  description: "",
  slT,
  minimumBasis: "self_declared",
  version: 1,
  createdAt: at,
  updatedAt: at,
});
const zones = [zone(10, "Control", [2, 2, 2, 1, 2, 1, 2]), zone(11, "DMZ", [2, 2, 2, 2, 3, 2, 2])];
const asset = (n: number, location: TAsset["location"], componentId: string): TAsset => ({
  id: id(n),
  siteId: site.id,
  name: `Asset ${n}`,
  location,
  supplierTenantId: supplier,
  componentId,
  version: "1.0",
  count: 2,
  role: "PLC",
  notes: "",
  advisories: [],
  revision: 1,
  createdAt: at,
  updatedAt: at,
});
const conduit: TConduit = {
  id: id(20),
  siteId: site.id,
  name: "DMZ to Control",
  fromZoneId: zones[1]!.id,
  toZoneId: zones[0]!.id,
  minimumBasis: "self_declared",
  protocols: ["OPC UA"],
  description: "",
  version: 1,
  createdAt: at,
  updatedAt: at,
};
const weak = id(30);
const strong = id(31);
const assets = [
  asset(40, { kind: "zone", zoneId: zones[0]!.id }, weak),
  asset(41, { kind: "conduit", conduitId: conduit.id }, strong),
];
const countermeasure: TSiteCountermeasure = {
  id: id(50),
  siteId: site.id,
  name: "Jump host MFA",
  description: "",
  scope: { kind: "asset", id: assets[0]!.id },
  frs: [1],
  raisesTo: 2,
  kind: "technical",
  responsibleParty: "integrator",
  evidence: "",
  version: 1,
  createdAt: at,
  updatedAt: at,
};
const keyOf = (ref: { componentId: string; version?: string }) => `${ref.componentId}@${ref.version ?? "*"}`;
const components = new Map([
  [
    `${weak}@1.0`,
    {
      id: `${weak}@1.0`,
      componentType: "EDR" as const,
      name: "Weak PLC",
      claim: { slC: [1, 2, 2, 1, 2, 1, 2] },
    },
  ],
  [
    `${strong}@1.0`,
    {
      id: `${strong}@1.0`,
      componentType: "NDR" as const,
      name: "Firewall",
      claim: { slC: [3, 3, 3, 3, 3, 3, 3] },
    },
  ],
]);
const candidate = {
  component: {
    id: `${id(32)}@*`,
    componentType: "EDR" as const,
    name: "Strong PLC",
    claim: { slC: [3, 3, 3, 3, 3, 3, 3] },
  },
  ref: { supplierTenantId: supplier, componentId: id(32) },
};

const build = () =>
  buildSiteDocument(
    { site, zones, conduits: [conduit], assets, countermeasures: [countermeasure] },
    { components, keyOf, evaluationDate: "2026-06-01", candidates: [candidate] },
  );

describe("buildSiteDocument", () => {
  it("is a valid evaluation document with assets in zones and on conduits", () => {
    const document = build();
    expect(ZEvaluationInput.safeParse(document).success).toBe(true);
    expect(document.zones.map((z) => z.name)).toEqual(["Control", "DMZ"]);
    expect(document.zones[0]?.assets.map((a) => a.componentId)).toEqual([`${weak}@1.0`]);
    expect(document.conduits[0]?.assets.map((a) => a.id)).toEqual([assets[1]!.id]);
    expect(document.countermeasures[0]?.scope).toEqual({ asset: assets[0]!.id });
  });

  it("the engine sees the countermeasure cover FR1 and suggests the stronger candidate", () => {
    const result = evaluate(ZEvaluationInput.parse(build()));
    const control = result.zones.find((z) => z.id === zones[0]!.id)!;
    expect(control.assets[0]?.perFr[0]).toMatchObject({ slC: 1, effective: 2, verdict: "covered" });
    expect(control.compliant).toBe(true);
  });

  it("drops countermeasures whose target is gone, and candidates on export", () => {
    const document = buildSiteDocument(
      { site, zones, conduits: [conduit], assets: [assets[1]!], countermeasures: [countermeasure] },
      { components, keyOf, evaluationDate: "2026-06-01", candidates: [candidate] },
    );
    expect(document.countermeasures).toEqual([]);
    expect(withoutCandidates(document).components.map((c) => c.id)).toEqual([`${strong}@1.0`]);
  });

  it("what-if: replacing an asset's component changes only that asset", () => {
    const document = build();
    const swapped = replaceAssetComponent(document, assets[0]!.id, candidate.component.id);
    expect(swapped.zones[0]?.assets[0]?.componentId).toBe(candidate.component.id);
    expect(document.zones[0]?.assets[0]?.componentId).toBe(`${weak}@1.0`);
    const result = evaluate(ZEvaluationInput.parse(swapped));
    expect(result.zones.find((z) => z.id === zones[0]!.id)?.assets[0]?.perFr[0]?.verdict).toBe("meets");
  });
});

describe("planSiteImport", () => {
  it("round-trips an export into a plan with names, counts and catalog references", () => {
    const exported = withoutCandidates(build());
    const result = planSiteImport(JSON.parse(JSON.stringify(exported)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.site.name).toBe("Plant");
    expect(result.plan.zones).toHaveLength(2);
    expect(result.plan.conduits[0]).toMatchObject({ name: "DMZ to Control", protocols: ["OPC UA"] });
    expect(result.plan.assets.map((a) => a.ref.componentId).sort()).toEqual([weak, strong].sort());
    expect(result.plan.assets[0]).toMatchObject({ count: 2, role: "PLC" });
    expect(result.plan.countermeasures[0]).toMatchObject({
      name: "Jump host MFA",
      target: { kind: "asset" },
    });
  });

  it.each([
    ["no site name", (d: Record<string, unknown>) => ({ ...d, site: {} }), "/site/name"],
    [
      "a component without a catalog reference",
      (d: Record<string, unknown>) => ({
        ...d,
        components: (d.components as Record<string, unknown>[]).map(({ ref: _ref, ...c }) => c),
      }),
      "/components/0/ref",
    ],
    [
      "an asset naming an unknown component",
      (d: Record<string, unknown>) => ({
        ...d,
        zones: (d.zones as { assets: object[] }[]).map((z) => ({
          ...z,
          assets: z.assets.map((a) => ({ ...a, componentId: "nope" })),
        })),
      }),
      "/zones/0/assets/0/componentId",
    ],
    [
      "a six-level SL-T",
      (d: Record<string, unknown>) => ({
        ...d,
        zones: (d.zones as object[]).map((z) => ({ ...z, slT: [1, 1, 1, 1, 1, 1] })),
      }),
      "/zones/0/slT",
    ],
  ])("rejects %s with a JSON pointer", (_label, mutate, path) => {
    const exported = JSON.parse(JSON.stringify(withoutCandidates(build())));
    const result = planSiteImport(mutate(exported));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toContain(path);
  });

  it("names the limit when a document has too many zones", () => {
    const exported = JSON.parse(JSON.stringify(withoutCandidates(build())));
    exported.zones = Array.from({ length: 101 }, (_, i) => ({ id: `z${i}`, slT: [1, 1, 1, 1, 1, 1, 1] }));
    const result = planSiteImport(exported);
    expect(result).toMatchObject({ ok: false, tooLarge: { name: "zones", limit: 100 } });
  });
});
