import { beforeAll, describe, expect, it } from "vitest";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

// A site's evaluation is its owner's: a grantee sees the owner's verdicts and levels, also for components under an
// NDA that names the owner only, but never those components' names, claim details or certificates.

let t: TestApp;
let owner: TestActor;
let integrator: TestActor;
let siteId: string;
const NDA_NAME = "SG-9 Safety Gateway (NDA)";
const NDA_PLC = "SC-7 Safety Controller (NDA)";
const CERT_NO = "CSA-NDA-7731";

async function send(actor: TestActor, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: actor.headers(),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "owner", "Grantee View Owner");
  integrator = await t.actor(["integrator"], "owner", "Grantee View Integrator");
  const supplier = await t.actor(["supplier"], "owner", "Grantee View Supplier");
  const gateway = await createPublishedComponent(t.db, {
    supplier: supplier.tenant,
    component: buildComponentInput({
      name: NDA_NAME,
      componentType: "NDR",
      slC: [3, 3, 3, 3, 3, 3, 3],
      visibility: { kind: "restricted", tenantIds: [owner.tenant.id] },
    }),
  });
  // A certified one too: its certificate caps FR4 at SL 2 and must count for the grantee as for the owner.
  const certification = await send(supplier, "POST", "/v1/certifications", {
    scheme: "ISASecure CSA",
    body: "exida",
    certificateNo: CERT_NO,
    standardPart: "4-2",
    slC: [3, 3, 3, 2, 3, 3, 3],
    issued: "2025-01-01",
    expires: "2099-01-01",
  });
  expect(certification.status).toBe(201);
  const plcInput = buildComponentInput({
    name: NDA_PLC,
    componentType: "EDR",
    visibility: { kind: "restricted", tenantIds: [owner.tenant.id] },
    slC: undefined,
    basis: undefined,
    claims: [
      {
        versionRange: "*",
        slC: [3, 3, 3, 3, 3, 3, 3],
        basis: "certified",
        certificationId: certification.body.id,
        securityContext: [],
      },
    ],
  });
  const plc = await send(supplier, "POST", "/v1/components", plcInput);
  expect(plc.status).toBe(201);
  const published = await t.app.request(`/v1/components/${plc.body.id}/publish`, {
    method: "POST",
    headers: supplier.headers({ "if-match": '"1"' }),
  });
  expect(published.status).toBe(200);
  const site = (await send(owner, "POST", "/v1/sites", { name: "Grantee View Plant" })).body;
  siteId = site.id;
  const zone = async (name: string, slT: number[]) =>
    (await send(owner, "POST", `/v1/sites/${site.id}/zones`, { name, slT })).body;
  const [a, b] = [await zone("Control", [2, 2, 2, 3, 2, 2, 2]), await zone("DMZ", [2, 2, 2, 2, 2, 2, 2])];
  const conduit = (
    await send(owner, "POST", `/v1/sites/${site.id}/conduits`, {
      name: "DMZ ↔ Control",
      fromZoneId: a.id,
      toZoneId: b.id,
    })
  ).body;
  const asset = await send(owner, "POST", `/v1/sites/${site.id}/assets`, {
    name: "GW-1",
    location: { kind: "conduit", conduitId: conduit.id },
    supplierTenantId: gateway.supplierTenantId,
    componentId: gateway.id,
    version: "1.0.0",
    count: 1,
  });
  expect(asset.status).toBe(201);
  const plcAsset = await send(owner, "POST", `/v1/sites/${site.id}/assets`, {
    name: "PLC-1",
    location: { kind: "zone", zoneId: a.id },
    supplierTenantId: supplier.tenant.id,
    componentId: plc.body.id,
    version: "1.0.0",
    count: 1,
  });
  expect(plcAsset.status).toBe(201);
  const grant = await send(owner, "POST", `/v1/sites/${site.id}/grants`, {
    granteeSlug: integrator.tenant.slug,
    access: "write",
  });
  expect(grant.status).toBe(201);
});

const verdicts = (result: {
  summary: unknown;
  zones: Array<{ id: string; slA: number[]; compliant: boolean }>;
  conduits: Array<{
    id: string;
    slA: number[];
    compliant: boolean;
    assets: Array<{ id: string; perFr: Array<{ verdict: string; slC: number; effective: number }> }>;
  }>;
}) => ({
  // Inconsistencies are findings about the supplier's claim (its details), not verdicts: the grantee does not get them.
  summary: { ...(result.summary as Record<string, number>), inconsistencies: undefined },
  zones: result.zones.map((z) => [z.id, z.slA, z.compliant]),
  conduits: result.conduits.map((k) => [
    k.id,
    k.slA,
    k.compliant,
    k.assets.map((a) => [a.id, a.perFr.map((f) => [f.verdict, f.slC, f.effective])]),
  ]),
});

describe("a grantee reads the site's evaluation", () => {
  it("with the owner's verdicts and levels", async () => {
    const mine = await send(owner, "GET", `/v1/sites/${siteId}/evaluation`);
    const theirs = await send(integrator, "GET", `/v1/sites/${siteId}/evaluation`);
    expect(theirs.status).toBe(200);
    expect(mine.body.result.conduits[0].compliant).toBe(true);
    const plcVerdicts = mine.body.result.zones
      .flatMap((z: { assets: Array<{ perFr: Array<{ verdict: string }> }> }) => z.assets)
      .flatMap((a: { perFr: Array<{ verdict: string }> }) => a.perFr.map((f) => f.verdict));
    // The certificate caps FR4 at SL 2, below the zone's SL-T 3: the owner's certified levels, not "no claim".
    expect(plcVerdicts).toEqual(["meets", "meets", "meets", "gap", "meets", "meets", "meets"]);
    expect(verdicts(theirs.body.result)).toEqual(verdicts(mine.body.result));
  });

  it("without the NDA component's name or claim details, in the evaluation and the export", async () => {
    const theirs = await send(integrator, "GET", `/v1/sites/${siteId}/evaluation`);
    const text = JSON.stringify(theirs.body);
    for (const secret of [NDA_NAME, NDA_PLC, CERT_NO, "exida", "560CMU05"])
      expect(text).not.toContain(secret);
    for (const component of theirs.body.document.components) {
      expect(component.name).toBe("Restricted component (details visible to the site owner)");
      expect(component.claim?.requirements).toBeUndefined();
    }
    const exported = await t.app.request(`/v1/sites/${siteId}/export`, { headers: integrator.headers() });
    expect(await exported.text()).not.toContain(NDA_NAME);
    // The owner still reads everything.
    expect(JSON.stringify((await send(owner, "GET", `/v1/sites/${siteId}/evaluation`)).body)).toContain(
      NDA_NAME,
    );
  });
});
