import { ZApiKey, ZCreateApiKeyInput } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { requireRole } from "../http/auth";
import { createRouter } from "../http/env";
import { AppError, notFound } from "../http/errors";
import { noApiKeys, secretResponse } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { createApiKey, listApiKeys, revokeApiKey } from "../repos/api-keys";

const tags = ["API keys"];

/** Keys are managed by people (admins), never by other keys. */
const adminUser = requireRole("admin");

export const apiKeyRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...noApiKeys,
      tags,
      summary: "The tenant's API keys (never their secrets)",
      security: bearerSecurity,
      middleware: [adminUser],
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZApiKey) }), "Keys"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      return c.json({ items: await listApiKeys(c.var.deps.db, c.var.auth.tenantId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      ...noApiKeys,
      ...secretResponse(
        "This key was already created; its secret is shown only once — see GET /v1/api-keys (revoke it and create another if the secret was lost).",
      ),
      tags,
      summary: "Create an API key; the secret is in this response only",
      security: bearerSecurity,
      middleware: [adminUser],
      request: { body: jsonBody(ZCreateApiKeyInput) },
      responses: {
        201: jsonResponse(z.object({ apiKey: ZApiKey, secret: z.string() }), "The key and its secret"),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      if (c.var.auth.via !== "user") throw new AppError("forbidden", "API keys cannot create API keys.");
      const input = c.req.valid("json");
      const created = await createApiKey(c.var.deps.db, {
        tenantId: c.var.auth.tenantId,
        name: input.name,
        scopes: input.scopes,
        // Machine clients publish; they never administer the tenant.
        role: "editor",
        actor: c.var.auth.actor,
        now: c.var.deps.now(),
      });
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      ...noApiKeys,
      tags,
      summary: "Revoke an API key (it stops working at once)",
      security: bearerSecurity,
      middleware: [adminUser],
      request: { params: ZIdParam },
      responses: { 200: jsonResponse(ZApiKey, "The revoked key"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      if (c.var.auth.via !== "user") throw new AppError("forbidden", "API keys cannot revoke API keys.");
      const revoked = await revokeApiKey(c.var.deps.db, {
        tenantId: c.var.auth.tenantId,
        keyId: c.req.valid("param").id,
        actor: c.var.auth.actor,
        now: c.var.deps.now(),
      });
      if (!revoked) throw notFound("The API key");
      return c.json(revoked, 200);
    },
  );
