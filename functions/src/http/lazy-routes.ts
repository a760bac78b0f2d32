import type { Context, Hono, MiddlewareHandler } from "hono";
import { type AppEnv, createRouter } from "./env";
import { AppError, onError, problem } from "./errors";

/**
 * Routers that share a path prefix, mounted in this order (as `app.route(prefix, router)` would mount them).
 * Their route and schema types do not matter here: only their handlers and OpenAPI definitions are used.
 */
// biome-ignore lint/suspicious/noExplicitAny: routers of different resources have unrelated type parameters.
export type AnyRouter = Hono<any, any, any>;

export interface RouteGroup {
  /** e.g. "/v1/sites": the group serves this path and everything below it. */
  prefix: string;
  /** Imports the group's route modules (a separate chunk of the bundle) and returns their routers. */
  load: () => Promise<AnyRouter[]>;
}

/** The answer for a path no route serves (the same inside and outside route groups). */
export const noRoute = (c: Context) =>
  problem(c, new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`));

const PARENT_VARIABLES = Symbol("assure.parentVariables");
type ParentVariables = Partial<AppEnv["Variables"]>;

/** An app with the group's routers mounted at its prefix, behaving like the parent app (errors, validation). */
async function buildGroupApp(group: RouteGroup) {
  const app = createRouter();
  app.onError(onError);
  app.notFound(noRoute);
  app.use("*", async (c, next) => {
    const parent = (c.env as Record<symbol, ParentVariables | undefined> | undefined)?.[PARENT_VARIABLES];
    if (parent?.deps) c.set("deps", parent.deps);
    if (parent?.requestId) c.set("requestId", parent.requestId);
    if (parent?.auth) c.set("auth", parent.auth);
    await next();
  });
  for (const router of await group.load()) app.route(group.prefix, router);
  return app;
}

export interface LazyRouteGroup {
  group: RouteGroup;
  /** Serves `prefix` and `prefix/*`: register it where `app.route(prefix, …)` would have been. */
  handler: MiddlewareHandler<AppEnv>;
  /** Loads the group now (provisioned concurrency warms every group during init). */
  preload: () => Promise<void>;
}

/**
 * A route group whose modules load with the first request to its prefix instead of at cold start
 * (docs/adr/0026-api-code-splitting.md). Its routers run in an app of their own that takes over the parent's
 * variables (deps, request id, auth), so everything the parent's middleware did before the handler (request id,
 * secure headers, CORS, body limits, authentication) and after it (request log) still applies. Scope checks
 * and idempotent replay belong to each route (http/route-access.ts). A failed load is retried by the next
 * request.
 */
export function lazyRouteGroup(group: RouteGroup): LazyRouteGroup {
  let built: Promise<Awaited<ReturnType<typeof buildGroupApp>>> | undefined;
  const app = () => {
    built ??= buildGroupApp(group).catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
  return {
    group,
    handler: async (c) => {
      const groupApp = await app();
      const parent: ParentVariables = { deps: c.var.deps, requestId: c.var.requestId, auth: c.var.auth };
      const res = await groupApp.fetch(c.req.raw, {
        ...(c.env as object | undefined),
        [PARENT_VARIABLES]: parent,
      });
      // Through the context, so headers the parent's middleware set before (x-request-id) are kept.
      return c.newResponse(res.body, res);
    },
    preload: async () => {
      await app();
    },
  };
}
