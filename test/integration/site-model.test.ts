import { describe, expect, it } from "vitest";
import { seedDemoData } from "../../functions/src/local/seed";
import { listGrants } from "../../functions/src/repos/grants";
import { listSiteObligations } from "../../functions/src/repos/obligations";
import { listSites } from "../../functions/src/repos/sites";
import { getTenantBySlug } from "../../functions/src/repos/tenants";
import { evaluateSite, loadSiteModel } from "../../functions/src/usecases/evaluate-site";
import { syncSiteObligations } from "../../functions/src/usecases/sync-site-obligations";
import { createTestDb } from "../support/db";

describe("the seeded Kaiserau site", () => {
  it("has gaps, one covered by a countermeasure, a firewall conduit, obligations and a grant to vantage-si", async () => {
    const db = await createTestDb("site-model");
    await seedDemoData(db);
    const owner = await getTenantBySlug(db, "rheinwasser");
    const vantage = await getTenantBySlug(db, "vantage-si");
    if (!owner || !vantage) throw new Error("seed tenants missing");
    const [site] = await listSites(db, owner.id);
    if (!site) throw new Error("seed site missing");
    expect(site.integratorTenantId).toBe(vantage.id);

    const model = await loadSiteModel(db, site);
    // Eight in zones (one a real product that CISA advisories name: the SCALANCE W1750D) and two on conduits.
    expect(model.assets.length).toBe(10);
    expect(model.conduits.map((c) => c.name).sort()).toEqual([
      "DMZ ↔ Dosing",
      "DMZ ↔ Pumping stations",
      "Dosing ↔ SIS",
    ]);

    // Count DynamoDB round trips: evaluating the whole site is a fixed number of calls, never one per asset.
    let calls = 0;
    const send = db.doc.send.bind(db.doc);
    db.doc.send = ((command: never) => {
      calls++;
      return send(command);
    }) as typeof db.doc.send;
    const { result } = await evaluateSite(db, {
      viewerTenantId: owner.id,
      model,
      now: new Date(),
      suggestions: 3,
    });
    db.doc.send = send;
    // Resolve (components, shares, certificates: 3) + the site's advisory impacts (1) + per component type with gaps at most 4 catalog calls
    // (4 types) + resolving the candidates (3): at most 22, whatever the number of assets.
    expect(calls).toBeLessThanOrEqual(22);

    const zone = (name: string) => {
      const id = model.zones.find((z) => z.name === name)?.id;
      return result.zones.find((z) => z.id === id);
    };
    expect(zone("Dosing Control")?.compliant).toBe(true);
    expect(zone("Dosing Control")?.counts.covered).toBe(3);
    expect(zone("Remote Pumping Stations")?.compliant).toBe(false);
    expect(zone("Enterprise DMZ")?.compliant).toBe(false);
    const firewall = result.conduits.find((c) => c.assets.length > 0 && c.slT[4] === 3);
    expect(firewall?.compliant).toBe(true);

    const obligations = await listSiteObligations(db, owner.id, site.id);
    const bySource = (source: string) => obligations.filter((o) => o.source === source);
    expect(bySource("security_context").length).toBeGreaterThan(0);
    expect(bySource("countermeasure")[0]).toMatchObject({ status: "met", obligeeTenantId: vantage.id });
    expect(bySource("role_baseline").filter((o) => o.responsibleParty === "integrator")).toHaveLength(12);
    expect(obligations.some((o) => o.due && o.due < new Date().toISOString().slice(0, 10))).toBe(true);
    expect((await listGrants(db, owner.id, site.id)).map((g) => [g.granteeTenantId, g.access])).toEqual([
      [vantage.id, "write"],
    ]);

    // Regenerating changes nothing when the site did not change.
    expect(await syncSiteObligations(db, { site, actor: "test", now: new Date() })).toEqual({ changed: 0 });
  });
});
