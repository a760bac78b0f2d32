import {
  singleLine,
  type TSite,
  withoutCandidates,
  ZAsset,
  ZConduit,
  ZConduitInput,
  ZConduitPatch,
  ZEvaluationResult,
  ZSite,
  ZSiteAccess,
  ZSiteAssetInput,
  ZSiteAssetPatch,
  ZSiteCountermeasure,
  ZSiteCountermeasureInput,
  ZSiteCountermeasurePatch,
  ZSiteDocumentView,
  ZSiteInput,
  ZSitePatch,
  ZZone,
  ZZoneInput,
  ZZonePatch,
} from "@assure/shared";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { Db } from "../db/client";
import { parseItem } from "../db/items";
import { type Key, keys } from "../db/keys";
import { requireRole, requireTenantKind } from "../http/auth";
import { type AppEnv, createRouter } from "../http/env";
import { AppError, invalidFields, notFound } from "../http/errors";
import { etag, expectedVersion } from "../http/preconditions";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { createAsset, deleteAsset, updateAsset } from "../repos/assets";
import { createConduit, deleteConduit, updateConduit } from "../repos/conduits";
import { createCountermeasure, deleteCountermeasure, updateCountermeasure } from "../repos/countermeasures";
import { GuardFailed, StaleWrite } from "../repos/site-items";
import { createSite, createZone, deleteZone, listSites, updateSite, updateZone } from "../repos/sites";
import { assertResponsibleTenant } from "../usecases/check-responsible-tenant";
import { deleteSite } from "../usecases/delete-site";
import { evaluateSite, loadSiteModel } from "../usecases/evaluate-site";
import { importSite } from "../usecases/import-site";
import { compareBy, paginate } from "../usecases/paginate-in-memory";
import { resolveEvaluationComponents } from "../usecases/resolve-evaluation-components";
import {
  requireSiteAdmin,
  requireSiteWrite,
  resolveSiteAccess,
  type SiteAccess,
  writeContextFor,
} from "../usecases/resolve-site-access";
import { syncSiteObligations } from "../usecases/sync-site-obligations";

const tags = ["Sites"];
const ownerCreate = [requireTenantKind("asset_owner"), requireRole("editor")] as const;

const ZSiteListQuery = z.object({
  q: singleLine("Search").max(100).optional(),
  sort: z.enum(["name", "updated", "created"]).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const ZSiteModelView = ZSite.extend({
  access: ZSiteAccess,
  zones: z.array(ZZone),
  conduits: z.array(ZConduit),
  assets: z.array(ZAsset),
  countermeasures: z.array(ZSiteCountermeasure),
});

export const ZSiteEvaluationView = z.object({
  site: ZSite,
  access: ZSiteAccess,
  document: ZSiteDocumentView,
  result: ZEvaluationResult,
});

const ZChildParam = (name: string) =>
  z.object({ id: ZIdParam.shape.id, childId: z.string().regex(/^[0-9a-z]{26}$/, `not a ${name} id`) });

async function getChild<S extends z.ZodType>(
  db: Db,
  key: Key,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
  );
  if (!Item) throw notFound(what);
  return parseItem(schema, Item);
}

const GUARD_ERRORS: Record<string, [string, string]> = {
  zone: ["/location/zoneId", "no such zone in this site"],
  conduit: ["/location/conduitId", "no such conduit in this site"],
  asset: ["/scope/id", "no such asset in this site"],
  fromZone: ["/fromZoneId", "no such zone in this site"],
  toZone: ["/toZoneId", "no such zone in this site"],
  integrator: ["/integratorTenantId", "name a tenant this site is shared with"],
};

/**
 * Storage outcomes as HTTP answers: a stale version is 412, a vanished site or parent 404, a write grant withdrawn
 * between the read and the write 403 (the next request answers as the grant now says).
 */
export function mapSiteWriteError(what: string, scopeKind?: string) {
  return (error: unknown): never => {
    if (error instanceof StaleWrite) {
      throw new AppError(
        "precondition_failed",
        `Someone changed ${what} since you read it; reload and retry.`,
      );
    }
    if (error instanceof GuardFailed) {
      if (error.guard === "site") throw notFound("The site");
      if (error.guard === "grant") {
        throw new AppError(
          "forbidden",
          "Your write access to this site was withdrawn while you were saving; nothing was changed.",
        );
      }
      const known = GUARD_ERRORS[error.guard];
      const [path, message] =
        scopeKind && ["zone", "conduit", "asset"].includes(error.guard)
          ? ["/scope/id", `no such ${error.guard} in this site`]
          : (known ?? ["/", error.guard]);
      throw invalidFields([{ path, message, in: "body" }]);
    }
    throw error;
  };
}

/** Regenerates obligations after a change; a failure is logged, not the user's problem (they can resync). */
export async function resyncObligations(c: Context<AppEnv>, site: TSite, actor: string) {
  try {
    await syncSiteObligations(c.var.deps.db, { site, actor, now: c.var.deps.now() });
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "obligation sync failed",
        siteId: site.id,
        error: { name: (error as Error).name, message: (error as Error).message },
      }),
    );
  }
}

