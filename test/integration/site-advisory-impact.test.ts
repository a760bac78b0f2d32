import type { TAdvisoryImpact, TAsset, TComponent, TSite, TTenant } from "@assure/shared";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../functions/src/db/client";
import { putImpacts } from "../../functions/src/repos/advisories-impact";
import { createAsset } from "../../functions/src/repos/assets";
import { listSiteObligations } from "../../functions/src/repos/obligations";
import { createSite, createZone } from "../../functions/src/repos/sites";
import { createTenant } from "../../functions/src/repos/tenants";
import { evaluateSite, loadSiteModel } from "../../functions/src/usecases/evaluate-site";
import { syncSiteObligations } from "../../functions/src/usecases/sync-site-obligations";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestDb } from "../support/db";

/**
 * The site evaluation reads the advisories engineer's impact items (IMPACT#<site>#<asset>#<advisory> in the owner's
 * partition) with one Query and hands them to the engine as the assets' advisories: an open impact marks the
 * asset at risk and makes a remediation obligation; a resolved one takes it away again.
 */

let db: Db;
let owner: TTenant;
let supplier: TTenant;
let plc: TComponent;
let site: TSite;
let assets: TAsset[];

const now = new Date("2026-12-01T10:00:00.000Z");

function impactOn(asset: TAsset, state: TAdvisoryImpact["state"], trackingId = "KESTREL-SA-2026-7") {
  return {
    tenantId: owner.id,
    advisory: {
      id: "01m8advisory00000000000007",
      owner: { kind: "supplier" as const, tenantId: supplier.id },
      trackingId,
      revision: "1",
      title: "KX PLC web server allows unauthenticated firmware upload",
      severity: "critical" as const,
      cvssMax: 9.8,
      currentReleaseDate: now.toISOString(),
      cves: ["CVE-2026-31337"],
    },
    componentId: asset.componentId,
    componentName: "KX PLC 40",
    siteId: asset.siteId,
    zoneId: asset.location.kind === "zone" ? asset.location.zoneId : null,
    assetId: asset.id,
    assetName: asset.name,
    assetVersion: asset.version,
    affected: state === "open" ? true : null,
    reason: state === "open" ? "1.2.0 is in <1.3.0" : "cannot tell",
    state,
    method: "purl" as const,
    confidence: 1,
    obligationIds: [],
    detectedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  } satisfies TAdvisoryImpact;
}

/** Counts DynamoDB calls (and the impact queries among them) made while `run` runs. */
async function counted<T>(run: () => Promise<T>) {
  let calls = 0;
  let impactQueries = 0;
  const send = db.doc.send.bind(db.doc);
  db.doc.send = ((command: object) => {
    calls++;
    if (
      command instanceof QueryCommand &&
      String(command.input.ExpressionAttributeValues?.[":prefix"] ?? "").startsWith("IMPACT#")
    ) {
      impactQueries++;
    }
    return send(command as never);
  }) as typeof db.doc.send;
  try {
    return { value: await run(), calls, impactQueries };
  } finally {
    db.doc.send = send;
  }
}

const evaluate = async () =>
  evaluateSite(db, { viewerTenantId: owner.id, model: await loadSiteModel(db, site), now });

beforeAll(async () => {
  db = await createTestDb("site-impact");
  const tenant = (slug: string, kinds: TTenant["kinds"]) =>
    createTenant(db, {
      slug: `${slug}-${Math.random().toString(36).slice(2, 7)}`,
      name: slug,
      kinds,
      actor: "t",
      now,
    });
  owner = await tenant("owner", ["asset_owner"]);
  supplier = await tenant("kestrel", ["supplier"]);
  plc = await createPublishedComponent(db, {
    supplier,
    component: buildComponentInput({ name: "KX PLC 40", componentType: "EDR", slC: [2, 2, 2, 2, 2, 2, 2] }),
  });
  site = await createSite(db, { tenantId: owner.id, name: "Impact Plant", actor: "t", now });
  const zone = await createZone(db, {
    tenantId: owner.id,
    siteId: site.id,
    name: "Control",
    slT: [2, 2, 2, 2, 2, 2, 2],
    actor: "t",
    now,
  });
  assets = [];
  for (const name of ["PLC-1", "PLC-2", "PLC-3", "PLC-4", "PLC-5"]) {
    assets.push(
      await createAsset(
        db,
        { ownerTenantId: owner.id, siteId: site.id, actor: "t", now },
        {
          name,
          location: { kind: "zone", zoneId: zone.id },
          supplierTenantId: plc.supplierTenantId,
          componentId: plc.id,
          version: "1.2.0",
          count: 1,
          role: "",
          notes: "",
        },
      ),
    );
  }
});

describe("advisory impact in the site evaluation", () => {
  it("puts open impacts on the assets (at risk, remediation obligation) with one Query, whatever their number", async () => {
    const before = await counted(evaluate);
    expect(before.impactQueries).toBe(1);
    expect(before.value.result.zones[0]?.assets.some((a) => a.atRisk)).toBe(false);

    // Impact items as the advisories engineer's repo writes them: one asset affected, one to review.
    const [first, second, ...rest] = assets as [TAsset, TAsset, ...TAsset[]];
    await putImpacts(db, [impactOn(first, "open"), impactOn(second, "review")]);
    const after = await counted(evaluate);
    expect(after.impactQueries).toBe(1);
    expect(after.calls).toBe(before.calls);
    const byId = new Map(after.value.result.zones[0]?.assets.map((a) => [a.id, a]));
    expect(byId.get(first.id)?.atRisk).toBe(true);
    expect(byId.get(first.id)?.reasons.map((r) => r.code)).toContain("advisory_open");
    expect(byId.get(second.id)?.atRisk).toBe(false);
    for (const other of rest) expect(byId.get(other.id)?.atRisk).toBe(false);
    // The engine's document carries the advisory, so the what-if in the browser sees it too.
    const docAsset = after.value.document.zones[0]?.assets.find((a) => a.id === first.id);
    expect(docAsset?.advisories).toEqual([
      {
        id: "KESTREL-SA-2026-7",
        status: "known_affected",
        title: "KX PLC web server allows unauthenticated firmware upload",
        cves: ["CVE-2026-31337"],
      },
    ]);

    // Impacts on all five assets are still one Query.
    await putImpacts(
      db,
      rest.map((asset) => impactOn(asset, "open")),
    );
    const many = await counted(evaluate);
    expect(many.impactQueries).toBe(1);
    expect(many.calls).toBe(before.calls);
    expect(many.value.result.zones[0]?.assets.filter((a) => a.atRisk)).toHaveLength(4);

    await syncSiteObligations(db, { site, actor: "t", now });
    const remediation = (await listSiteObligations(db, owner.id, site.id)).filter(
      (o) => o.source === "advisory_remediation",
    );
    expect(remediation).toHaveLength(1);
    expect(remediation[0]).toMatchObject({ responsibleParty: "asset_owner", active: true, status: "open" });
    expect(remediation[0]?.text).toContain("KESTREL-SA-2026-7");
  });

  it("a resolved impact takes the advisory off: not at risk, the remediation obligation retires", async () => {
    await putImpacts(
      db,
      assets.map((asset) => impactOn(asset, "resolved")),
    );
    const { result } = await evaluate();
    expect(result.zones[0]?.assets.some((a) => a.atRisk)).toBe(false);
    await syncSiteObligations(db, { site, actor: "t", now });
    const remediation = (await listSiteObligations(db, owner.id, site.id)).filter(
      (o) => o.source === "advisory_remediation",
    );
    expect(remediation.map((o) => o.active)).toEqual([false]);
  });
});
