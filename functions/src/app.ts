import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps } from "./deps";
import { authenticate } from "./http/auth";
import { hasOwnBodyLimit } from "./http/body-limits";
import { type AppEnv, createRouter } from "./http/env";
import { AppError, onError, problem } from "./http/errors";
import { type LazyRouteGroup, lazyRouteGroup, noRoute, type RouteGroup } from "./http/lazy-routes";

export type { AppEnv };

/**
 * The API's resources by path prefix, in mounting order. Each group's route modules (and what only they use:
 * use cases, the evaluation engine, the requirement catalog, advisory matching) are a separate chunk of the
 * Lambda bundle, loaded with the first request under its prefix; a cold start loads none of them
 * (docs/adr/0026-api-code-splitting.md). The OpenAPI document mounts them all.
 */
export const ROUTE_GROUPS: readonly RouteGroup[] = [
  // Public: the portal as a CSAF provider (TLP:CLEAR/WHITE supplier advisories only).
  {
    prefix: "/.well-known/csaf",
    load: async () => [(await import("./routes/csaf-provider")).csafProviderRoutes],
  },
  // Public: sign-in for the portal. Everything else under /v1 is authenticated.
  { prefix: "/v1/session", load: async () => [(await import("./routes/session")).sessionRoutes] },
  { prefix: "/v1/me", load: async () => [(await import("./routes/me")).meRoutes] },
  { prefix: "/v1/tenants", load: async () => [(await import("./routes/tenants")).tenantRoutes] },
  { prefix: "/v1/api-keys", load: async () => [(await import("./routes/api-keys")).apiKeyRoutes] },
  { prefix: "/v1/components", load: async () => [(await import("./routes/components")).componentRoutes] },
  { prefix: "/v1/catalog", load: async () => [(await import("./routes/catalog")).catalogRoutes] },
  {
    prefix: "/v1/sites",
    load: async () => {
      const [sites, grants, obligations, reports] = await Promise.all([
        import("./routes/sites"),
        import("./routes/grants"),
        import("./routes/obligations"),
        import("./routes/reports"),
      ]);
      return [
        sites.siteRoutes,
        sites.siteChildRoutes,
        grants.grantRoutes,
        obligations.siteObligationRoutes,
        reports.reportRoutes,
      ];
    },
  },
  { prefix: "/v1/shared-sites", load: async () => [(await import("./routes/grants")).sharedSiteRoutes] },
  { prefix: "/v1/obligations", load: async () => [(await import("./routes/obligations")).obligationRoutes] },
  { prefix: "/v1/evaluate", load: async () => [(await import("./routes/evaluate")).evaluateRoutes] },
  { prefix: "/v1/evidence", load: async () => [(await import("./routes/evidence")).evidenceRoutes] },
  { prefix: "/v1/advisories", load: async () => [(await import("./routes/advisories")).advisoryRoutes] },
  { prefix: "/v1/inbox", load: async () => [(await import("./routes/inbox")).inboxRoutes] },
  {
    prefix: "/v1/certifications",
    load: async () => [(await import("./routes/certifications")).certificationRoutes],
  },
  {
    prefix: "/v1/tenant-directory",
    load: async () => [(await import("./routes/tenant-directory")).tenantDirectoryRoutes],
  },
];

// One per process: a group's app depends on no request or deps (those come from the calling app's context).
const lazyGroups = new Map<string, LazyRouteGroup>(
  ROUTE_GROUPS.map((group) => [group.prefix, lazyRouteGroup(group)]),
);

/** Loads every route group now, e.g. during a provisioned-concurrency init, so no request waits for one. */
export async function preloadRouteGroups(): Promise<void> {
  await Promise.all([...lazyGroups.values()].map((lazy) => lazy.preload()));
}

const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "IEC 62443 supply-chain assurance API",
    version: "1.0.0",
    description:
      "Suppliers publish SL-C claims; asset owners match them to zone SL-T. Errors are RFC 9457 problem+json.",
  },
} as const;