async function siteFor(c: Context<AppEnv>, id: string): Promise<SiteAccess> {
  return resolveSiteAccess(c.var.deps.db, c.var.auth, id);
}

/** The component must be one the writer can see in the catalog (published, public or shared with it). */
async function checkComponentVisible(
  db: Db,
  tenantId: string,
  ref: { supplierTenantId: string; componentId: string; version: string },
) {
  const resolved = await resolveEvaluationComponents(db, tenantId, [ref]);
  if (![...resolved.values()][0]?.claim) {
    throw invalidFields([
      { path: "/componentId", message: "not a published catalog component you can see", in: "body" },
    ]);
  }
}

const siteRoutesBase = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...apiKeyScopes("sites:read"),
      tags,
      summary: "The asset owner's sites (sort, filter by text, paginate)",
      security: bearerSecurity,
      middleware: [requireTenantKind("asset_owner")],
      request: { query: ZSiteListQuery },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(ZSite), nextCursor: z.string().optional(), total: z.number().int() }),
          "Sites",
        ),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
      const sites = (await listSites(c.var.deps.db, c.var.auth.tenantId)).filter((site) => {
        const text = `${site.name} ${site.location} ${site.description}`.toLowerCase();
        return words.every((word) => text.includes(word));
      });
      const value = {
        name: (s: TSite) => s.name.toLowerCase(),
        updated: (s: TSite) => s.updatedAt,
        created: (s: TSite) => s.createdAt,
      }[query.sort];
      sites.sort(compareBy(value, query.order));
      return c.json(paginate(sites, query), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Create a site",
      security: bearerSecurity,
      middleware: [...ownerCreate],
      request: { body: jsonBody(ZSiteInput) },
      responses: { 201: jsonResponse(ZSite, "The new site"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const site = await createSite(db, {
        tenantId: c.var.auth.tenantId,
        ...c.req.valid("json"),
        actor: c.var.auth.actor,
        now: now(),
      });
      await resyncObligations(c, site, c.var.auth.actor);
      return c.json(site, 201, { etag: etag(site.version), location: `/v1/sites/${site.id}` });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/import",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Create a site from a site document (an export); validated whole, all or nothing",
      description:
        "The body is an evaluation document (docs/engine.md) with a `site` name and, for each component, `ref` " +
        "{supplierTenantId, componentId, version} naming a catalog component version the caller can see.",
      security: bearerSecurity,
      middleware: [...ownerCreate],
      request: { body: jsonBody(z.looseObject({}), "A site document") },
      responses: { 201: jsonResponse(ZSite, "The imported site"), ...problemResponses(400, 401, 403, 413) },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const site = await importSite(db, {
        tenantId: c.var.auth.tenantId,
        document: c.req.valid("json"),
        actor: c.var.auth.actor,
        now: now(),
      });
      await resyncObligations(c, site, c.var.auth.actor);
      return c.json(site, 201, { etag: etag(site.version), location: `/v1/sites/${site.id}` });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      ...apiKeyScopes("sites:read"),
      tags,
      summary: "A site with its zones, conduits, assets and countermeasures",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: jsonResponse(ZSiteModelView, "The site"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const access = await siteFor(c, c.req.valid("param").id);
      const model = await loadSiteModel(c.var.deps.db, access.site);
      const byName = <T extends { name: string }>(items: T[]) =>
        items.sort((a, b) => a.name.localeCompare(b.name));
      return c.json(
        {
          ...access.site,
          access: access.access,
          zones: byName([...model.zones]),
          conduits: byName([...model.conduits]),
          assets: byName([...model.assets]),
          countermeasures: byName([...model.countermeasures]),
        },
        200,
        { etag: etag(access.site.version) },
      );
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary:
        "Edit a site (If-Match); integratorTenantId names the integrator that owes integrator obligations",
      security: bearerSecurity,
      request: { params: ZIdParam, body: jsonBody(ZSitePatch) },
      responses: { 200: jsonResponse(ZSite, "The site"), ...problemResponses(400, 403, 404, 412, 428) },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const version = expectedVersion(c);
      const access = await siteFor(c, c.req.valid("param").id);
      const patch = c.req.valid("json");
      if (patch.integratorTenantId !== undefined) requireSiteAdmin(access, c.var.auth);
      else requireSiteWrite(access, c.var.auth);
      const context = writeContextFor(access, c.var.auth, now());
      const site = await updateSite(db, {
        before: access.site,
        patch,
        expectedVersion: version,
        actor: context.actor,
        now: context.now,
        granteeTenantId: context.granteeTenantId,
      }).catch(mapSiteWriteError("this site"));
      await resyncObligations(c, site, context.actor);
      return c.json(site, 200, { etag: etag(site.version) });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Delete a site with everything in it (If-Match; asset owner admins)",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 204: { description: "Deleted" }, ...problemResponses(403, 404, 412, 428) },
    }),
    async (c) => {
      const version = expectedVersion(c);
      const access = await siteFor(c, c.req.valid("param").id);
      requireSiteAdmin(access, c.var.auth);
      await deleteSite(c.var.deps.db, {
        site: access.site,
        expectedVersion: version,
        actor: c.var.auth.actor,
        now: c.var.deps.now(),
      }).catch(mapSiteWriteError("this site"));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/evaluation",
      ...apiKeyScopes("sites:read"),
      tags,
      summary: "The site evaluated by the engine: verdicts with reasons, SL-A, obligations, suggestions",
      description:
        "`document` is the evaluation document the engine ran (with suggestion candidates from the catalog); " +
        "feed it to the engine in the browser for what-if.",
      security: bearerSecurity,
      request: {
        params: ZIdParam,
        query: z.object({ suggestions: z.coerce.number().int().min(0).max(10).default(3) }),
      },
      responses: {
        200: jsonResponse(ZSiteEvaluationView, "The evaluation"),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const access = await siteFor(c, c.req.valid("param").id);
      const model = await loadSiteModel(db, access.site);
      const { document, result } = await evaluateSite(db, {
        viewerTenantId: c.var.auth.tenantId,
        model,
        now: now(),
        suggestions: c.req.valid("query").suggestions,
      });
      return c.json({ site: access.site, access: access.access, document, result }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/export",
      ...apiKeyScopes("sites:read"),
      tags,
      summary: "The site as a site document: an evaluation document that imports back as a new site",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(ZSiteDocumentView, "The site document"),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const access = await siteFor(c, c.req.valid("param").id);
      const model = await loadSiteModel(db, access.site);
      const { document } = await evaluateSite(db, { viewerTenantId: c.var.auth.tenantId, model, now: now() });
      const slug = access.site.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
      return c.json(withoutCandidates(document), 200, {
        "content-disposition": `attachment; filename="${slug || "site"}.site.json"`,
      });
    },
  );

/** Create, edit and delete for one kind of child (zone, asset, conduit, countermeasure). */
const childRoutes = createRouter()
  // --- zones ---
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/zones",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Add a zone (SL-T per FR, minimum assurance basis)",
      security: bearerSecurity,
      request: { params: ZIdParam, body: jsonBody(ZZoneInput) },
      responses: { 201: jsonResponse(ZZone, "The zone"), ...problemResponses(400, 403, 404) },
    }),
    async (c) => {
      const access = await siteFor(c, c.req.valid("param").id);
      requireSiteWrite(access, c.var.auth);
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const zone = await createZone(c.var.deps.db, {
        tenantId: context.ownerTenantId,
        siteId: context.siteId,
        ...c.req.valid("json"),
        actor: context.actor,
        now: context.now,
        granteeTenantId: context.granteeTenantId,
      }).catch(mapSiteWriteError("the zone"));
      await resyncObligations(c, access.site, context.actor);
      return c.json(zone, 201, { etag: etag(zone.version) });
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/zones/{childId}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Edit a zone (If-Match)",
      security: bearerSecurity,
      request: { params: ZChildParam("zone"), body: jsonBody(ZZonePatch) },
      responses: { 200: jsonResponse(ZZone, "The zone"), ...problemResponses(400, 403, 404, 412, 428) },
    }),
    async (c) => {
      const version = expectedVersion(c);
      const { id, childId } = c.req.valid("param");
      const access = await siteFor(c, id);
      requireSiteWrite(access, c.var.auth);
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const before = await getChild(
        c.var.deps.db,
        keys.zone(access.ownerTenantId, id, childId),
        ZZone,
        "The zone",
      );
      const zone = await updateZone(c.var.deps.db, context, {
        before,
        patch: c.req.valid("json"),
        expectedVersion: version,
      }).catch(mapSiteWriteError("the zone"));
      await resyncObligations(c, access.site, context.actor);
      return c.json(zone, 200, { etag: etag(zone.version) });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/zones/{childId}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Delete an empty zone and its countermeasures (If-Match); 409 while assets or conduits remain",
      security: bearerSecurity,
      request: { params: ZChildParam("zone") },
      responses: { 204: { description: "Deleted" }, ...problemResponses(403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const version = expectedVersion(c);
      const { id, childId } = c.req.valid("param");
      const access = await siteFor(c, id);
      requireSiteWrite(access, c.var.auth);
      const { db } = c.var.deps;
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const model = await loadSiteModel(db, access.site);
      const before = model.zones.find((zone) => zone.id === childId);
      if (!before) throw notFound("The zone");
      const assets = model.assets.filter((a) => a.location.kind === "zone" && a.location.zoneId === childId);
      const conduits = model.conduits.filter((k) => k.fromZoneId === childId || k.toZoneId === childId);
      if (assets.length || conduits.length) {
        throw new AppError(
          "conflict",
          `The zone still has ${assets.length} asset(s) and ${conduits.length} conduit(s); move or delete them first.`,
        );
      }
      await deleteZone(db, context, {
        before,
        expectedVersion: version,
        countermeasureIds: model.countermeasures
          .filter((m) => m.scope.kind === "zone" && m.scope.id === childId)
          .map((m) => m.id),
      }).catch(mapSiteWriteError("the zone"));
      await resyncObligations(c, access.site, context.actor);
      return c.body(null, 204);
    },
  )
  // --- assets ---
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/assets",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Add an asset: a catalog component version, count and role, in a zone or on a conduit",
      security: bearerSecurity,
      request: { params: ZIdParam, body: jsonBody(ZSiteAssetInput) },
      responses: {
        201: jsonResponse(ZAsset, "The asset (ETag = revision)"),
        ...problemResponses(400, 403, 404),
      },
    }),
    async (c) => {
      const access = await siteFor(c, c.req.valid("param").id);
      requireSiteWrite(access, c.var.auth);
      const input = c.req.valid("json");
      await checkComponentVisible(c.var.deps.db, c.var.auth.tenantId, input);
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const asset = await createAsset(c.var.deps.db, context, input).catch(mapSiteWriteError("the asset"));
      await resyncObligations(c, access.site, context.actor);
      return c.json(asset, 201, { etag: etag(asset.revision) });
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/assets/{childId}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Edit an asset, e.g. replace its component (If-Match with its revision)",
      security: bearerSecurity,
      request: { params: ZChildParam("asset"), body: jsonBody(ZSiteAssetPatch) },
      responses: { 200: jsonResponse(ZAsset, "The asset"), ...problemResponses(400, 403, 404, 412, 428) },
    }),
    async (c) => {
      const revision = expectedVersion(c);
      const { id, childId } = c.req.valid("param");
      const access = await siteFor(c, id);
      requireSiteWrite(access, c.var.auth);
      const { db } = c.var.deps;
      const before = await getChild(db, keys.asset(access.ownerTenantId, id, childId), ZAsset, "The asset");
      const patch = c.req.valid("json");
      if (patch.componentId || patch.supplierTenantId || patch.version) {
        await checkComponentVisible(db, c.var.auth.tenantId, {
          supplierTenantId: patch.supplierTenantId ?? before.supplierTenantId,
          componentId: patch.componentId ?? before.componentId,
          version: patch.version ?? before.version,
        });
      }
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const asset = await updateAsset(db, context, { before, patch, expectedRevision: revision }).catch(
        mapSiteWriteError("the asset"),
      );
      await resyncObligations(c, access.site, context.actor);
      return c.json(asset, 200, { etag: etag(asset.revision) });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/assets/{childId}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Delete an asset and the countermeasures recorded on it (If-Match)",
      security: bearerSecurity,
      request: { params: ZChildParam("asset") },
      responses: { 204: { description: "Deleted" }, ...problemResponses(403, 404, 412, 428) },
    }),
    async (c) => {
      const revision = expectedVersion(c);
      const { id, childId } = c.req.valid("param");
      const access = await siteFor(c, id);
      requireSiteWrite(access, c.var.auth);
      const { db } = c.var.deps;
      const model = await loadSiteModel(db, access.site);
      const before = model.assets.find((asset) => asset.id === childId);
      if (!before) throw notFound("The asset");
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      await deleteAsset(db, context, {
        before,
        expectedRevision: revision,
        countermeasureIds: model.countermeasures
          .filter((m) => m.scope.kind === "asset" && m.scope.id === childId)
          .map((m) => m.id),
      }).catch(mapSiteWriteError("the asset"));
      await resyncObligations(c, access.site, context.actor);
      return c.body(null, 204);
    },
  )
  // --- conduits ---
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/conduits",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Add a conduit between two zones (SL-T optional: inherited from the zones)",
      security: bearerSecurity,
      request: { params: ZIdParam, body: jsonBody(ZConduitInput) },
      responses: { 201: jsonResponse(ZConduit, "The conduit"), ...problemResponses(400, 403, 404) },
    }),
    async (c) => {
      const access = await siteFor(c, c.req.valid("param").id);
      requireSiteWrite(access, c.var.auth);
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const conduit = await createConduit(c.var.deps.db, context, c.req.valid("json")).catch(
        mapSiteWriteError("the conduit"),
      );
      await resyncObligations(c, access.site, context.actor);
      return c.json(conduit, 201, { etag: etag(conduit.version) });
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/conduits/{childId}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Edit a conduit (If-Match); slT null inherits from the zones again",
      security: bearerSecurity,
      request: { params: ZChildParam("conduit"), body: jsonBody(ZConduitPatch) },
      responses: { 200: jsonResponse(ZConduit, "The conduit"), ...problemResponses(400, 403, 404, 412, 428) },
    }),
    async (c) => {
      const version = expectedVersion(c);
      const { id, childId } = c.req.valid("param");
      const access = await siteFor(c, id);
      requireSiteWrite(access, c.var.auth);
      const { db } = c.var.deps;
      const before = await getChild(
        db,
        keys.conduit(access.ownerTenantId, id, childId),
        ZConduit,
        "The conduit",
      );
      const patch = c.req.valid("json");
      if ((patch.fromZoneId ?? before.fromZoneId) === (patch.toZoneId ?? before.toZoneId)) {
        throw invalidFields([
          { path: "/toZoneId", message: "a conduit joins two different zones", in: "body" },
        ]);
      }
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const conduit = await updateConduit(db, context, { before, patch, expectedVersion: version }).catch(
        mapSiteWriteError("the conduit"),
      );
      await resyncObligations(c, access.site, context.actor);
      return c.json(conduit, 200, { etag: etag(conduit.version) });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/conduits/{childId}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Delete a conduit without assets, and its countermeasures (If-Match); 409 while assets remain",
      security: bearerSecurity,
      request: { params: ZChildParam("conduit") },
      responses: { 204: { description: "Deleted" }, ...problemResponses(403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const version = expectedVersion(c);
      const { id, childId } = c.req.valid("param");
      const access = await siteFor(c, id);
      requireSiteWrite(access, c.var.auth);
      const { db } = c.var.deps;
      const model = await loadSiteModel(db, access.site);
      const before = model.conduits.find((conduit) => conduit.id === childId);
      if (!before) throw notFound("The conduit");
      const assets = model.assets.filter(
        (a) => a.location.kind === "conduit" && a.location.conduitId === childId,
      );
      if (assets.length) {
        throw new AppError(
          "conflict",
          `The conduit still carries ${assets.length} asset(s); move or delete them first.`,
        );
      }
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      await deleteConduit(db, context, {
        before,
        expectedVersion: version,
        countermeasureIds: model.countermeasures
          .filter((m) => m.scope.kind === "conduit" && m.scope.id === childId)
          .map((m) => m.id),
      }).catch(mapSiteWriteError("the conduit"));
      await resyncObligations(c, access.site, context.actor);
      return c.body(null, 204);
    },
  )
  // --- countermeasures ---
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/countermeasures",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Record a compensating countermeasure on an asset, zone or conduit",
      security: bearerSecurity,
      request: { params: ZIdParam, body: jsonBody(ZSiteCountermeasureInput) },
      responses: {
        201: jsonResponse(ZSiteCountermeasure, "The countermeasure"),
        ...problemResponses(400, 403, 404),
      },
    }),
    async (c) => {
      const access = await siteFor(c, c.req.valid("param").id);
      requireSiteWrite(access, c.var.auth);
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const input = c.req.valid("json");
      await assertResponsibleTenant(c.var.deps.db, access.site, input.responsibleTenantId);
      const countermeasure = await createCountermeasure(c.var.deps.db, context, input).catch(
        mapSiteWriteError("the countermeasure", "scope"),
      );
      await resyncObligations(c, access.site, context.actor);
      return c.json(countermeasure, 201, { etag: etag(countermeasure.version) });
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/countermeasures/{childId}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Edit a countermeasure (If-Match)",
      security: bearerSecurity,
      request: { params: ZChildParam("countermeasure"), body: jsonBody(ZSiteCountermeasurePatch) },
      responses: {
        200: jsonResponse(ZSiteCountermeasure, "The countermeasure"),
        ...problemResponses(400, 403, 404, 412, 428),
      },
    }),
    async (c) => {
      const version = expectedVersion(c);
      const { id, childId } = c.req.valid("param");
      const access = await siteFor(c, id);
      requireSiteWrite(access, c.var.auth);
      const { db } = c.var.deps;
      const before = await getChild(
        db,
        keys.countermeasure(access.ownerTenantId, id, childId),
        ZSiteCountermeasure,
        "The countermeasure",
      );
      const patch = c.req.valid("json");
      await assertResponsibleTenant(db, access.site, patch.responsibleTenantId, before.responsibleTenantId);
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      const countermeasure = await updateCountermeasure(db, context, {
        before,
        patch,
        expectedVersion: version,
      }).catch(mapSiteWriteError("the countermeasure", "scope"));
      await resyncObligations(c, access.site, context.actor);
      return c.json(countermeasure, 200, { etag: etag(countermeasure.version) });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/countermeasures/{childId}",
      ...apiKeyScopes("sites:write"),
      tags,
      summary: "Delete a countermeasure (If-Match)",
      security: bearerSecurity,
      request: { params: ZChildParam("countermeasure") },
      responses: { 204: { description: "Deleted" }, ...problemResponses(403, 404, 412, 428) },
    }),
    async (c) => {
      const version = expectedVersion(c);
      const { id, childId } = c.req.valid("param");
      const access = await siteFor(c, id);
      requireSiteWrite(access, c.var.auth);
      const { db } = c.var.deps;
      const before = await getChild(
        db,
        keys.countermeasure(access.ownerTenantId, id, childId),
        ZSiteCountermeasure,
        "The countermeasure",
      );
      const context = writeContextFor(access, c.var.auth, c.var.deps.now());
      await deleteCountermeasure(db, context, { before, expectedVersion: version }).catch(
        mapSiteWriteError("the countermeasure"),
      );
      await resyncObligations(c, access.site, context.actor);
      return c.body(null, 204);
    },
  );

export const siteRoutes = siteRoutesBase;
export const siteChildRoutes = childRoutes;
