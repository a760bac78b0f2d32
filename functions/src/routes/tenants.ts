import { ZSupplierVerificationInput, ZTenant } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { requireOperator, requireRole } from "../http/auth";
import { createRouter } from "../http/env";
import { AppError, notFound } from "../http/errors";
import { noApiKeys } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { listAuditEvents, ZAuditEvent } from "../repos/audit";
import {
  getTenant,
  listTenants,
  NamespaceTaken,
  setSupplierVerification,
  TenantNotFound,
  VerificationChanged,
} from "../repos/tenants";
import { listMembersOfTenant, ZMember } from "../repos/users";
import { isPortalAssigned } from "../usecases/publisher-namespaces";
import { revokeMemberSessions, ZSessionsRevoked } from "../usecases/revoke-sessions";

const tags = ["Tenants"];

export const tenantRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/current/members",
      ...noApiKeys,
      tags,
      summary: "Members of the current tenant and their roles",
      security: bearerSecurity,
      middleware: [requireRole("viewer")],
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZMember) }), "Members"),
        ...problemResponses(401),
      },
    }),
    async (c) => c.json({ items: await listMembersOfTenant(c.var.deps.db, c.var.auth.tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/current/members/{userId}/sessions/revoke",
      ...noApiKeys,
      tags,
      summary:
        "Sign a member out of this tenant: their portal sessions that began before now stop working (admins)",
      security: bearerSecurity,
      middleware: [requireRole("admin")],
      request: { params: z.object({ userId: ZIdParam.shape.id }) },
      responses: {
        200: jsonResponse(ZSessionsRevoked, "When the sessions were revoked"),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await revokeMemberSessions(c.var.deps.db, c.var.auth, c.req.valid("param").userId, c.var.deps.now()),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/current/audit",
      ...noApiKeys,
      tags,
      summary: "The current tenant's audit trail, newest first (admins)",
      security: bearerSecurity,
      middleware: [requireRole("admin")],
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZAuditEvent) }), "Audit events"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) =>
      c.json(
        { items: await listAuditEvents(c.var.deps.db, c.var.auth.tenantId, c.req.valid("query").limit) },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...noApiKeys,
      tags,
      summary: "Every tenant (platform operator)",
      security: bearerSecurity,
      middleware: [requireOperator],
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZTenant) }), "Tenants"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: await listTenants(c.var.deps.db) }, 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}/supplier-verification",
      ...noApiKeys,
      tags,
      summary:
        "Mark a supplier tenant verified or not, with the CSAF publisher namespaces it holds (platform operator)",
      description:
        "`namespaces`: https URLs (CSAF `document/publisher/namespace`) the operator checked the supplier controls; " +
        "the supplier may then import advisories published under them besides its portal-assigned " +
        "`<portal>/suppliers/<slug>`. A namespace belongs to one tenant (409 when another holds it); withdrawing " +
        "the verification releases them.",
      security: bearerSecurity,
      middleware: [requireOperator],
      request: {
        params: ZIdParam,
        body: jsonBody(ZSupplierVerificationInput),
      },
      responses: { 200: jsonResponse(ZTenant, "The tenant"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const tenant = await getTenant(db, id);
      if (!tenant) throw notFound("The tenant");
      if (!tenant.kinds.includes("supplier"))
        throw new AppError("conflict", "Only supplier tenants are verified.");
      const assigned = body.namespaces.flatMap((namespace, i) =>
        isPortalAssigned(namespace)
          ? [
              {
                path: `/namespaces/${i}`,
                message:
                  "portal namespaces (…/suppliers/<slug>) are assigned by the portal, never verified by hand",
                in: "body" as const,
              },
            ]
          : [],
      );
      if (assigned.length)
        throw new AppError("validation_failed", "Some namespaces are the portal's own.", {
          errors: assigned,
        });
      try {
        const updated = await setSupplierVerification(db, {
          tenantId: id,
          verified: body.verified,
          method: body.method,
          namespaces: body.namespaces,
          actor: c.var.auth.actor,
          now: now(),
        });
        return c.json(updated, 200);
      } catch (error) {
        if (error instanceof TenantNotFound) throw notFound("The tenant");
        if (error instanceof NamespaceTaken) {
          throw new AppError(
            "conflict",
            `The publisher namespace ${error.namespace} is already verified for another tenant; a namespace ` +
              "belongs to one supplier. Withdraw it there first if it moved.",
          );
        }
        if (error instanceof VerificationChanged) {
          throw new AppError("conflict", "The verification changed meanwhile; reload and try again.");
        }
        throw error;
      }
    },
  );
