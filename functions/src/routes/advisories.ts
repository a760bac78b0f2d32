import {
  matchStateFor,
  roleAtLeast,
  type TAdvisory,
  ZAdvisoryDetail,
  ZAdvisoryImpact,
  ZAdvisoryImportResult,
  ZAdvisoryListItem,
  ZAdvisoryQuery,
  ZAdvisorySettings,
  ZAdvisorySettingsInput,
  ZAuthoredAdvisoryInput,
  ZMatchDecision,
  ZMatchDecisionInput,
  ZPublisherRights,
  ZWebhookSigningKey,
  ZWebhookSigningStatus,
} from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { catalogCandidates } from "../csaf/import/match-candidates";
import { InvalidCursor } from "../db/items";
import { requireRole, requireTenantKind } from "../http/auth";
import { type AppEnv, type AuthContext, createRouter, ownTenantDb } from "../http/env";
import { AppError, notFound, type TFieldError } from "../http/errors";
import { etag, expectedVersion } from "../http/preconditions";
import { apiKeyScopes, noApiKeys, secretResponse } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { resolveWithDns } from "../notify/webhook-target";
import {
  AdvisoryOwnedElsewhere,
  AdvisoryVersionMismatch,
  getAdvisoriesByRef,
  getAdvisoryMatch,
  getAdvisorySettings,
  getVersionedAdvisorySettings,
  listAdvisoriesSharedWith,
  listOwnAdvisories,
  ProviderPathTaken,
  putAdvisoryMatch,
  putMatchDecision,
  queryPublicAdvisories,
} from "../repos/advisories";
import { listImpacts } from "../repos/advisories-impact";
import { getTenant } from "../repos/tenants";
import { getWebhookSecret, rotateWebhookSecret, WebhookSecretChanged } from "../repos/webhook-secrets";
import { AuthoringRefused, authorAdvisory, revisionHistoryOf } from "../usecases/author-advisory";
import {
  type AdvisoryImporter,
  CsafRejected,
  DEFAULT_MAX_CSAF_DOCUMENT_BYTES,
  ImportNotAllowed,
  importAdvisory,
  RevisionConflict,
} from "../usecases/import-advisory";
import { listComponentAdvisories } from "../usecases/list-component-advisories";
import { readAdvisoryDocument } from "../usecases/match-published-component";
import { publisherRights } from "../usecases/publisher-namespaces";
import { advisoryAsSeenBy, advisoryDetail, ownsAdvisory, readableAdvisory } from "../usecases/read-advisory";
import { saveAdvisorySettings } from "../usecases/save-advisory-settings";

const tags = ["Advisories"];

// POST /v1/advisories carries a CSAF document: held to the CSAF document limit below, not the JSON body limit
// (http/body-limits.ts).
export const maxCsafDocumentBytes = () =>
  Number(process.env.CSAF_MAX_DOCUMENT_BYTES ?? "") || DEFAULT_MAX_CSAF_DOCUMENT_BYTES;

const tooLarge = (bytes: number) =>
  new AppError("payload_too_large", `CSAF documents are limited to ${bytes} bytes.`, {
    limit: { name: "CSAF document size", bytes },
  });

