import { beforeAll, describe, expect, it } from "vitest";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

// Nothing an edit does not mention may change: every portal edit path sends only some fields of an asset or a
// countermeasure, and each must leave the others exactly as stored.

let t: TestApp;
let owner: TestActor;
let plc: { id: string; supplierTenantId: string };
let strongPlc: { id: string; supplierTenantId: string };

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "owner", "Edit Paths Owner");
  const supplier = await t.actor(["supplier"], "owner", "Edit Paths Supplier");
  const publish = (name: string, slC: number[]) =>
    createPublishedComponent(t.db, {
      supplier: supplier.tenant,
      component: buildComponentInput({ name, slC, basis: "self_declared" }),
    });
  plc = await publish("Edit Path PLC 100", [1, 2, 2, 1, 2, 1, 2]);
  strongPlc = await publish("Edit Path PLC 900", [3, 3, 3, 3, 3, 3, 3]);
});

async function send(method: string, path: string, body?: unknown, ifMatch?: number) {
  const res = await t.app.request(path, {
    method,
    headers: owner.headers(ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

async function siteWithAsset() {
  const site = (await send("POST", "/v1/sites", { name: "Edit Paths Plant" })).body;
  const zone = async (name: string) =>
    (await send("POST", `/v1/sites/${site.id}/zones`, { name, slT: [2, 2, 2, 1, 2, 1, 2] })).body;
  const control = await zone("Control");
  const dmz = await zone("DMZ");
  const asset = await send("POST", `/v1/sites/${site.id}/assets`, {
    name: "PLC-D1",
    location: { kind: "zone", zoneId: control.id },
    supplierTenantId: plc.supplierTenantId,
    componentId: plc.id,
    version: "1.0.0",
    count: 3,
    role: "Dosing controller",
    notes: "Rack 4, left",
  });
  expect(asset.status).toBe(201);
  return { site, control, dmz, asset: asset.body };
}

const ASSET_FIELDS = [
  "name",
  "location",
  "supplierTenantId",
  "componentId",
  "version",
  "count",
  "role",
  "notes",
];

describe("asset edits change only what they name", () => {
  const paths: Array<{
    path: string;
    patch: (ctx: { dmzId: string }) => Record<string, unknown>;
  }> = [
    {
      path: "what-if: replace the component",
      patch: () => ({
        componentId: strongPlc.id,
        supplierTenantId: strongPlc.supplierTenantId,
        version: "2.0.0",
      }),
    },
    {
      path: "edit dialog: move to another zone",
      patch: ({ dmzId }) => ({ location: { kind: "zone", zoneId: dmzId } }),
    },
    { path: "edit dialog: rename", patch: () => ({ name: "PLC-D1a" }) },
    { path: "edit dialog: count", patch: () => ({ count: 5 }) },
    { path: "edit dialog: role", patch: () => ({ role: "Filtration controller" }) },
    { path: "edit dialog: notes", patch: () => ({ notes: "Rack 5" }) },
    { path: "edit dialog: version", patch: () => ({ version: "1.0.1" }) },
  ];

  it.each(paths)("$path", async ({ patch }) => {
    const { site, dmz, asset } = await siteWithAsset();
    const body = patch({ dmzId: dmz.id });
    const res = await send("PATCH", `/v1/sites/${site.id}/assets/${asset.id}`, body, asset.revision);
    expect(res.status).toBe(200);
    const model = (await send("GET", `/v1/sites/${site.id}`)).body;
    const stored = model.assets.find((a: { id: string }) => a.id === asset.id);
    for (const field of ASSET_FIELDS) {
      expect(stored[field], field).toEqual(field in body ? body[field] : asset[field]);
    }
  });
});

describe("countermeasure edits change only what they name", () => {
  it.each([
    { field: "name", value: "Jump host MFA (all users)" },
    { field: "raisesTo", value: 3 },
    { field: "frs", value: [1, 2] },
    { field: "description", value: "Hardware tokens" },
  ])("$field", async ({ field, value }) => {
    const { site, asset } = await siteWithAsset();
    const created = await send("POST", `/v1/sites/${site.id}/countermeasures`, {
      name: "Jump host MFA",
      description: "TOTP for engineers",
      scope: { kind: "asset", id: asset.id },
      frs: [1],
      raisesTo: 2,
      kind: "procedural",
      responsibleParty: "integrator",
      evidence: "Pen test report PT-2026-04",
    });
    expect(created.status).toBe(201);
    const cm = created.body;
    const res = await send(
      "PATCH",
      `/v1/sites/${site.id}/countermeasures/${cm.id}`,
      { [field]: value },
      cm.version,
    );
    expect(res.status).toBe(200);
    const stored = (await send("GET", `/v1/sites/${site.id}`)).body.countermeasures.find(
      (c: { id: string }) => c.id === cm.id,
    );
    for (const key of [
      "name",
      "description",
      "scope",
      "frs",
      "raisesTo",
      "kind",
      "responsibleParty",
      "evidence",
    ]) {
      expect(stored[key], key).toEqual(key === field ? value : cm[key]);
    }
  });
});
