import {
  isOverdue,
  roleAtLeast,
  type TObligationHistoryEntry,
  type TSiteObligation,
  ZEvidenceLinkInput,
  ZObligationListQuery,
  ZObligationUpdate,
  ZOwedObligation,
  ZSite,
  ZSiteObligation,
  ZWaiverDecision,
  ZWaiverRequest,
} from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ulid } from "ulid";
import { z } from "zod";
import { batchGetItems } from "../db/batch";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import { type AppEnv, createRouter } from "../http/env";
import { AppError, invalidFields } from "../http/errors";
import { etag, expectedVersion } from "../http/preconditions";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { getTenantsById } from "../repos/components";
import { getEvidence } from "../repos/evidence";
import {
  listOwedObligations,
  listSiteObligations,
  listTenantObligations,
  saveObligation,
} from "../repos/obligations";
import { withActorNames } from "../usecases/name-history-actors";
import { paginate } from "../usecases/paginate-in-memory";
import {
  filterObligations,
  type ObligationAccess,
  requireObligationWork,
  resolveObligationAccess,
} from "../usecases/query-obligations";
import { requireSiteWrite, resolveSiteAccess } from "../usecases/resolve-site-access";
import { syncSiteObligations } from "../usecases/sync-site-obligations";
import { sendEvidence } from "./evidence";
import { mapSiteWriteError } from "./sites";

const tags = ["Obligations"];
const ZObligationParam = z.object({
  id: ZIdParam.shape.id,
  obligationId: z.string().regex(/^[0-9a-z]{26}$/, "not an obligation id"),
});
const ZEvidenceParam = ZObligationParam.extend({
  evidenceId: z.string().regex(/^[0-9a-z]{26}$/, "not an evidence id"),
});
const ZParty = z.object({ tenantId: z.string(), name: z.string() });
const ZCounts = z.object({
  open: z.number().int(),
  in_progress: z.number().int(),
  met: z.number().int(),
  waived: z.number().int(),
  overdue: z.number().int(),
  retired: z.number().int(),
});

const actorOf = (c: Context<AppEnv>, access: ObligationAccess) =>
  access.role === "owner" ? c.var.auth.actor : `${c.var.auth.actor}@tenant:${c.var.auth.tenantId}`;

function countsOf(items: readonly TSiteObligation[], today: string) {
  const counts = { open: 0, in_progress: 0, met: 0, waived: 0, overdue: 0, retired: 0 };
  for (const o of items) {
    if (!o.active) {
      counts.retired++;
      continue;
    }
    counts[o.status]++;
    if (isOverdue(o, today)) counts.overdue++;
  }
  return counts;
}

async function change(
  c: Context<AppEnv>,
  access: ObligationAccess,
  expected: number,
  action: string,
  mutate: (
    o: TSiteObligation,
    entry: (e: Omit<TObligationHistoryEntry, "at" | "actor">) => void,
  ) => TSiteObligation,
) {
  const now = c.var.deps.now();
  const actor = actorOf(c, access);
  const entries: TObligationHistoryEntry[] = [];
  const next = mutate(structuredClone(access.obligation), (e) =>
    entries.push({ at: now.toISOString(), actor, ...e }),
  );
  const after = ZSiteObligation.parse({
    ...next,
    history: [...access.obligation.history, ...entries].slice(-200),
    version: access.obligation.version + 1,
    updatedAt: now.toISOString(),
  });
  await saveObligation(c.var.deps.db, {
    before: access.obligation,
    after,
    expectedVersion: expected,
    action,
    actor,
    now,
    // A write grantee's change holds only while its grant still says write; the obligee's does not need one.
    granteeTenantId: access.role === "write" ? c.var.auth.tenantId : undefined,
  }).catch(mapSiteWriteError("the obligation"));
  return after;
}

