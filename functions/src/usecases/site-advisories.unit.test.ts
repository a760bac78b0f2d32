import type { TAdvisoryImpact, TAsset, TSiteModel } from "@assure/shared";
import { describe, expect, it } from "vitest";
import { withImpactAdvisories } from "./site-advisories";

const at = "2026-12-01T00:00:00.000Z";
const id = (n: number) => `01aaaaaaaaaaaaaaaaaaaaaa${String(n).padStart(2, "0")}`;

const asset = (n: number, advisories: TAsset["advisories"] = []): TAsset => ({
  id: id(n),
  siteId: id(90),
  name: `Asset ${n}`,
  location: { kind: "zone", zoneId: id(80) },
  supplierTenantId: id(70),
  componentId: id(60),
  version: "1.0.0",
  count: 1,
  role: "",
  notes: "",
  advisories,
  revision: 1,
  createdAt: at,
  updatedAt: at,
});

const model = (assets: TAsset[]): TSiteModel => ({
  site: {
    id: id(90),
    tenantId: id(91),
    name: "Plant",
    location: "",
    description: "",
    version: 1,
    createdAt: at,
    updatedAt: at,
  },
  zones: [],
  conduits: [],
  assets,
  countermeasures: [],
});

const impact = (
  assetNumber: number,
  trackingId: string,
  state: TAdvisoryImpact["state"],
  extra: Partial<TAdvisoryImpact> = {},
): TAdvisoryImpact => ({
  tenantId: id(91),
  advisory: {
    id: `adv-${trackingId}`,
    owner: { kind: "supplier", tenantId: id(70) },
    trackingId,
    revision: "1",
    title: `Title of ${trackingId}`,
    severity: "high",
    cvssMax: 8.1,
    currentReleaseDate: at,
    cves: ["CVE-2026-0001"],
  },
  componentId: id(60),
  componentName: "PLC",
  siteId: id(90),
  zoneId: id(80),
  assetId: id(assetNumber),
  assetName: `Asset ${assetNumber}`,
  assetVersion: "1.0.0",
  affected: state === "open" ? true : null,
  reason: "",
  state,
  method: "purl",
  confidence: 1,
  obligationIds: [],
  detectedAt: at,
  updatedAt: at,
  ...extra,
});

describe("advisory impacts on the evaluated assets", () => {
  it("open puts the advisory on the asset as known_affected, review as under_investigation", () => {
    const out = withImpactAdvisories(model([asset(1), asset(2), asset(3)]), [
      impact(1, "NW-SA-1", "open"),
      impact(2, "NW-SA-2", "review"),
    ]);
    expect(out.assets.map((a) => a.advisories)).toEqual([
      [{ id: "NW-SA-1", status: "known_affected", title: "Title of NW-SA-1", cves: ["CVE-2026-0001"] }],
      [{ id: "NW-SA-2", status: "under_investigation", title: "Title of NW-SA-2", cves: ["CVE-2026-0001"] }],
      [],
    ]);
  });

  it("keeps what the asset records (remediations, fix applied) and takes the status from the impact", () => {
    const recorded = {
      id: "NW-SA-1",
      status: "under_investigation" as const,
      fixApplied: true,
      title: "Recorded title",
      remediations: [{ category: "vendor_fix" as const, details: "update to 1.0.1" }],
    };
    const out = withImpactAdvisories(model([asset(1, [recorded])]), [impact(1, "NW-SA-1", "open")]);
    expect(out.assets[0]?.advisories).toEqual([
      { ...recorded, status: "known_affected", cves: ["CVE-2026-0001"] },
    ]);
  });

  it("a resolved impact takes the advisory off; advisories no impact names stay", () => {
    const manual = { id: "MANUAL-1", status: "known_affected" as const };
    const out = withImpactAdvisories(model([asset(1, [{ id: "NW-SA-1" }, manual])]), [
      impact(1, "NW-SA-1", "resolved"),
    ]);
    expect(out.assets[0]?.advisories).toEqual([manual]);
  });

  it("ignores impacts of another site or of the component the asset ran before", () => {
    const before = model([asset(1)]);
    const out = withImpactAdvisories(before, [
      impact(1, "NW-SA-1", "open", { siteId: id(99) }),
      impact(1, "NW-SA-2", "open", { componentId: id(61) }),
    ]);
    expect(out.assets[0]?.advisories).toEqual([]);
    expect(withImpactAdvisories(before, [])).toBe(before);
  });
});