const ZImportQuery = z.object({
  strict: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

const ZListResponse = z.object({ items: z.array(ZAdvisoryListItem), nextCursor: z.string().optional() });

const ZListQuery = ZAdvisoryQuery.extend({
  /** public: the published catalog (default); own: this supplier's advisories; shared: restricted ones shared with me. */
  scope: z.enum(["public", "own", "shared"]).default("public"),
});

/** A list item as this reader may see it (a restriction names the reader only; docs/adr/0061). */
const listItemsFor = (auth: AuthContext) => (a: TAdvisory) =>
  ZAdvisoryListItem.parse(advisoryAsSeenBy(a, auth));

export function csafProblem(error: CsafRejected): AppError {
  const errors: (TFieldError & { test: string })[] = error.failures.map((f) => ({
    test: f.test,
    path: f.path,
    message: f.message,
    in: "body",
  }));
  const tests = [...new Set(error.failures.map((f) => f.test))];
  return new AppError(
    "validation_failed",
    `The document is not acceptable CSAF 2.0 (failed: ${tests.join(", ")}); nothing was stored.`,
    { errors },
  );
}

export function mapImportErrors(error: unknown): never {
  if (error instanceof CsafRejected) throw csafProblem(error);
  if (error instanceof ImportNotAllowed) throw new AppError("forbidden", error.message);
  if (error instanceof RevisionConflict) throw new AppError("conflict", error.message);
  if (error instanceof AdvisoryOwnedElsewhere) {
    throw new AppError(
      "conflict",
      `An advisory with this publisher and tracking id is already published by the supplier that holds the ` +
        `namespace "${error.namespace}"; the namespace's publisher keeps it.`,
    );
  }
  if (error instanceof ProviderPathTaken) {
    throw new AppError(
      "conflict",
      `The portal's CSAF provider already serves white/${error.path} for another publisher. CSAF file names ` +
        "come from the tracking id, so publish this advisory under a tracking id no other supplier on the portal " +
        "uses (e.g. prefixed with your organisation's short name); nothing was stored.",
    );
  }
  throw error;
}

/** Operator: the platform; supplier editors (and API keys with advisories:write): their own products only. */
export async function importerFor(
  c: Context<AppEnv>,
): Promise<{ importer: AdvisoryImporter; tenantStrict: boolean }> {
  const { auth, deps } = c.var;
  const settings = await getAdvisorySettings(deps.db, auth.tenantId);
  if (auth.platformOperator) {
    return {
      importer: { kind: "platform", actor: auth.actor, auditTenantId: auth.tenantId },
      tenantStrict: settings.strictCsafImport,
    };
  }
  const tenant = await getTenant(deps.db, auth.tenantId);
  if (!tenant) throw new AppError("unauthenticated", "Your tenant no longer exists.");
  if (!tenant.kinds.includes("supplier")) {
    throw new AppError(
      "forbidden",
      "Only suppliers (for their own products) and the platform operator import advisories.",
    );
  }
  if (!roleAtLeast(auth.role, "editor")) {
    throw new AppError("forbidden", `This needs the editor role or higher; you are ${auth.role}.`);
  }
  if (auth.scopes && !auth.scopes.includes("advisories:write")) {
    throw new AppError("forbidden", "This API key lacks the advisories:write scope.");
  }
  const { vendorNames } = await publisherRights(deps.db, tenant);
  return {
    importer: { kind: "supplier", actor: auth.actor, tenant, vendorNames },
    tenantStrict: settings.strictCsafImport,
  };
}

export function documentStoreOf(c: Context<AppEnv>) {
  const store = c.var.deps.evidence;
  if (!store) throw new Error("this API was built without a document store (evidence store)");
  return store;
}

export const advisoryRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      ...apiKeyScopes("advisories:write"),
      tags,
      summary: "Import a CSAF 2.0 advisory (the body is the document, stored unchanged)",
      description:
        "Validates the strict CSAF 2.0 schema and every mandatory test (§6.1). Invalid documents are rejected " +
        "whole (400, errors[] with test, path and message). A document whose only failures are cosmetic (6.1.11) " +
        "is stored with a conformance warning unless `strict=true` or the tenant's strict setting is on. " +
        "Same tracking id and revision: `unchanged`; a newer revision supersedes (`updated`); an older one is " +
        "ignored (`older`). The platform operator imports any advisory; suppliers only documents published under " +
        "their own namespace (the portal-assigned `<portal>/suppliers/<slug>` or one the operator verified for " +
        "them) about their own products (their name and the vendors of their published components). A " +
        "supplier's TLP:WHITE document is served by the portal's CSAF provider, so its file name " +
        "(from the tracking id) must not be served for another publisher already (409).",
      security: bearerSecurity,
      middleware: [
        bodyLimit({
          maxSize: maxCsafDocumentBytes(),
          onError: () => {
            throw tooLarge(maxCsafDocumentBytes());
          },
        }),
      ] as const,
      request: { query: ZImportQuery },
      responses: {
        200: jsonResponse(ZAdvisoryImportResult, "Already stored (unchanged), superseded (updated) or older"),
        201: jsonResponse(ZAdvisoryImportResult, "Imported"),
        ...problemResponses(400, 401, 403, 409, 413),
      },
    }),
    async (c) => {
      const { importer, tenantStrict } = await importerFor(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const strict = c.req.valid("query").strict ?? tenantStrict;
      const { db, now } = c.var.deps;
      const result = await importAdvisory(
        { db, documents: documentStoreOf(c), candidates: catalogCandidates(db), now },
        { importer, bytes, strict },
      ).catch(mapImportErrors);
      return c.json(result, result.outcome === "created" ? 201 : 200, {
        location: `/v1/advisories/${result.advisory.id}`,
      });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...apiKeyScopes("catalog:read"),
      tags,
      summary:
        "Advisories: the published catalog (filters: text, vendor, minimum severity, dates, status), own or shared",
      security: bearerSecurity,
      request: { query: ZListQuery },
      responses: { 200: jsonResponse(ZListResponse, "A page of advisories"), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const { db } = c.var.deps;
      const tenantId = c.var.auth.tenantId;
      const toListItem = listItemsFor(c.var.auth);
      if (query.status === "affecting") {
        // Advisories hitting my assets: from my impact items (my partition only).
        const impacts = (await listImpacts(db, tenantId)).filter((i) => i.state !== "resolved");
        const refs = new Map(impacts.map((i) => [i.advisory.id, i.advisory.owner]));
        const items = await getAdvisoriesByRef(
          db,
          [...refs].map(([id, owner]) => ({ id, owner })),
        );
        return c.json({ items: sortNewest(filterLocal(items, query)).map(toListItem) }, 200);
      }
      if (query.componentId) {
        // Advisories naming one catalog component the caller may read (else 404): the matches index, then one
        // BatchGet; the same visibility rules as the component page (docs/adr/0033).
        const items = (await listComponentAdvisories(db, c.var.auth, query.componentId)).map(
          (row) => row.advisory,
        );
        return c.json({ items: sortNewest(filterLocal(items, query)).map(toListItem) }, 200);
      }
      if (query.scope === "own")
        return c.json({ items: sortNewest(await listOwnAdvisories(db, tenantId)).map(toListItem) }, 200);
      if (query.scope === "shared")
        return c.json(
          { items: sortNewest(await listAdvisoriesSharedWith(db, tenantId)).map(toListItem) },
          200,
        );
      try {
        const page = await queryPublicAdvisories(db, query);
        return c.json({ items: page.items.map(toListItem), nextCursor: page.nextCursor }, 200);
      } catch (error) {
        if (error instanceof InvalidCursor)
          throw new AppError("invalid_cursor", "Start again without a cursor.");
        throw error;
      }
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/authored",
      ...apiKeyScopes("advisories:write"),
      tags,
      summary: "Write an advisory about your own components; the portal publishes it as CSAF 2.0",
      security: bearerSecurity,
      middleware: [requireTenantKind("supplier"), requireRole("editor")] as const,
      request: { body: jsonBody(ZAuthoredAdvisoryInput) },
      responses: {
        201: jsonResponse(ZAdvisoryImportResult, "Published as revision 1"),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { importer } = await importerFor(c);
      if (importer.kind !== "supplier") throw new AppError("forbidden", "Only suppliers author advisories.");
      const { db, now } = c.var.deps;
      const result = await authorAdvisory(
        { db, documents: documentStoreOf(c), candidates: catalogCandidates(db), now },
        { supplier: importer.tenant, actor: importer.actor, advisory: c.req.valid("json") },
      ).catch(mapAuthoringErrors);
      return c.json(result, 201, {
        location: `/v1/advisories/${result.advisory.id}`,
        etag: etag(result.advisory.version),
      });
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}/authored",
      ...apiKeyScopes("advisories:write"),
      tags,
      summary: "Publish a new revision of an advisory you wrote here (If-Match required)",
      security: bearerSecurity,
      middleware: [requireTenantKind("supplier"), requireRole("editor")] as const,
      request: { params: ZIdParam, body: jsonBody(ZAuthoredAdvisoryInput) },
      responses: {
        200: jsonResponse(ZAdvisoryImportResult, "The new revision"),
        ...problemResponses(400, 401, 403, 404, 409, 412, 428),
      },
    }),
    async (c) => {
      const version = expectedVersion(c);
      const { importer } = await importerFor(c);
      if (importer.kind !== "supplier") throw new AppError("forbidden", "Only suppliers author advisories.");
      const { db, now } = c.var.deps;
      const previous = await readableAdvisory(db, c.var.auth, c.req.valid("param").id);
      if (!ownsAdvisory(previous, c.var.auth.tenantId)) throw notFound("The advisory");
      if (previous.source !== "authored") {
        throw new AppError(
          "conflict",
          "This advisory was uploaded as a CSAF document; upload its next revision instead.",
        );
      }
      if (previous.version !== version) {
        throw new AppError(
          "precondition_failed",
          "Someone changed this advisory since you read it; reload and retry.",
        );
      }
      const stored = await readDocument(c, previous);
      const result = await authorAdvisory(
        { db, documents: documentStoreOf(c), candidates: catalogCandidates(db), now },
        {
          supplier: importer.tenant,
          actor: importer.actor,
          advisory: c.req.valid("json"),
          previous: { advisory: previous, history: revisionHistoryOf(stored) },
        },
      ).catch(mapAuthoringErrors);
      return c.json(result, 200, { etag: etag(result.advisory.version) });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/settings",
      ...noApiKeys,
      tags,
      summary: "This tenant's advisory settings (strict CSAF import, notification channels), with their ETag",
      security: bearerSecurity,
      responses: { 200: jsonResponse(ZAdvisorySettings, "Settings"), ...problemResponses(401) },
    }),
    async (c) => {
      const { settings, version } = await getVersionedAdvisorySettings(ownTenantDb(c), c.var.auth.tenantId);
      return c.json(settings, 200, { etag: etag(version) });
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/settings",
      ...noApiKeys,
      tags,
      summary: "Change this tenant's advisory settings (admin, If-Match); unknown fields are refused",
      security: bearerSecurity,
      middleware: [requireRole("admin")] as const,
      request: { body: jsonBody(ZAdvisorySettingsInput) },
      responses: {
        200: jsonResponse(ZAdvisorySettings, "Settings"),
        ...problemResponses(400, 401, 403, 412, 428),
      },
    }),
    async (c) => {
      const expected = expectedVersion(c);
      const settings = c.req.valid("json");
      const version = await saveAdvisorySettings(ownTenantDb(c), {
        tenantId: c.var.auth.tenantId,
        settings,
        expectedVersion: expected,
        actor: c.var.auth.actor,
        now: c.var.deps.now(),
        webhookTargets: c.var.deps.webhookTargets ?? { requireHttps: true, resolve: resolveWithDns },
      });
      return c.json(settings, 200, { etag: etag(version) });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/settings/webhook-signing",
      ...noApiKeys,
      tags,
      summary: "Whether this tenant's webhooks are signed, and since when (never the key)",
      security: bearerSecurity,
      responses: { 200: jsonResponse(ZWebhookSigningStatus, "Signing status"), ...problemResponses(401) },
    }),
    async (c) => {
      const current = await getWebhookSecret(ownTenantDb(c), c.var.auth.tenantId);
      return c.json({ configured: current !== undefined, createdAt: current?.createdAt ?? null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/settings/webhook-signing",
      ...noApiKeys,
      ...secretResponse(
        "The key is shown only once: GET /v1/advisories/settings/webhook-signing tells since when webhooks are signed; rotate again for a new key.",
      ),
      tags,
      summary:
        "Create or rotate this tenant's webhook signing key (admin); the key is in this answer only, and a rotated key stops working at once",
      security: bearerSecurity,
      middleware: [requireRole("admin")] as const,
      responses: {
        201: jsonResponse(ZWebhookSigningKey, "The new key, shown once"),
        ...problemResponses(401, 403, 409),
      },
    }),
    async (c) => {
      const created = await rotateWebhookSecret(ownTenantDb(c), {
        tenantId: c.var.auth.tenantId,
        actor: c.var.auth.actor,
        now: c.var.deps.now(),
      }).catch((error: unknown) => {
        if (error instanceof WebhookSecretChanged)
          throw new AppError(
            "conflict",
            "Another admin changed the signing key just now; reload and try again.",
          );
        throw error;
      });
      return c.json({ secret: created.secret, createdAt: created.createdAt }, 201, {
        "cache-control": "no-store",
      });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/impact",
      ...apiKeyScopes("sites:read"),
      tags,
      summary: "What hits me: this asset owner's assets affected by advisories (optionally one site)",
      security: bearerSecurity,
      middleware: [requireTenantKind("asset_owner")] as const,
      request: {
        query: z.object({
          siteId: z
            .string()
            .regex(/^[0-9a-z]{26}$/, "not a site id")
            .optional(),
          includeResolved: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZAdvisoryImpact) }), "Impact items"),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { siteId, includeResolved } = c.req.valid("query");
      const items = (await listImpacts(c.var.deps.db, c.var.auth.tenantId, siteId)).filter(
        (i) => includeResolved || i.state !== "resolved",
      );
      items.sort(
        (a, b) =>
          (b.advisory.cvssMax ?? -1) - (a.advisory.cvssMax ?? -1) ||
          b.advisory.currentReleaseDate.localeCompare(a.advisory.currentReleaseDate),
      );
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/publishing",
      ...apiKeyScopes("advisories:write"),
      tags,
      summary: "The CSAF publisher namespaces and vendor names this supplier may import advisories under",
      description:
        "A supplier imports documents whose `document/publisher/namespace` is one of `namespaces` (its " +
        "portal-assigned namespace, then those the platform operator verified for it) and whose product tree " +
        "names only `vendorNames` (its name and the vendors of its published components).",
      security: bearerSecurity,
      middleware: [requireTenantKind("supplier")] as const,
      responses: {
        200: jsonResponse(ZPublisherRights, "Namespaces and vendor names"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const db = ownTenantDb(c);
      const tenant = await getTenant(db, c.var.auth.tenantId);
      if (!tenant) throw new AppError("unauthenticated", "Your tenant no longer exists.");
      return c.json(await publisherRights(db, tenant), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      ...apiKeyScopes("catalog:read"),
      tags,
      summary: "An advisory: CVEs, CVSS, products, remediations, conformance warnings, matches and my impact",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: jsonResponse(ZAdvisoryDetail, "The advisory"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const detail = await advisoryDetail(c.var.deps.db, c.var.auth, c.req.valid("param").id);
      return c.json(detail, 200, { etag: `"${detail.version}"` });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/document",
      ...apiKeyScopes("catalog:read"),
      tags,
      summary: "The original CSAF document, byte for byte, with its SHA-256 and SHA-512",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: { description: "The CSAF JSON document" }, ...problemResponses(401, 404) },
    }),
    async (c) => {
      const advisory = await readableAdvisory(c.var.deps.db, c.var.auth, c.req.valid("param").id);
      return sendDocument(c, advisory);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/matches/{componentId}/decision",
      ...apiKeyScopes("advisories:write"),
      tags,
      summary:
        "Confirm or reject a product match: the component's supplier decides for everyone, an asset owner for its own impact",
      security: bearerSecurity,
      middleware: [requireRole("editor")] as const,
      request: {
        params: ZIdParam.extend({ componentId: z.string().regex(/^[0-9a-z]{26}$/, "not a component id") }),
        body: jsonBody(ZMatchDecisionInput),
      },
      responses: {
        200: jsonResponse(ZMatchDecision, "The decision, remembered across re-imports"),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const { auth } = c.var;
      const { id, componentId } = c.req.valid("param");
      const input = c.req.valid("json");
      const advisory = await readableAdvisory(db, auth, id);
      const match = await getAdvisoryMatch(db, advisory, componentId);
      if (!match) throw notFound("The match");
      const at = now();
      const decision = ZMatchDecision.parse({
        tenantId: auth.tenantId,
        advisoryId: advisory.id,
        componentId,
        verdict: input.verdict,
        note: input.note,
        decidedBy: auth.actor,
        decidedAt: at.toISOString(),
      });
      const authoritative =
        match.supplierTenantId === auth.tenantId ||
        (auth.platformOperator && advisory.owner.kind === "platform") ||
        ownsAdvisory(advisory, auth.tenantId);
      if (authoritative) {
        const record = {
          verdict: input.verdict,
          tenantId: auth.tenantId,
          by: auth.actor,
          at: at.toISOString(),
        };
        await putAdvisoryMatch(
          db,
          {
            ...match,
            decision: record,
            state: matchStateFor({ ambiguous: match.ambiguous, decision: record }, null),
            updatedAt: at.toISOString(),
          },
          match.updatedAt,
        ).catch((error) => {
          if (error instanceof AdvisoryVersionMismatch) {
            throw new AppError(
              "conflict",
              "The match changed meanwhile (a re-import); reload and decide again.",
            );
          }
          throw error;
        });
      } else {
        const tenant = await getTenant(db, auth.tenantId);
        if (!tenant?.kinds.includes("asset_owner")) {
          throw new AppError(
            "forbidden",
            "Only the component's supplier or an asset owner decides on a match.",
          );
        }
      }
      // Also kept per tenant: the stream applies it to this tenant's impact, and re-imports re-apply it.
      await putMatchDecision(db, decision, auth.actor, at);
      return c.json(decision, 200);
    },
  );

function mapAuthoringErrors(error: unknown): never {
  if (error instanceof AuthoringRefused) {
    throw new AppError("validation_failed", error.message, {
      errors: error.errors.map((e) => ({ ...e, in: "body" as const })),
    });
  }
  return mapImportErrors(error);
}

/** The stored document of the current revision, parsed. */
function readDocument(c: Context<AppEnv>, advisory: TAdvisory): Promise<unknown> {
  return readAdvisoryDocument(documentStoreOf(c), advisory);
}

function sortNewest(items: TAdvisory[]) {
  return items.sort((a, b) => b.currentReleaseDate.localeCompare(a.currentReleaseDate));
}

const SEVERITY_RANK = { none: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;

function filterLocal(items: TAdvisory[], query: z.infer<typeof ZListQuery>): TAdvisory[] {
  const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter(
    (a) =>
      words.every((w) => [a.trackingId, a.title, ...a.cves].join(" ").toLowerCase().includes(w)) &&
      (query.status !== "final" || a.trackingStatus === "final") &&
      (query.status !== "interim" || a.trackingStatus === "interim") &&
      (!query.vendor || a.vendorsNorm.some((v) => v.includes(query.vendor!.toLowerCase()))) &&
      (!query.severity || SEVERITY_RANK[a.severity ?? "none"] >= SEVERITY_RANK[query.severity]) &&
      (!query.from || a.currentReleaseDate >= query.from) &&
      (!query.to || a.currentReleaseDate.slice(0, 10) <= query.to),
  );
}

/** The stored bytes of the current revision, with their digests. */
export async function sendDocument(c: Context<AppEnv>, advisory: TAdvisory): Promise<Response> {
  const [tenantId, evidenceId] = advisory.document.key.split("/");
  const object = tenantId && evidenceId ? await documentStoreOf(c).get({ tenantId, evidenceId }) : undefined;
  if (!object) throw notFound("The document");
  return new Response(object.body, {
    status: 200,
    headers: {
      "content-type": "application/json",
      "content-length": String(advisory.document.size),
      "x-checksum-sha256": advisory.document.sha256,
      "x-checksum-sha512": advisory.document.sha512,
      "cache-control": "private, max-age=60",
    },
  });
}
