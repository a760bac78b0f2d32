import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/src/app";
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  generateSigningJwk,
  importSigningKey,
  signToken,
} from "../../functions/src/auth/tokens";
import { buildComponentInput } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let supplier: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  supplier = await t.actor(["supplier"], "admin");
});

describe("portal-signed JWTs", () => {
  it("are verified against the portal's JWKS fetched over HTTP", async () => {
    const { privateJwk, publicJwk } = await generateSigningJwk("remote-key");
    const server = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const app = createApp({
        // The table where the supplier is a member: the API checks the membership on every user call.
        db: t.db,
        verifyToken: createTokenVerifier({
          jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
          issuer: DEFAULT_ISSUER,
          audience: DEFAULT_AUDIENCE,
        }),
        maxBodyBytes: 10_000,
        now: () => new Date(),
      });
      const key = await importSigningKey(privateJwk);
      const good = await signToken(key, {
        sub: supplier.user.id,
        tid: supplier.tenant.id,
        role: "viewer",
        sat: Date.now(),
      });
      const res = await app.request("/v1/evaluate", {
        method: "POST",
        headers: { authorization: `Bearer ${good}`, "content-type": "application/json" },
        body: JSON.stringify({ evaluationDate: "2026-01-01", components: [], zones: [] }),
      });
      expect(res.status).toBe(200);
    } finally {
      server.close();
    }
  });

  it.each([
    ["an expired token", { ttlSeconds: -60 }, {}],
    ["a token for another audience", { audience: "someone-else" }, {}],
    ["a token from another issuer", { issuer: "evil-portal" }, {}],
    ["a token without a tenant", {}, { tid: undefined }],
    ["a token with an unknown role", {}, { role: "superuser" }],
  ])("rejects %s with 401", async (_label, options, claimOverrides) => {
    const claims = {
      sub: supplier.user.id,
      tid: supplier.tenant.id,
      role: "owner",
      sat: Date.now(),
      ...claimOverrides,
    };
    const token = await signToken(t.signingKey, claims, options);
    const res = await t.app.request("/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("takes tenant and role from the token, never from the body", async () => {
    const other = await t.actor(["supplier"]);
    const res = await t.app.request("/v1/components", {
      method: "POST",
      headers: supplier.headers(),
      body: JSON.stringify({
        ...buildComponentInput(),
        supplierTenantId: other.tenant.id,
        tenantId: other.tenant.id,
      }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).supplierTenantId).toBe(supplier.tenant.id);
  });

  it("tells who is calling, with every membership", async () => {
    const me = await (await t.app.request("/v1/me", { headers: supplier.headers() })).json();
    expect(me).toMatchObject({
      tenant: { id: supplier.tenant.id },
      role: "admin",
      via: "user",
      user: { id: supplier.user.id },
    });
    expect(me.memberships.map((m: { tenantId: string }) => m.tenantId)).toEqual([supplier.tenant.id]);
  });

  it("refuses a token for a tenant the user is not a member of", async () => {
    const other = await t.actor(["asset_owner"]);
    const forged = await t.tokenFor(supplier.user, other.tenant, "owner");
    const res = await t.app.request("/v1/me", { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });
});

describe("tenant API keys", () => {
  it("are shown once, authenticate within their scopes, and stop working when revoked", async () => {
    const created = await t.app.request("/v1/api-keys", {
      method: "POST",
      headers: supplier.headers(),
      body: JSON.stringify({ name: "Release pipeline", scopes: ["components:write"] }),
    });
    expect(created.status).toBe(201);
    const { apiKey, secret } = await created.json();
    expect(secret).toMatch(/^assure_/);
    expect(apiKey.prefix).toBe(secret.slice(0, apiKey.prefix.length));

    const listed = await (await t.app.request("/v1/api-keys", { headers: supplier.headers() })).json();
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.items.map((k: { id: string }) => k.id)).toContain(apiKey.id);

    const machine = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
    const write = await t.app.request("/v1/components", {
      method: "POST",
      headers: machine,
      body: JSON.stringify(buildComponentInput({ name: "From CI" })),
    });
    expect(write.status).toBe(201);
    // Outside its scopes, and never allowed to manage keys.
    expect((await t.app.request("/v1/catalog/components", { headers: machine })).status).toBe(403);
    expect((await t.app.request("/v1/api-keys", { headers: machine })).status).toBe(403);

    const revoked = await t.app.request(`/v1/api-keys/${apiKey.id}`, {
      method: "DELETE",
      headers: supplier.headers(),
    });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).revokedAt).toBeTruthy();
    const after = await t.app.request("/v1/components", { headers: machine });
    expect(after.status).toBe(401);
  });

  it("rejects an unknown key and a key creation by a non-admin", async () => {
    const res = await t.app.request("/v1/components", {
      headers: { authorization: "Bearer assure_notarealkeynotarealkeynotarealkey" },
    });
    expect(res.status).toBe(401);
    const editor = await t.actor(["supplier"], "editor");
    const denied = await t.app.request("/v1/api-keys", {
      method: "POST",
      headers: editor.headers(),
      body: JSON.stringify({ name: "x", scopes: ["catalog:read"] }),
    });
    expect(denied.status).toBe(403);
  });

  it.each([
    ["no name", { scopes: ["catalog:read"] }, "/name"],
    ["no scopes", { name: "ci", scopes: [] }, "/scopes"],
    ["an unknown scope", { name: "ci", scopes: ["root"] }, "/scopes/0"],
  ])("rejects a key with %s", async (_label, body, path) => {
    const res = await t.app.request("/v1/api-keys", {
      method: "POST",
      headers: supplier.headers(),
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
