import { ZSlug, ZTenantKind } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { requireTenantKind } from "../http/auth";
import { createRouter } from "../http/env";
import { notFound } from "../http/errors";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, jsonResponse, problemResponses } from "../http/schemas";
import { getTenantsById } from "../repos/components";
import { getTenantBySlug } from "../repos/tenants";

export const ZTenantDirectoryEntry = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kinds: z.array(ZTenantKind),
});

/**
 * Suppliers restricting a claim to named customers look them up by exact slug (the customer tells them).
 * Minimal answers, no listing or prefix search, so the directory cannot be enumerated.
 */
export const tenantDirectoryRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/by-id",
      ...apiKeyScopes("components:write"),
      tags: ["Tenants"],
      summary: "Names of tenants by id (suppliers, to show the customers a restricted claim names)",
      security: bearerSecurity,
      middleware: [requireTenantKind("supplier")],
      request: {
        query: z.object({
          ids: z
            .string()
            .regex(/^[0-9a-z]{26}(,[0-9a-z]{26}){0,99}$/, "up to 100 comma-separated tenant ids"),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZTenantDirectoryEntry) }), "The tenants found"),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const tenants = await getTenantsById(c.var.deps.db, c.req.valid("query").ids.split(","));
      const items = [...tenants.values()].map((t) => ({
        id: t.id,
        slug: t.slug,
        name: t.name,
        kinds: t.kinds,
      }));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...apiKeyScopes("components:write"),
      tags: ["Tenants"],
      summary: "Look a customer tenant up by its exact slug (suppliers, to restrict claims to it)",
      security: bearerSecurity,
      middleware: [requireTenantKind("supplier")],
      request: { query: z.object({ slug: ZSlug }) },
      responses: {
        200: jsonResponse(ZTenantDirectoryEntry, "The tenant"),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const tenant = await getTenantBySlug(c.var.deps.db, c.req.valid("query").slug);
      if (!tenant || tenant.kinds.length === 0) throw notFound("A tenant with this slug");
      return c.json({ id: tenant.id, slug: tenant.slug, name: tenant.name, kinds: tenant.kinds }, 200);
    },
  );
