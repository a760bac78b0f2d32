import { describe, expect, it } from "vitest";
import { evaluate } from "../evaluation/evaluate";
import { ZEvaluationInput } from "../evaluation/evaluation-input";
import { isOverdue, raciOf } from "./obligation";
import { planSiteObligations } from "./obligation-plan";
import type { TSite } from "./site";
import type { TSiteDocument } from "./site-document";

const owner = "01j00000000000000000000001";
const integrator = "01j00000000000000000000002";
const supplier = "01j00000000000000000000003";
const site: TSite = {
  id: "01j00000000000000000000009",
  tenantId: owner,
  name: "Plant",
  location: "",
  description: "",
  integratorTenantId: integrator,
  version: 1,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
};
const document: TSiteDocument = {
  format: "assure-site/1",
  evaluationDate: "2026-06-01",
  site: { name: "Plant", location: "", description: "" },
  components: [
    {
      id: "plc@1.0",
      componentType: "EDR",
      name: "NW-PLC",
      claim: {
        slC: [1, 2, 2, 1, 2, 1, 2],
        securityContext: [{ fr: 5, assumption: "an external firewall", expectedParty: "integrator" }],
      },
      ref: { supplierTenantId: supplier, componentId: "01j00000000000000000000010", version: "1.0" },
    },
  ],
  zones: [
    {
      id: "zone-a",
      name: "Dosing",
      description: "",
      slT: [2, 2, 2, 1, 2, 1, 2],
      assets: [
        {
          id: "asset-1",
          componentId: "plc@1.0",
          name: "PLC-D1",
          count: 1,
          role: "",
          notes: "",
          advisories: [{ id: "ICSA-26-001", remediations: [{ category: "none_available" }] }],
        },
      ],
    },
  ],
  conduits: [],
  countermeasures: [
    {
      id: "cm-1",
      name: "MFA on jump host",
      scope: { asset: "asset-1" },
      frs: [1],
      raisesTo: 2,
      responsibleParty: "asset_owner",
      evidence: "",
    },
  ],
};

const plan = () =>
  planSiteObligations({
    site,
    ownerName: "Rheinwasser",
    document,
    result: evaluate(ZEvaluationInput.parse(document)),
    tenantNames: new Map([
      [integrator, "Vantage SI"],
      [supplier, "Northwind"],
    ]),
  });

describe("planSiteObligations", () => {
  it("assigns engine obligations to tenants with readable text", () => {
    const planned = plan();
    const context = planned.find((o) => o.source === "security_context");
    expect(context).toMatchObject({
      responsibleParty: "integrator",
      obligeeTenantId: integrator,
      obligeeName: "Vantage SI",
    });
    expect(context?.text).toContain("NW-PLC");
    expect(context?.text).toContain("PLC-D1");
    const fix = planned.find((o) => o.source === "advisory_remediation");
    expect(fix).toMatchObject({ responsibleParty: "supplier", obligeeTenantId: supplier });
    const keep = planned.find((o) => o.source === "countermeasure");
    expect(keep).toMatchObject({
      obligeeTenantId: owner,
      subject: { kind: "countermeasure", label: "MFA on jump host" },
    });
  });

  it("adds role baselines: 12 integrator areas, 3 supplier practices, the asset owner's own", () => {
    const baselines = plan().filter((o) => o.source === "role_baseline");
    expect(baselines.filter((o) => o.responsibleParty === "integrator")).toHaveLength(12);
    expect(baselines.filter((o) => o.responsibleParty === "supplier").map((o) => o.reference)).toEqual([
      expect.stringContaining("SUM"),
      expect.stringContaining("DM"),
      expect.stringContaining("SG"),
    ]);
    expect(baselines.filter((o) => o.responsibleParty === "asset_owner").length).toBeGreaterThan(0);
  });

  it("gives the same source keys on every run and leaves integrator baselines out without an integrator", () => {
    expect(plan().map((o) => o.sourceKey)).toEqual(plan().map((o) => o.sourceKey));
    expect(new Set(plan().map((o) => o.sourceKey)).size).toBe(plan().length);
    const withoutIntegrator = planSiteObligations({
      site: { ...site, integratorTenantId: undefined },
      ownerName: "Rheinwasser",
      document,
      result: evaluate(ZEvaluationInput.parse(document)),
      tenantNames: new Map(),
    });
    expect(withoutIntegrator.some((o) => o.sourceKey.startsWith("baseline:integrator"))).toBe(false);
    expect(withoutIntegrator.find((o) => o.source === "security_context")?.obligeeTenantId).toBeUndefined();
  });
});

describe("raciOf and isOverdue", () => {
  it.each([
    [
      { responsibleParty: "integrator", source: "security_context" },
      { asset_owner: "A", integrator: "R", supplier: "C" },
    ],
    [
      { responsibleParty: "asset_owner", source: "countermeasure" },
      { asset_owner: "R/A", integrator: "C", supplier: "I" },
    ],
    [
      { responsibleParty: "supplier", source: "advisory_remediation" },
      { asset_owner: "A", integrator: "I", supplier: "R" },
    ],
    [
      { responsibleParty: "supplier", source: "role_baseline" },
      { asset_owner: "A", integrator: "I", supplier: "R" },
    ],
  ] as const)("%o → %o", (obligation, raci) => {
    expect(raciOf(obligation)).toEqual(raci);
  });

  it("is overdue only while open or in progress, active and past due", () => {
    const base = { due: "2026-05-01", status: "open" as const, active: true };
    expect(isOverdue(base, "2026-05-02")).toBe(true);
    expect(isOverdue(base, "2026-05-01")).toBe(false);
    expect(isOverdue({ ...base, status: "met" }, "2026-06-01")).toBe(false);
    expect(isOverdue({ ...base, active: false }, "2026-06-01")).toBe(false);
    expect(isOverdue({ ...base, due: undefined }, "2026-06-01")).toBe(false);
  });
});
