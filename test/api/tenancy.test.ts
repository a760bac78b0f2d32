import { beforeAll, describe, expect, it } from "vitest";
import { createSite, createZone } from "../../functions/src/repos/sites";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let owner: TestActor;
let otherOwner: TestActor;
let siteId: string;
let keyId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "owner", "Rheinwasser Utilities");
  otherOwner = await t.actor(["asset_owner"], "owner", "Baltic Grid Energy");
  const now = new Date();
  const site = await createSite(t.db, { tenantId: owner.tenant.id, name: "Waterworks", actor: "test", now });
  await createZone(t.db, {
    tenantId: owner.tenant.id,
    siteId: site.id,
    name: "Dosing",
    slT: [2, 2, 2, 1, 2, 1, 2],
    actor: "test",
    now,
  });
  siteId = site.id;
  const key = await t.app.request("/v1/api-keys", {
    method: "POST",
    headers: owner.headers(),
    body: JSON.stringify({ name: "reporting", scopes: ["sites:read"] }),
  });
  keyId = (await key.json()).apiKey.id;
});

describe("private resources are invisible to other tenants", () => {
  it("serves the owner its site with zones", async () => {
    const res = await t.app.request(`/v1/sites/${siteId}`, { headers: owner.headers() });
    expect(res.status).toBe(200);
    expect((await res.json()).zones.map((z: { name: string }) => z.name)).toEqual(["Dosing"]);
  });

  it.each([
    ["GET a site", () => ({ path: `/v1/sites/${siteId}`, method: "GET" })],
    ["DELETE an API key", () => ({ path: `/v1/api-keys/${keyId}`, method: "DELETE" })],
  ])("answers 404 to another tenant for %s", async (_label, request) => {
    const { path, method } = request();
    const res = await t.app.request(path, { method, headers: otherOwner.headers() });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe("not_found");
  });

  it.each([
    ["sites", "/v1/sites", () => "Waterworks"],
    ["API keys", "/v1/api-keys", () => "reporting"],
    ["members", "/v1/tenants/current/members", () => owner.user.email],
    ["audit events", "/v1/tenants/current/audit", () => "site.create"],
  ])("never lists another tenant's %s", async (_label, path, marker) => {
    const own = await (await t.app.request(path, { headers: owner.headers() })).text();
    const theirs = await (await t.app.request(path, { headers: otherOwner.headers() })).text();
    expect(own).toContain(marker());
    expect(theirs).not.toContain(marker());
    expect(theirs).not.toContain(owner.tenant.id);
  });

  it("keeps the key after a cross-tenant delete attempt", async () => {
    const keys = await (await t.app.request("/v1/api-keys", { headers: owner.headers() })).json();
    expect(keys.items.find((k: { id: string }) => k.id === keyId)?.revokedAt).toBeUndefined();
  });
});

describe("roles and tenant kinds", () => {
  it("keeps suppliers out of site routes and asset owners out of supplier routes", async () => {
    const supplier = await t.actor(["supplier"]);
    expect((await t.app.request("/v1/sites", { headers: supplier.headers() })).status).toBe(403);
    expect((await t.app.request("/v1/components", { headers: owner.headers() })).status).toBe(403);
  });

  it("lets only the platform operator list tenants and verify suppliers", async () => {
    const supplier = await t.actor(["supplier"]);
    expect((await t.app.request("/v1/tenants", { headers: owner.headers() })).status).toBe(403);
    const ops = await t.actor([], "owner", "Platform Ops", { platformOperator: true });
    const operator = ops.headers();
    const list = await (await t.app.request("/v1/tenants", { headers: operator })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining([owner.tenant.id, supplier.tenant.id]),
    );
    const verify = await t.app.request(`/v1/tenants/${supplier.tenant.id}/supplier-verification`, {
      method: "PUT",
      headers: operator,
      body: JSON.stringify({ verified: true, method: "DNS TXT record on the supplier's domain" }),
    });
    expect(verify.status).toBe(200);
    expect((await verify.json()).supplierVerification.verifiedBy).toBe(`user:${ops.user.id}`);
    const notSupplier = await t.app.request(`/v1/tenants/${otherOwner.tenant.id}/supplier-verification`, {
      method: "PUT",
      headers: operator,
      body: JSON.stringify({ verified: true, method: "DNS TXT record" }),
    });
    expect(notSupplier.status).toBe(409);
    const byOwner = await t.app.request(`/v1/tenants/${supplier.tenant.id}/supplier-verification`, {
      method: "PUT",
      headers: owner.headers(),
      body: JSON.stringify({ verified: false, method: "nope" }),
    });
    expect(byOwner.status).toBe(403);
  });

  it("lets only admins read the audit trail", async () => {
    const viewer = await t.actor(["asset_owner"], "viewer");
    expect((await t.app.request("/v1/tenants/current/audit", { headers: viewer.headers() })).status).toBe(
      403,
    );
  });
});

describe("API conventions", () => {
  it("answers /health, request ids and problem+json for unknown routes", async () => {
    const health = await t.app.request("/health");
    expect(await health.json()).toEqual({ status: "ok" });
    expect(health.headers.get("x-request-id")).toBeTruthy();
    const missing = await t.app.request("/v1/nothing-here", { headers: owner.headers() });
    expect(missing.status).toBe(404);
    const problem = await missing.json();
    expect(problem).toMatchObject({ status: 404, code: "not_found" });
    expect(problem.requestId).toBe(missing.headers.get("x-request-id"));
  });

  it("answers invalid_json for a body that is not JSON", async () => {
    const res = await t.app.request("/v1/api-keys", {
      method: "POST",
      headers: owner.headers(),
      body: "{oops",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_json", status: 400 });
  });

  it("serves a docs page for the OpenAPI document", async () => {
    const docs = await t.app.request("/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/openapi.json");
  });
});
