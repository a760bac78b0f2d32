import { ZSite, ZZone } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { requireScope, requireTenantKind } from "../http/auth";
import { createRouter } from "../http/env";
import { notFound } from "../http/errors";
import { bearerSecurity, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { getSite, listSites, listZones } from "../repos/sites";

const tags = ["Sites"];
const assetOwnerRead = [requireTenantKind("asset_owner"), requireScope("sites:read")] as const;

export const siteRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "The asset owner's sites",
      security: bearerSecurity,
      middleware: [...assetOwnerRead],
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZSite) }), "Sites"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const items = await listSites(c.var.deps.db, c.var.auth.tenantId);
      items.sort((a, b) => a.name.localeCompare(b.name));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "A site with its zones",
      security: bearerSecurity,
      middleware: [...assetOwnerRead],
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(ZSite.extend({ zones: z.array(ZZone) }), "The site"),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const { id } = c.req.valid("param");
      const [site, zones] = await Promise.all([
        getSite(db, c.var.auth.tenantId, id),
        listZones(db, c.var.auth.tenantId, id),
      ]);
      if (!site) throw notFound("The site");
      zones.sort((a, b) => a.name.localeCompare(b.name));
      return c.json({ ...site, zones }, 200);
    },
  );