let openApiDocument: Promise<unknown> | undefined;

/** The OpenAPI 3.1 document of every route, generated once per process with the first request for it. */
export function buildOpenApiDocument(): Promise<unknown> {
  openApiDocument ??= (async () => {
    const all = createRouter();
    for (const group of ROUTE_GROUPS) {
      for (const router of await group.load()) all.route(group.prefix, router);
    }
    all.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
      type: "http",
      scheme: "bearer",
      description: "A portal-signed ES256 JWT (users) or a tenant API key (assure_…)",
    });
    return all.getOpenAPI31Document(OPENAPI_INFO);
  })().catch((error: unknown) => {
    openApiDocument = undefined;
    throw error;
  });
  return openApiDocument;
}

/** Builds the HTTP API. The same app serves @hono/node-server locally and hono/aws-lambda in AWS. */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.onError(onError);
  app.notFound(noRoute);

  app.use("*", requestId({ headerName: "x-request-id" }));
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use("*", secureHeaders());
  if (deps.logger) {
    const logger = deps.logger;
    app.use("*", async (c, next) => {
      const started = performance.now();
      await next();
      const auth = c.get("auth") as { tenantId?: string; actor?: string } | undefined;
      logger.info("request", {
        requestId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        tenantId: auth?.tenantId,
        actor: auth?.actor,
      });
    });
  }
  if (deps.portalOrigin)
    app.use("/v1/*", cors({ origin: deps.portalOrigin, exposeHeaders: ["etag", "location"] }));
  // Evidence uploads and CSAF documents carry their own bodies and limits (http/body-limits.ts).
  const jsonBodyLimit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: (c) =>
      problem(
        c,
        new AppError("payload_too_large", `The body exceeds the limit of ${deps.maxBodyBytes} bytes.`, {
          limit: { name: "body size", bytes: deps.maxBodyBytes },
        }),
      ),
  });
  app.use("/v1/*", (c, next) => (hasOwnBodyLimit(c.req.path) ? next() : jsonBodyLimit(c, next)));

  const mount = (prefix: string) => {
    const lazy = lazyGroups.get(prefix);
    if (!lazy) throw new Error(`no route group ${prefix}`);
    app.all(prefix, lazy.handler);
    app.all(`${prefix}/*`, lazy.handler);
  };

  // A signer read from a rotated secret is loaded for the requests that publish its keys or sign (publishing,
  // under /v1/components, once authenticated) and replaces the process-wide one in their deps.
  const loadClaimSigner = deps.loadClaimSigner;
  const withClaimSigner: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (loadClaimSigner) c.set("deps", { ...c.var.deps, claimSigner: await loadClaimSigner() });
    await next();
  };
  app.use("/.well-known/claims-jwks.json", withClaimSigner);

  app.get("/health", (c) => c.json({ status: "ok" }));
  mount("/.well-known/csaf");
  // Public: the keys that verify signed claims (assure verify --jwks <api>/.well-known/claims-jwks.json).
  app.get("/.well-known/claims-jwks.json", (c) =>
    c.json(c.var.deps.claimSigner?.jwks() ?? { keys: [] }, 200, { "cache-control": "public, max-age=300" }),
  );

  mount("/v1/session");
  app.use("/v1/*", async (c, next) =>
    c.req.path.startsWith("/v1/session/") ? next() : authenticate(c, next),
  );
  app.use("/v1/components/*", withClaimSigner);
  for (const group of ROUTE_GROUPS) {
    if (group.prefix.startsWith("/v1/") && group.prefix !== "/v1/session") mount(group.prefix);
  }

  app.get("/openapi.json", async (c) => c.json(await buildOpenApiDocument()));
  // The API reference page (Scalar) is loaded with its first request, not at cold start.
  let docs: MiddlewareHandler | undefined;
  app.get("/docs", async (c, next) => {
    docs ??= (await import("@scalar/hono-api-reference")).Scalar({
      url: "/openapi.json",
      pageTitle: "Assure API",
    });
    return docs(c, next);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
