import { ZAdvisoryListItem, ZCatalogEntry, ZCatalogQuery, ZComponentAdvisory } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { InvalidCursor } from "../db/items";
import { createRouter } from "../http/env";
import { AppError } from "../http/errors";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { listCatalog } from "../usecases/list-catalog";
import { listComponentAdvisories } from "../usecases/list-component-advisories";
import { advisoryAsSeenBy } from "../usecases/read-advisory";

const tags = ["Catalog"];

export const catalogRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/components",
      ...apiKeyScopes("catalog:read"),
      tags,
      summary:
        "Search published components: text, vendor, component type, minimum SL-C per FR, verified suppliers, " +
        "certification valid today, open advisories",
      description:
        "`certificationValid=true` keeps components whose headline claim is certified by a certificate that is " +
        "valid today (status valid, issued ≤ today ≤ expires); `false` the others. `openAdvisories=true` keeps " +
        "components named by at least one open advisory you may read (the match is neither rejected nor awaiting " +
        "review and the newest published version is affected; without listed versions, any affected product), " +
        "`false` those named by none. See docs/adr/0033.",
      security: bearerSecurity,
      request: { query: ZCatalogQuery },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(ZCatalogEntry), nextCursor: z.string().optional() }),
          "A page of catalog entries",
        ),
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const viewer = { tenantId: c.var.auth.tenantId, today: now().toISOString().slice(0, 10) };
      try {
        const page = await listCatalog(db, viewer, c.req.valid("query"));
        return c.json(page, 200);
      } catch (error) {
        if (error instanceof InvalidCursor)
          throw new AppError("invalid_cursor", "Start again without a cursor.");
        throw error;
      }
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/components/{id}/advisories",
      ...apiKeyScopes("catalog:read"),
      tags,
      summary: "The advisories naming a component that you may read, with their status for this component",
      description:
        "404 when you may not read the component. Restricted advisories appear only for their owner and the " +
        "tenants they name. Status per docs/adr/0033: open, review, fixed (in the newest version), not_affected, " +
        "rejected; open ones first, then newest first.",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(ZComponentAdvisory) }),
          "Advisories naming the component",
        ),
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const rows = await listComponentAdvisories(c.var.deps.db, c.var.auth, c.req.valid("param").id);
      const items = rows.map((row) =>
        ZComponentAdvisory.parse({
          advisory: ZAdvisoryListItem.parse(advisoryAsSeenBy(row.advisory, c.var.auth)),
          status: row.status,
          version: row.version,
          reason: row.reason,
          method: row.match.method,
          confidence: row.match.confidence,
        }),
      );
      return c.json({ items }, 200);
    },
  );
