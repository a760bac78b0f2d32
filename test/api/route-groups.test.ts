import { beforeAll, describe, expect, it } from "vitest";
import { preloadRouteGroups, ROUTE_GROUPS } from "../../functions/src/app";
import { createRouter } from "../../functions/src/http/env";
import { onError } from "../../functions/src/http/errors";
import { lazyRouteGroup } from "../../functions/src/http/lazy-routes";
import { createLogger } from "../../functions/src/observability/logger";
import { createTestApp, type TestApp } from "../support/app";

// Route groups load with their first request (docs/adr/0026); they must behave as if mounted directly.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe("route groups loaded on demand", () => {
  it("documents every group's routes in one OpenAPI document", async () => {
    await preloadRouteGroups();
    const res = await t.app.request("/openapi.json");
    expect(res.status).toBe(200);
    const document = (await res.json()) as { paths: Record<string, unknown>; components: unknown };
    const paths = Object.keys(document.paths);
    for (const { prefix } of ROUTE_GROUPS.filter((group) => group.prefix.startsWith("/v1/"))) {
      expect([prefix, paths.some((path) => path === prefix || path.startsWith(`${prefix}/`))]).toEqual([
        prefix,
        true,
      ]);
    }
    expect(document.components).toMatchObject({ securitySchemes: { bearer: { scheme: "bearer" } } });
  });

  it("answers a path no route serves inside a group as it does outside one", async () => {
    const owner = await t.actor(["asset_owner"]);
    for (const path of ["/v1/sites/nothing/here", "/v1/nowhere", "/nowhere"]) {
      const res = await t.app.request(path, { headers: owner.headers() });
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await res.json()).toMatchObject({ code: "not_found", detail: `No route for GET ${path}.` });
    }
  });

  it("authenticates before loading a group and hands the caller, request id and deps to it", async () => {
    expect((await t.app.request("/v1/sites")).status).toBe(401);

    const owner = await t.actor(["asset_owner"]);
    const invalid = await t.app.request("/v1/sites", {
      method: "POST",
      headers: owner.headers(),
      body: JSON.stringify({ name: "" }),
    });
    expect(invalid.status).toBe(400);
    const problem = await invalid.json();
    expect(problem.code).toBe("validation_failed");
    expect(problem.requestId).toBe(invalid.headers.get("x-request-id"));

    const created = await t.app.request("/v1/sites", {
      method: "POST",
      headers: owner.headers(),
      body: JSON.stringify({ name: "Route group plant" }),
    });
    expect(created.status).toBe(201);
    const listed = await (await t.app.request("/v1/sites", { headers: owner.headers() })).json();
    expect(listed.items.map((site: { name: string }) => site.name)).toContain("Route group plant");
    // The parent's middleware still wraps the group's answer.
    expect(created.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("loads a group again after a failed load", async () => {
    let attempts = 0;
    const lines: string[] = [];
    const lazy = lazyRouteGroup({
      prefix: "/flaky",
      load: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("chunk not found");
        const router = createRouter();
        router.get("/", (c) => c.json({ from: "group", caller: c.var.deps ? "with deps" : "without deps" }));
        return [router];
      },
    });
    const app = createRouter();
    app.onError(onError);
    const logger = createLogger({ service: "test", write: (line) => lines.push(line) });
    app.use("*", async (c, next) => {
      c.set("deps", { logger } as never);
      await next();
    });
    app.all("/flaky", lazy.handler);

    const failed = await app.request("/flaky");
    expect(failed.status).toBe(500);
    expect(lines.join("\n")).toContain("chunk not found");
    const retried = await app.request("/flaky");
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ from: "group", caller: "with deps" });
    expect(attempts).toBe(2);
    await app.request("/flaky");
    expect(attempts).toBe(2);
  });
});
