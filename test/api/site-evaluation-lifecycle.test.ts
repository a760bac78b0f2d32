import { describe, expect, it } from "vitest";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestApp } from "../support/app";

// A site's evaluation hands the engine what the catalog knows about each deployed version: past its end of
// support, the asset is at risk (levels and verdicts unchanged) and the owner owes a replacement plan.
describe("site evaluation and end of support", () => {
  it("puts an asset on a version past its end of support at risk, with the date as the reason", async () => {
    const t = await createTestApp();
    const owner = await t.actor(["asset_owner"], "owner", "Lifecycle Owner");
    const supplier = await t.actor(["supplier"], "owner", "Lifecycle Supplier");
    const plc = await createPublishedComponent(t.db, {
      supplier: supplier.tenant,
      component: buildComponentInput({
        name: "Old PLC 300",
        slC: [2, 2, 2, 2, 2, 2, 2],
        versions: [
          { version: "1.0.0", endOfSupport: "2020-06-30" },
          { version: "2.0.0", supersedes: "1.0.0" },
        ],
      }),
    });
    const call = async (method: string, path: string, body?: unknown) =>
      (
        await t.app.request(path, {
          method,
          headers: owner.headers(),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      ).json();
    const site = await call("POST", "/v1/sites", { name: "Lifecycle Plant" });
    const zone = await call("POST", `/v1/sites/${site.id}/zones`, {
      name: "Cell",
      slT: [2, 2, 2, 2, 2, 2, 2],
    });
    for (const [name, version] of [
      ["PLC-old", "1.0.0"],
      ["PLC-new", "2.0.0"],
    ]) {
      await call("POST", `/v1/sites/${site.id}/assets`, {
        name,
        location: { kind: "zone", zoneId: zone.id },
        supplierTenantId: plc.supplierTenantId,
        componentId: plc.id,
        version,
        count: 1,
      });
    }
    const model = await call("GET", `/v1/sites/${site.id}`);
    const idOf = (name: string) => model.assets.find((a: { name: string }) => a.name === name).id;
    const { result } = await call("GET", `/v1/sites/${site.id}/evaluation`);
    const assets = result.zones[0].assets as Array<{
      id: string;
      atRisk: boolean;
      perFr: Array<{ verdict: string }>;
      reasons?: Array<{ message: string }>;
    }>;
    const old = assets.find((a) => a.id === idOf("PLC-old"));
    const current = assets.find((a) => a.id === idOf("PLC-new"));
    expect(old?.atRisk).toBe(true);
    expect(JSON.stringify(old)).toContain("2020-06-30");
    expect(old?.perFr.map((f) => f.verdict)).toEqual(Array(7).fill("meets"));
    expect(current?.atRisk).toBe(false);
    expect(result.zones[0].compliant).toBe(true);
  });
});
