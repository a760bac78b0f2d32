import { createRoute } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { beforeAll, describe, expect, it } from "vitest";
import { preloadRouteGroups } from "../../functions/src/app";
import { type AppEnv, type AuthContext, createRouter } from "../../functions/src/http/env";
import { onError } from "../../functions/src/http/errors";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { buildCsaf } from "../builders/csaf";
import { createSiteOverApi } from "../builders/site";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

/**
 * API keys are deny-by-default: every route declares the scopes that let a key call it, a route that declares
 * none refuses keys, and people (tokens) are not limited by scopes.
 */

let t: TestApp;
let owner: TestActor;
let sitePath: string;
let obligationId: string;
let matchPath: string;

const NO_SUCH_ID = "0".repeat(26);

async function keyWith(actor: TestActor, scopes: string[]) {
  const res = await t.app.request("/v1/api-keys", {
    method: "POST",
    headers: actor.headers(),
    body: JSON.stringify({ name: `ci ${scopes.join(" ")}`, scopes }),
  });
  expect(res.status).toBe(201);
  const { secret } = (await res.json()) as { secret: string };
  return (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${secret}`,
    "content-type": "application/json",
    ...extra,
  });
}

async function obligationVersion() {
  const res = await t.app.request(`${sitePath}/obligations/${obligationId}`, { headers: owner.headers() });
  expect(res.status).toBe(200);
  return ((await res.json()) as { version: number }).version;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "admin", "Scoped Owner");
  const supplier = await t.actor(["supplier"], "owner", "Scoped Supplier");
  const plc = await createPublishedComponent(t.db, {
    supplier: supplier.tenant,
    component: buildComponentInput({
      name: "Scoped PLC",
      componentType: "EDR",
      slC: [2, 2, 2, 2, 2, 2, 2],
      identifiers: { modelNumbers: ["SCP-PLC-01"] },
    }),
  });
  // An advisory the platform operator imports that matches the PLC by model number.
  const operator = await t.actor([], "owner", "Scoped Operations", { platformOperator: true });
  const imported = await t.app.request("/v1/advisories", {
    method: "POST",
    headers: operator.headers(),
    body: JSON.stringify(
      buildCsaf({ trackingId: "SCOPED-2026-1", vendor: "Someone", modelNumbers: ["SCP-PLC-*"] }),
    ),
  });
  expect(imported.status).toBe(201);
  matchPath = `/v1/advisories/${(await imported.json()).advisory.id}/matches/${plc.id}/decision`;
  ({ sitePath } = await createSiteOverApi(t, owner, { component: plc, name: "Scoped Plant" }));
  const list = await (
    await t.app.request(`${sitePath}/obligations?limit=100`, { headers: owner.headers() })
  ).json();
  const first = (list.items as { id: string }[])[0];
  if (!first) throw new Error("expected the site to have obligations");
  obligationId = first.id;
});

type Call = { method: string; path: () => string; body?: unknown; ifMatch?: boolean };

describe("API key scopes on write routes", () => {
  it.each<[string, string, Call, number]>([
    [
      "create a site",
      "sites:write",
      { method: "POST", path: () => "/v1/sites", body: { name: "Keyed" } },
      201,
    ],
    [
      "change an obligation's status",
      "obligations:write",
      {
        method: "PATCH",
        path: () => `${sitePath}/obligations/${obligationId}`,
        body: { status: "in_progress" },
        ifMatch: true,
      },
      200,
    ],
    [
      "attach evidence to an obligation",
      "obligations:write",
      {
        method: "POST",
        path: () => `${sitePath}/obligations/${obligationId}/evidence`,
        body: { title: "Hardening checklist", note: "Checked on site." },
        ifMatch: true,
      },
      201,
    ],
    [
      "request a waiver",
      "obligations:write",
      {
        method: "POST",
        path: () => `${sitePath}/obligations/${obligationId}/waiver`,
        body: { justification: "The asset is isolated on an air-gapped segment." },
        ifMatch: true,
      },
      200,
    ],
    [
      "decide an advisory match",
      "advisories:write",
      {
        method: "POST",
        path: () => matchPath,
        body: { verdict: "rejected" },
      },
      200,
    ],
    ["read a site's grants", "sites:read", { method: "GET", path: () => `${sitePath}/grants` }, 200],
  ])("a catalog:read key may not %s; a key with %s may", async (_label, scope, call, allowed) => {
    const send = async (headers: (extra?: Record<string, string>) => Record<string, string>) =>
      t.app.request(call.path(), {
        method: call.method,
        headers: headers(call.ifMatch ? { "if-match": `"${await obligationVersion()}"` } : {}),
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      });

    const refused = await send(await keyWith(owner, ["catalog:read"]));
    expect(refused.status).toBe(403);
    const problem = await refused.json();
    expect(problem).toMatchObject({ code: "forbidden" });
    expect(problem.detail).toContain(scope);

    const passed = await send(await keyWith(owner, [scope]));
    expect([call.method, call.path(), passed.status]).toEqual([call.method, call.path(), allowed]);
  });

  it("people are not limited by scopes", async () => {
    const res = await t.app.request(`${sitePath}/grants`, { headers: owner.headers() });
    expect(res.status).toBe(200);
  });
});

describe("every route declares the API-key scopes it accepts", () => {
  it("the OpenAPI document names the scopes of every operation", async () => {
    await preloadRouteGroups();
    const res = await t.app.request("/openapi.json");
    const document = (await res.json()) as {
      paths: Record<string, Record<string, { "x-api-key-scopes"?: unknown; security?: unknown }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );
    expect(operations.length).toBeGreaterThan(50);
    const undeclared = operations
      .filter(({ operation }) => !Array.isArray(operation["x-api-key-scopes"]))
      .map(({ route }) => route);
    expect(undeclared).toEqual([]);
    // A route open to keys is an authenticated one.
    const openToKeysWithoutAuth = operations
      .filter(
        ({ operation }) => (operation["x-api-key-scopes"] as unknown[]).length > 0 && !operation.security,
      )
      .map(({ route }) => route);
    expect(openToKeysWithoutAuth).toEqual([]);
  });
});

describe("a route without a declaration", () => {
  const caller = (via: AuthContext["via"]): AuthContext => ({
    via,
    tenantId: NO_SUCH_ID,
    role: "editor",
    actor: `${via}:x`,
    platformOperator: false,
    ...(via === "api_key" ? { scopes: ["catalog:read"] } : {}),
  });

  it.each([
    ["an API key", "api_key", 403],
    ["a person", "user", 200],
  ] as const)("answers %s with %s", async (_label, via, status) => {
    const router = createRouter();
    router.use(
      "*",
      createMiddleware<AppEnv>(async (c, next) => {
        c.set("auth", caller(via));
        await next();
      }),
    );
    router.onError(onError);
    router.openapi(
      createRoute({ method: "get", path: "/undeclared", responses: { 200: { description: "ok" } } }),
      (c) => c.json({ ok: true }, 200),
    );
    const res = await router.request("/undeclared");
    expect(res.status).toBe(status);
    if (status === 403) expect((await res.json()).detail).toContain("API keys cannot call GET /undeclared");
  });
});
