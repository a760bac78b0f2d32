import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AuthContext } from "../auth/actor";
import type { Db } from "../db/client";
import type { AppDeps } from "../deps";
import { invalidFields, zodIssuesToFieldErrors } from "./errors";
import { guardRoute } from "./route-access";

export type { AuthContext } from "../auth/actor";

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    auth: AuthContext;
  };
};

/** The table client for work confined to the caller's own tenant (AppDeps.tenantDb), else the shared one. */
export function ownTenantDb(c: Context<AppEnv>): Db {
  return c.var.deps.tenantDb?.(c.var.auth.tenantId) ?? c.var.deps.db;
}

const TARGET_NAMES = { json: "body", query: "query", param: "path", header: "header" } as const;

/**
 * A router whose validation failures become problem+json with an `errors[]` list, and whose every
 * `.openapi(route, …)` runs the route's API-key scope check first and idempotent replay last
 * (http/route-access.ts), so no route can skip either.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = TARGET_NAMES[result.target as keyof typeof TARGET_NAMES];
        throw invalidFields(zodIssuesToFieldErrors(result.error, where));
      }
    },
  });
  const register = router.openapi;
  router.openapi = ((route, handler, hook) =>
    register(guardRoute(route), handler, hook)) as typeof router.openapi;
  return router;
}