export const siteObligationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/obligations",
      ...apiKeyScopes("sites:read"),
      tags,
      summary:
        "A site's obligations (filter by status, party, source, overdue, text; sort; paginate) with its parties",
      security: bearerSecurity,
      request: { params: ZIdParam, query: ZObligationListQuery },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(ZSiteObligation),
            nextCursor: z.string().optional(),
            total: z.number().int(),
            counts: ZCounts,
            parties: z.object({
              assetOwner: ZParty,
              integrator: ZParty.nullable(),
              suppliers: z.array(ZParty),
            }),
          }),
          "Obligations",
        ),
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const access = await resolveSiteAccess(db, c.var.auth, c.req.valid("param").id);
      const query = c.req.valid("query");
      const all = await listSiteObligations(db, access.ownerTenantId, access.site.id);
      const today = now().toISOString().slice(0, 10);
      const supplierIds = [
        ...new Set(
          all
            .filter((o) => o.responsibleParty === "supplier" && o.obligeeTenantId)
            .map((o) => o.obligeeTenantId as string),
        ),
      ];
      const tenants = await getTenantsById(db, [
        access.ownerTenantId,
        ...(access.site.integratorTenantId ? [access.site.integratorTenantId] : []),
        ...supplierIds,
      ]);
      const party = (id: string) => ({ tenantId: id, name: tenants.get(id)?.name ?? id });
      return c.json(
        {
          ...paginate(filterObligations(all, query, today), query),
          counts: countsOf(all, today),
          parties: {
            assetOwner: party(access.ownerTenantId),
            integrator: access.site.integratorTenantId ? party(access.site.integratorTenantId) : null,
            suppliers: supplierIds.map(party).sort((a, b) => a.name.localeCompare(b.name)),
          },
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/obligations/sync",
      ...apiKeyScopes("obligations:write"),
      tags,
      summary: "Regenerate the site's obligations now (status, due dates, evidence and history are kept)",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(z.object({ changed: z.number().int() }), "Changed"),
        ...problemResponses(403, 404),
      },
    }),
    async (c) => {
      const access = await resolveSiteAccess(c.var.deps.db, c.var.auth, c.req.valid("param").id);
      requireSiteWrite(access, c.var.auth);
      const result = await syncSiteObligations(c.var.deps.db, {
        site: access.site,
        actor: c.var.auth.actor,
        now: c.var.deps.now(),
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/obligations/{obligationId}",
      ...apiKeyScopes("sites:read"),
      tags,
      summary: "One obligation with its evidence, waiver and history",
      security: bearerSecurity,
      request: { params: ZObligationParam },
      responses: {
        200: jsonResponse(
          ZSiteObligation.extend({ role: z.enum(["owner", "write", "read", "obligee"]) }),
          "The obligation",
        ),
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const { id, obligationId } = c.req.valid("param");
      const access = await resolveObligationAccess(c.var.deps.db, c.var.auth, id, obligationId);
      const history = await withActorNames(c.var.deps.db, access.obligation.history);
      return c.json({ ...access.obligation, history, role: access.role }, 200, {
        etag: etag(access.obligation.version),
      });
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}/obligations/{obligationId}",
      ...apiKeyScopes("obligations:write"),
      tags,
      summary: "Change status (open, in_progress, met — met needs evidence) or due date (If-Match)",
      security: bearerSecurity,
      request: { params: ZObligationParam, body: jsonBody(ZObligationUpdate) },
      responses: {
        200: jsonResponse(ZSiteObligation, "The obligation"),
        ...problemResponses(400, 403, 404, 409, 412, 428),
      },
    }),
    async (c) => {
      const expected = expectedVersion(c);
      const { id, obligationId } = c.req.valid("param");
      const access = await resolveObligationAccess(c.var.deps.db, c.var.auth, id, obligationId);
      requireObligationWork(access, c.var.auth);
      const update = c.req.valid("json");
      if (update.due !== undefined && access.role === "obligee") {
        throw new AppError("forbidden", "The asset owner sets due dates.");
      }
      if (update.status === "met" && access.obligation.evidence.length === 0) {
        throw new AppError("conflict", "Attach evidence before marking the obligation met.");
      }
      const after = await change(c, access, expected, "obligation.update", (o, entry) => {
        if (update.status && update.status !== o.status) {
          entry({
            action: "status",
            from: o.status,
            to: update.status,
            ...(update.note ? { note: update.note } : {}),
          });
          if (o.status === "waived") o.waiver = undefined;
          o.status = update.status;
        }
        if (update.due !== undefined && (update.due ?? undefined) !== o.due) {
          entry({
            action: "due",
            ...(o.due ? { from: o.due } : {}),
            ...(update.due ? { to: update.due } : {}),
          });
          o.due = update.due ?? undefined;
        }
        return o;
      });
      return c.json(after, 200, { etag: etag(after.version) });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/obligations/{obligationId}/evidence",
      ...apiKeyScopes("obligations:write"),
      tags,
      summary: "Attach evidence: a link, a note, or a file uploaded with POST /v1/evidence (If-Match)",
      description:
        "A file is named by `evidenceId`: an evidence file of the caller's own tenant that is stored (uploaded " +
        "and checked). Whoever may see the obligation downloads it through " +
        "`GET …/evidence/{evidenceId}/content`.",
      security: bearerSecurity,
      request: { params: ZObligationParam, body: jsonBody(ZEvidenceLinkInput) },
      responses: {
        201: jsonResponse(ZSiteObligation, "The obligation"),
        ...problemResponses(400, 403, 404, 409, 412, 428),
      },
    }),
    async (c) => {
      const expected = expectedVersion(c);
      const { id, obligationId } = c.req.valid("param");
      const access = await resolveObligationAccess(c.var.deps.db, c.var.auth, id, obligationId);
      requireObligationWork(access, c.var.auth);
      const input = c.req.valid("json");
      if (access.obligation.evidence.length >= 50)
        throw new AppError("conflict", "An obligation holds at most 50 pieces of evidence.");
      const file = input.evidenceId
        ? await getEvidence(c.var.deps.db, c.var.auth.tenantId, input.evidenceId)
        : undefined;
      if (input.evidenceId && file?.state !== "stored") {
        throw invalidFields([
          {
            path: "/evidenceId",
            message: "not an evidence file of your organisation that is uploaded",
            in: "body",
          },
        ]);
      }
      const after = await change(c, access, expected, "obligation.evidence.add", (o, entry) => {
        const now = c.var.deps.now().toISOString();
        o.evidence.push({
          id: ulid().toLowerCase(),
          kind: file ? "file" : input.url ? "link" : "note",
          title: input.title,
          ...(input.url ? { url: input.url } : {}),
          ...(input.note ? { note: input.note } : {}),
          ...(file
            ? {
                evidenceId: file.id,
                sha256: file.sha256,
                size: file.size,
                contentType: file.contentType,
              }
            : {}),
          addedBy: actorOf(c, access),
          addedByTenantId: c.var.auth.tenantId,
          addedAt: now,
        });
        entry({ action: "evidence_added", to: input.title });
        return o;
      });
      return c.json(after, 201, { etag: etag(after.version) });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/obligations/{obligationId}/evidence/{evidenceId}",
      ...apiKeyScopes("obligations:write"),
      tags,
      summary: "Remove a piece of evidence (If-Match)",
      security: bearerSecurity,
      request: { params: ZEvidenceParam },
      responses: {
        200: jsonResponse(ZSiteObligation, "The obligation"),
        ...problemResponses(403, 404, 409, 412, 428),
      },
    }),
    async (c) => {
      const expected = expectedVersion(c);
      const { id, obligationId, evidenceId } = c.req.valid("param");
      const access = await resolveObligationAccess(c.var.deps.db, c.var.auth, id, obligationId);
      requireObligationWork(access, c.var.auth);
      const evidence = access.obligation.evidence.find((e) => e.id === evidenceId);
      if (!evidence) throw new AppError("not_found", "The evidence was not found");
      const after = await change(c, access, expected, "obligation.evidence.remove", (o, entry) => {
        o.evidence = o.evidence.filter((e) => e.id !== evidenceId);
        entry({ action: "evidence_removed", from: evidence.title });
        if (o.status === "met" && o.evidence.length === 0) {
          entry({ action: "status", from: "met", to: "in_progress", note: "its last evidence was removed" });
          o.status = "in_progress";
        }
        return o;
      });
      return c.json(after, 200, { etag: etag(after.version) });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/obligations/{obligationId}/evidence/{evidenceId}/content",
      ...apiKeyScopes("sites:read"),
      tags,
      summary: "Download an evidence file of an obligation (whoever may see the obligation; 404 otherwise)",
      security: bearerSecurity,
      request: { params: ZEvidenceParam },
      responses: {
        200: { description: "The file" },
        302: { description: "Redirect to a short-lived download URL (AWS)" },
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const { id, obligationId, evidenceId } = c.req.valid("param");
      const access = await resolveObligationAccess(c.var.deps.db, c.var.auth, id, obligationId);
      const entry = access.obligation.evidence.find((e) => e.id === evidenceId && e.kind === "file");
      if (!entry?.evidenceId) throw new AppError("not_found", "The evidence file was not found");
      // The file lives in the partition of the tenant that uploaded it (the obligee, a grantee or the owner).
      return sendEvidence(c, await getEvidence(c.var.deps.db, entry.addedByTenantId, entry.evidenceId));
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/obligations/{obligationId}/waiver",
      ...apiKeyScopes("obligations:write"),
      tags,
      summary: "Request a waiver with a justification (If-Match); an admin of the asset owner decides",
      security: bearerSecurity,
      request: { params: ZObligationParam, body: jsonBody(ZWaiverRequest) },
      responses: {
        200: jsonResponse(ZSiteObligation, "The obligation"),
        ...problemResponses(400, 403, 404, 409, 412, 428),
      },
    }),
    async (c) => {
      const expected = expectedVersion(c);
      const { id, obligationId } = c.req.valid("param");
      const access = await resolveObligationAccess(c.var.deps.db, c.var.auth, id, obligationId);
      requireObligationWork(access, c.var.auth);
      if (access.obligation.status === "waived")
        throw new AppError("conflict", "The obligation is already waived.");
      const { justification } = c.req.valid("json");
      const after = await change(c, access, expected, "obligation.waiver.request", (o, entry) => {
        o.waiver = {
          justification,
          requestedBy: actorOf(c, access),
          requestedAt: c.var.deps.now().toISOString(),
          state: "requested",
        };
        entry({ action: "waiver_requested", note: justification });
        return o;
      });
      return c.json(after, 200, { etag: etag(after.version) });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/obligations/{obligationId}/waiver/decision",
      ...apiKeyScopes("obligations:write"),
      tags,
      summary: "Approve (status waived) or reject a requested waiver (If-Match; asset owner admins)",
      security: bearerSecurity,
      request: { params: ZObligationParam, body: jsonBody(ZWaiverDecision) },
      responses: {
        200: jsonResponse(ZSiteObligation, "The obligation"),
        ...problemResponses(400, 403, 404, 409, 412, 428),
      },
    }),
    async (c) => {
      const expected = expectedVersion(c);
      const { id, obligationId } = c.req.valid("param");
      const access = await resolveObligationAccess(c.var.deps.db, c.var.auth, id, obligationId);
      if (access.role !== "owner" || !roleAtLeast(c.var.auth.role, "admin")) {
        throw new AppError("forbidden", "An admin of the asset owner approves waivers.");
      }
      const waiver = access.obligation.waiver;
      if (waiver?.state !== "requested")
        throw new AppError("conflict", "No waiver is waiting for a decision.");
      const decision = c.req.valid("json");
      const after = await change(
        c,
        access,
        expected,
        decision.approve ? "obligation.waiver.approve" : "obligation.waiver.reject",
        (o, entry) => {
          if (decision.approve) {
            o.waiver = {
              ...waiver,
              state: "approved",
              approvedBy: c.var.auth.actor,
              approvedAt: c.var.deps.now().toISOString(),
            };
            entry({
              action: "waiver_approved",
              from: o.status,
              to: "waived",
              ...(decision.note ? { note: decision.note } : {}),
            });
            o.status = "waived";
          } else {
            o.waiver = undefined;
            entry({ action: "waiver_rejected", ...(decision.note ? { note: decision.note } : {}) });
          }
          return o;
        },
      );
      return c.json(after, 200, { etag: etag(after.version) });
    },
  );

