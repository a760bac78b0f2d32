import { ZInboxPage } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { InvalidCursor } from "../db/items";
import { createRouter, ownTenantDb } from "../http/env";
import { AppError } from "../http/errors";
import { noApiKeys } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses } from "../http/schemas";
import {
  listNotifications,
  listUnreadIds,
  markNotificationsRead,
  NotificationNotFound,
  unreadCount,
} from "../repos/notifications";

const tags = ["Inbox"];

const ZNotificationId = z.string().regex(/^[0-9a-f]{26}$/, "not a notification id");
const ZMarked = z.object({ marked: z.number().int(), unread: z.number().int() });

/**
 * The current tenant's in-portal notifications (advisory impact, review requests, fix requests). Every key is
 * the caller's own, so these routes use the tenant-confined table client.
 */
export const inboxRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...noApiKeys,
      tags,
      summary: "This tenant's notifications, newest first, with the unread count",
      security: bearerSecurity,
      request: {
        query: z.object({
          unread: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
          limit: z.coerce.number().int().min(1).max(100).default(25),
          cursor: z.string().max(2000).optional(),
        }),
      },
      responses: { 200: jsonResponse(ZInboxPage, "Notifications"), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const db = ownTenantDb(c);
      const query = c.req.valid("query");
      const tenantId = c.var.auth.tenantId;
      try {
        const [page, unread] = await Promise.all([
          listNotifications(db, {
            tenantId,
            limit: query.limit,
            cursor: query.cursor,
            unreadOnly: query.unread,
          }),
          unreadCount(db, tenantId),
        ]);
        return c.json({ ...page, unread }, 200);
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
      path: "/unread",
      ...noApiKeys,
      tags,
      summary: "How many notifications are unread (the header badge)",
      security: bearerSecurity,
      responses: {
        200: jsonResponse(z.object({ unread: z.number().int() }), "Unread count"),
        ...problemResponses(401),
      },
    }),
    async (c) => c.json({ unread: await unreadCount(ownTenantDb(c), c.var.auth.tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/read",
      ...noApiKeys,
      tags,
      summary: "Mark notifications read",
      security: bearerSecurity,
      request: { body: jsonBody(z.object({ ids: z.array(ZNotificationId).min(1).max(100) })) },
      responses: { 200: jsonResponse(ZMarked, "Marked"), ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const db = ownTenantDb(c);
      const { now } = c.var.deps;
      const tenantId = c.var.auth.tenantId;
      const marked = await markNotificationsRead(db, {
        tenantId,
        ids: c.req.valid("json").ids,
        at: now(),
      }).catch((error) => {
        if (error instanceof NotificationNotFound)
          throw new AppError("not_found", "A notification was not found.");
        throw error;
      });
      return c.json({ marked, unread: await unreadCount(db, tenantId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/read-all",
      ...noApiKeys,
      tags,
      summary: "Mark every notification read",
      security: bearerSecurity,
      responses: { 200: jsonResponse(ZMarked, "Marked"), ...problemResponses(401) },
    }),
    async (c) => {
      const db = ownTenantDb(c);
      const { now } = c.var.deps;
      const tenantId = c.var.auth.tenantId;
      const ids = await listUnreadIds(db, tenantId);
      const marked = await markNotificationsRead(db, { tenantId, ids, at: now() });
      return c.json({ marked, unread: await unreadCount(db, tenantId) }, 200);
    },
  );
