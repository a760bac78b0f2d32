import { Scalar } from "@scalar/hono-api-reference";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps } from "./deps";
import { authenticate } from "./http/auth";
import { type AppEnv, createRouter } from "./http/env";
import { AppError, onError, problem } from "./http/errors";
import { idempotency } from "./http/idempotency";
import { advisoryRoutes, isAdvisoryImportPath } from "./routes/advisories";
import { apiKeyRoutes } from "./routes/api-keys";
import { catalogRoutes } from "./routes/catalog";
import { certificationRoutes } from "./routes/certifications";
import { componentRoutes } from "./routes/components";
import { csafProviderRoutes } from "./routes/csaf-provider";
import { evaluateRoutes } from "./routes/evaluate";
import { evidenceRoutes, isEvidenceUploadPath } from "./routes/evidence";
import { grantRoutes, sharedSiteRoutes } from "./routes/grants";
import { inboxRoutes } from "./routes/inbox";
import { meRoutes } from "./routes/me";
import { obligationRoutes, siteObligationRoutes } from "./routes/obligations";
import { reportRoutes } from "./routes/reports";
import { sessionRoutes } from "./routes/session";
import { siteChildRoutes, siteRoutes } from "./routes/sites";
import { tenantDirectoryRoutes } from "./routes/tenant-directory";
import { tenantRoutes } from "./routes/tenants";

export type { AppEnv };

/** Builds the HTTP API. The same app serves @hono/node-server locally and hono/aws-lambda in AWS. */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.onError(onError);
  app.notFound((c) => problem(c, new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`)));

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
  // Evidence uploads carry files and have their own limit (routes/evidence.ts).
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
  app.use("/v1/*", (c, next) =>
    isEvidenceUploadPath(c.req.path) || isAdvisoryImportPath(c.req.path) ? next() : jsonBodyLimit(c, next),
  );

  app.get("/health", (c) => c.json({ status: "ok" }));
  // Public: the portal as a CSAF provider (TLP:CLEAR/WHITE supplier advisories only).
  app.route("/.well-known/csaf", csafProviderRoutes);
  // Public: the keys that verify signed claims (assure verify --jwks <api>/.well-known/claims-jwks.json).
  app.get("/.well-known/claims-jwks.json", (c) =>
    c.json(deps.claimSigner?.jwks() ?? { keys: [] }, 200, { "cache-control": "public, max-age=300" }),
  );

  // Public: sign-in for the portal. Everything else under /v1 is authenticated.
  app.route("/v1/session", sessionRoutes);
  app.use("/v1/*", async (c, next) =>
    c.req.path.startsWith("/v1/session/") ? next() : authenticate(c, next),
  );
  app.use("/v1/*", idempotency);

  app.route("/v1/me", meRoutes);
  app.route("/v1/tenants", tenantRoutes);
  app.route("/v1/api-keys", apiKeyRoutes);
  app.route("/v1/components", componentRoutes);
  app.route("/v1/catalog", catalogRoutes);
  app.route("/v1/sites", siteRoutes);
  app.route("/v1/sites", siteChildRoutes);
  app.route("/v1/sites", grantRoutes);
  app.route("/v1/sites", siteObligationRoutes);
  app.route("/v1/sites", reportRoutes);
  app.route("/v1/shared-sites", sharedSiteRoutes);
  app.route("/v1/obligations", obligationRoutes);
  app.route("/v1/evaluate", evaluateRoutes);
  app.route("/v1/evidence", evidenceRoutes);
  app.route("/v1/advisories", advisoryRoutes);
  app.route("/v1/inbox", inboxRoutes);
  app.route("/v1/certifications", certificationRoutes);
  app.route("/v1/tenant-directory", tenantDirectoryRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A portal-signed ES256 JWT (users) or a tenant API key (assure_…)",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "IEC 62443 supply-chain assurance API",
      version: "1.0.0",
      description:
        "Suppliers publish SL-C claims; asset owners match them to zone SL-T. Errors are RFC 9457 problem+json.",
    },
  });
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "Assure API" }));
  return app;
}

export type App = ReturnType<typeof createApp>;