/** Across sites: the obligations this tenant owes others, or (asset owners) all of its own. */
export const obligationRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/",
    ...apiKeyScopes("sites:read"),
    tags,
    summary: "Obligations owed by the current tenant (scope=owed) or of all its sites (scope=own)",
    security: bearerSecurity,
    request: { query: ZObligationListQuery.extend({ scope: z.enum(["owed", "own"]).default("owed") }) },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(ZOwedObligation),
          nextCursor: z.string().optional(),
          total: z.number().int(),
          counts: ZCounts,
        }),
        "Obligations",
      ),
      ...problemResponses(400, 401),
    },
  }),
  async (c) => {
    const { db, now } = c.var.deps;
    const query = c.req.valid("query");
    const all =
      query.scope === "own"
        ? await listTenantObligations(db, c.var.auth.tenantId)
        : await listOwedObligations(db, c.var.auth.tenantId);
    const today = now().toISOString().slice(0, 10);
    const page = paginate(filterObligations(all, query, today), query);
    const [siteItems, owners] = await Promise.all([
      batchGetItems(
        db,
        page.items.map((o) => keys.site(o.ownerTenantId, o.siteId)),
      ),
      getTenantsById(db, [...new Set(page.items.map((o) => o.ownerTenantId))]),
    ]);
    const sites = new Map(parseItems(ZSite, siteItems).map((site) => [site.id, site.name]));
    return c.json(
      {
        ...page,
        items: page.items.flatMap((o) =>
          sites.has(o.siteId)
            ? [
                {
                  ...o,
                  siteName: sites.get(o.siteId) ?? "",
                  ownerName: owners.get(o.ownerTenantId)?.name ?? "",
                },
              ]
            : [],
        ),
        counts: countsOf(all, today),
      },
      200,
    );
  },
);
