import { ZCatalogEntry, ZCatalogQuery } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { InvalidCursor } from "../db/items";
import { requireScope } from "../http/auth";
import { createRouter } from "../http/env";
import { AppError } from "../http/errors";
import { bearerSecurity, jsonResponse, problemResponses } from "../http/schemas";
import { listCatalog } from "../usecases/list-catalog";

export const catalogRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/components",
    tags: ["Catalog"],
    summary:
      "Search published components: text, vendor, component type, minimum SL-C per FR, verified suppliers",
    security: bearerSecurity,
    middleware: [requireScope("catalog:read")],
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
    try {
      const page = await listCatalog(c.var.deps.db, c.var.auth.tenantId, c.req.valid("query"));
      return c.json(page, 200);
    } catch (error) {
      if (error instanceof InvalidCursor)
        throw new AppError("invalid_cursor", "Start again without a cursor.");
      throw error;
    }
  },
);
