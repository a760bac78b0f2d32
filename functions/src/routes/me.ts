import { ZMembership, ZTenant, ZUser } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter } from "../http/env";
import { AppError } from "../http/errors";
import { anyApiKey, noApiKeys } from "../http/route-access";
import { bearerSecurity, jsonResponse, problemResponses } from "../http/schemas";
import { getTenant } from "../repos/tenants";
import { getUser, listMembershipsOfUser } from "../repos/users";
import { revokeOwnSessions, ZSessionsRevoked } from "../usecases/revoke-sessions";

export const meRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...anyApiKey,
      tags: ["Session"],
      summary: "Who am I: the caller, the current tenant and role, and (for users) all memberships",
      security: bearerSecurity,
      responses: {
        200: jsonResponse(
          z.object({
            tenant: ZTenant,
            role: z.string(),
            via: z.enum(["user", "api_key"]),
            user: ZUser.optional(),
            memberships: z.array(ZMembership),
          }),
          "The caller",
        ),
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const tenant = await getTenant(db, auth.tenantId);
      if (!tenant) throw new AppError("unauthenticated", "Your tenant no longer exists.");
      if (auth.via === "api_key" || !auth.userId) {
        return c.json({ tenant, role: auth.role, via: auth.via, memberships: [] }, 200);
      }
      const [user, memberships] = await Promise.all([
        getUser(db, auth.userId),
        listMembershipsOfUser(db, auth.userId),
      ]);
      if (!user || !memberships.some((m) => m.tenantId === auth.tenantId)) {
        throw new AppError("unauthenticated", "You are no longer a member of this tenant.");
      }
      return c.json({ tenant, role: auth.role, via: auth.via, user, memberships }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/sessions/revoke",
      ...noApiKeys,
      tags: ["Session"],
      summary: "Sign out everywhere: portal sessions of the caller that began before now stop working",
      security: bearerSecurity,
      responses: {
        200: jsonResponse(ZSessionsRevoked, "When the sessions were revoked"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json(await revokeOwnSessions(c.var.deps.db, c.var.auth, c.var.deps.now()), 200),
  );
