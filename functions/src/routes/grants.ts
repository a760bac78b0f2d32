import {
  singleLine,
  type TSiteGrant,
  ZGrantInput,
  ZGrantPatch,
  ZSharedSite,
  ZSiteGrant,
} from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter } from "../http/env";
import { AppError, invalidFields, notFound } from "../http/errors";
import { etag, expectedVersion } from "../http/preconditions";
import { apiKeyScopes, noApiKeys } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { getTenantsById } from "../repos/components";
import { getGrant, listGrants, putGrant, revokeGrant } from "../repos/grants";
import { getTenantBySlug } from "../repos/tenants";
import { listSharedSites } from "../usecases/list-shared-sites";
import { compareBy, paginate } from "../usecases/paginate-in-memory";
import { requireSiteAdmin, resolveSiteAccess } from "../usecases/resolve-site-access";
import { mapSiteWriteError, resyncObligations } from "./sites";

const tags = ["Sharing"];
const ZGrantListQuery = z.object({
  q: singleLine("Search").max(100).optional(),
  state: z.enum(["active", "revoked"]).optional(),
  access: z.enum(["read", "write"]).optional(),
  sort: z.enum(["name", "granted", "access"]).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
const ZGranteeParam = z.object({
  id: ZIdParam.shape.id,
  granteeTenantId: z.string().regex(/^[0-9a-z]{26}$/, "not a tenant id"),
});

/** An asset owner shares a site with an integrator tenant (read or write), and revokes it. docs/adr/0040. */
export const grantRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/grants",
      ...apiKeyScopes("sites:read"),
      tags,
      summary: "Who this site is shared with (active and revoked; filter, sort, paginate)",
      description:
        "Default order: active grants first, then by integrator name. `state` filters active or revoked grants, " +
        "`access` read or write, `q` the integrator's name or slug.",
      security: bearerSecurity,
      request: { params: ZIdParam, query: ZGrantListQuery },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(ZSiteGrant),
            nextCursor: z.string().optional(),
            total: z.number().int(),
          }),
          "Grants",
        ),
        ...problemResponses(400, 403, 404),
      },
    }),
    async (c) => {
      const access = await resolveSiteAccess(c.var.deps.db, c.var.auth, c.req.valid("param").id);
      if (access.access !== "owner")
        throw new AppError("forbidden", "Only the asset owner sees the site's grants.");
      const query = c.req.valid("query");
      const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
      const items = (await listGrants(c.var.deps.db, access.ownerTenantId, access.site.id)).filter(
        (grant) =>
          (!query.state || (query.state === "revoked") === Boolean(grant.revokedAt)) &&
          (!query.access || grant.access === query.access) &&
          words.every((word) => `${grant.granteeName} ${grant.granteeSlug}`.toLowerCase().includes(word)),
      );
      const value = {
        name: (grant: TSiteGrant) => `${grant.revokedAt ? 1 : 0}${grant.granteeName.toLowerCase()}`,
        granted: (grant: TSiteGrant) => grant.grantedAt,
        access: (grant: TSiteGrant) => grant.access,
      }[query.sort];
      items.sort((a, b) => compareBy(value, query.order)(a, b) || a.granteeName.localeCompare(b.granteeName));
      return c.json(paginate(items, query), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/grants",
      ...noApiKeys,
      tags,
      summary: "Share the site with an integrator tenant (by its slug), read or write",
      security: bearerSecurity,
      request: { params: ZIdParam, body: jsonBody(ZGrantInput) },
      responses: { 201: jsonResponse(ZSiteGrant, "The grant"), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const access = await resolveSiteAccess(db, c.var.auth, c.req.valid("param").id);
      requireSiteAdmin(access, c.var.auth);
      const input = c.req.valid("json");
      const grantee = await getTenantBySlug(db, input.granteeSlug);
      if (!grantee?.kinds.includes("integrator") || grantee.id === access.ownerTenantId) {
        throw invalidFields([
          { path: "/granteeSlug", message: "no integrator tenant has this slug", in: "body" },
        ]);
      }
      const before = await getGrant(db, access.ownerTenantId, access.site.id, grantee.id);
      if (before && !before.revokedAt) {
        throw new AppError(
          "conflict",
          `The site is already shared with ${grantee.name}; change or revoke that grant.`,
        );
      }
      const grant = await putGrant(db, {
        site: access.site,
        grantee,
        access: input.access,
        before,
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapSiteWriteError("the grant"));
      return c.json(grant, 201, { etag: etag(grant.version) });
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/grants/{granteeTenantId}",
      ...noApiKeys,
      tags,
      summary: "Change a grant between read and write (If-Match)",
      security: bearerSecurity,
      request: { params: ZGranteeParam, body: jsonBody(ZGrantPatch) },
      responses: { 200: jsonResponse(ZSiteGrant, "The grant"), ...problemResponses(400, 403, 404, 412, 428) },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const version = expectedVersion(c);
      const { id, granteeTenantId } = c.req.valid("param");
      const access = await resolveSiteAccess(db, c.var.auth, id);
      requireSiteAdmin(access, c.var.auth);
      const before = await getGrant(db, access.ownerTenantId, id, granteeTenantId);
      if (!before || before.revokedAt) throw notFound("The grant");
      const grantee = (await getTenantsById(db, [granteeTenantId])).get(granteeTenantId);
      if (!grantee) throw notFound("The grant");
      const grant = await putGrant(db, {
        site: access.site,
        grantee,
        access: c.req.valid("json").access,
        before,
        expectedVersion: version,
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapSiteWriteError("the grant"));
      return c.json(grant, 200, { etag: etag(grant.version) });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/grants/{granteeTenantId}",
      ...noApiKeys,
      tags,
      summary: "Revoke a grant (If-Match); the integrator loses access at once, the grant stays as history",
      security: bearerSecurity,
      request: { params: ZGranteeParam },
      responses: {
        200: jsonResponse(ZSiteGrant, "The revoked grant"),
        ...problemResponses(403, 404, 412, 428),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const version = expectedVersion(c);
      const { id, granteeTenantId } = c.req.valid("param");
      const access = await resolveSiteAccess(db, c.var.auth, id);
      requireSiteAdmin(access, c.var.auth);
      const before = await getGrant(db, access.ownerTenantId, id, granteeTenantId);
      if (!before || before.revokedAt) throw notFound("The grant");
      const grant = await revokeGrant(db, {
        site: access.site,
        before,
        expectedVersion: version,
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapSiteWriteError("the grant"));
      if (access.site.integratorTenantId === granteeTenantId) {
        const { integratorTenantId: _gone, ...rest } = access.site;
        await resyncObligations(c, { ...rest, version: access.site.version + 1 }, c.var.auth.actor);
      }
      return c.json(grant, 200);
    },
  );

export const sharedSiteRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/",
    ...apiKeyScopes("sites:read"),
    tags,
    summary: "Sites other tenants shared with the current tenant (sort, filter, paginate)",
    security: bearerSecurity,
    request: {
      query: z.object({
        q: singleLine("Search").max(100).optional(),
        access: z.enum(["read", "write"]).optional(),
        sort: z.enum(["site", "owner", "granted"]).default("site"),
        order: z.enum(["asc", "desc"]).default("asc"),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        cursor: z.string().max(200).optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(ZSharedSite), nextCursor: z.string().optional(), total: z.number().int() }),
        "Shared sites",
      ),
      ...problemResponses(400, 401),
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const items = (await listSharedSites(c.var.deps.db, c.var.auth.tenantId)).filter(
      (item) =>
        (!query.access || item.access === query.access) &&
        words.every((word) =>
          `${item.siteName} ${item.ownerName} ${item.location}`.toLowerCase().includes(word),
        ),
    );
    const value = {
      site: (item: (typeof items)[number]) => item.siteName.toLowerCase(),
      owner: (item: (typeof items)[number]) => item.ownerName.toLowerCase(),
      granted: (item: (typeof items)[number]) => item.grantedAt,
    }[query.sort];
    items.sort(compareBy(value, query.order));
    return c.json(paginate(items, query), 200);
  },
);
