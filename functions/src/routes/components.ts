import {
  type TComponent,
  type TRevisionSummary,
  ZCatalogEntry,
  ZComponent,
  ZComponentInput,
  ZComponentPatch,
  ZRevisionSummary,
  ZRevisionView,
  ZSignedClaimExport,
} from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { Db } from "../db/client";
import { requireRole, requireTenantKind } from "../http/auth";
import { createRouter } from "../http/env";
import { AppError, notFound, type TFieldError } from "../http/errors";
import { etag, expectedVersion } from "../http/preconditions";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { getCertification } from "../repos/certifications";
import {
  createComponent,
  getOwnComponent,
  getRevision,
  InvalidTransition,
  listOwnComponents,
  listRevisions,
  type TRevisionItem,
  updateComponentDraft,
  VersionMismatch,
  withdrawComponent,
} from "../repos/components";
import { getEvidence } from "../repos/evidence";
import { getTenant } from "../repos/tenants";
import { getComponent } from "../usecases/get-component";
import { ClaimSetInvalid, publishDraft, SigningUnavailable } from "../usecases/publish-component";
import { exportableRevision, readableRevision } from "../usecases/read-revision";
import { sendEvidence } from "./evidence";

const tags = ["Components"];
const supplierWrite = [requireTenantKind("supplier"), requireRole("editor")] as const;

const ZComponentView = z.union([ZComponent, ZCatalogEntry]);
const ZRevisionParam = ZIdParam.extend({ revision: z.coerce.number().int().min(1).max(999_999) });

async function loadOwn(db: Db, tenantId: string, id: string) {
  const component = await getOwnComponent(db, tenantId, id);
  if (!component) throw notFound("The component");
  return component;
}

export function mapWriteErrors(error: unknown): never {
  if (error instanceof VersionMismatch) {
    throw new AppError(
      "precondition_failed",
      "Someone changed this component since you read it; reload and retry.",
    );
  }
  if (error instanceof InvalidTransition) throw new AppError("conflict", error.message);
  if (error instanceof ClaimSetInvalid) {
    const errors: TFieldError[] = error.issues.map((issue) => ({
      path: `/${issue.path.map(String).join("/")}`,
      message: issue.message,
    }));
    throw new AppError("validation_failed", "The claims are not consistent; fix them before publishing.", {
      errors,
    });
  }
  if (error instanceof SigningUnavailable) {
    console.error(JSON.stringify({ level: "error", msg: error.message }));
    throw new AppError("internal", "Publishing is not available: this deployment has no claim-signing key.");
  }
  throw error;
}

/** Status of a revision: the current one published (or withdrawn with the component), older ones superseded. */
export function revisionSummary(item: TRevisionItem, component: TComponent): TRevisionSummary {
  const latest = component.published?.revision ?? 0;
  const status =
    item.revision < latest ? "superseded" : component.status === "withdrawn" ? "withdrawn" : "published";
  return ZRevisionSummary.parse({ ...item, status });
}

/** A component the caller may read (own, or published and visible to their tenant), else 404. */
async function loadReadable(
  c: { var: { deps: { db: Db }; auth: Parameters<typeof getComponent>[1] } },
  id: string,
) {
  const view = await getComponent(c.var.deps.db, c.var.auth, id);
  return view.kind === "own" ? view.component : view.component;
}

export const componentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      ...apiKeyScopes("components:write"),
      tags,
      summary: "Create a component (draft) with versions and claims",
      security: bearerSecurity,
      middleware: [...supplierWrite],
      request: { body: jsonBody(ZComponentInput) },
      responses: {
        201: jsonResponse(ZComponent, "The new draft"),
        ...problemResponses(400, 401, 403, 413),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const supplier = await getTenant(db, c.var.auth.tenantId);
      if (!supplier) throw new AppError("unauthenticated", "Your tenant no longer exists.");
      const component = await createComponent(db, {
        supplier,
        component: c.req.valid("json"),
        actor: c.var.auth.actor,
        now: now(),
      });
      return c.json(component, 201, {
        etag: etag(component.version),
        location: `/v1/components/${component.id}`,
      });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...apiKeyScopes("components:write"),
      tags,
      summary: "The current supplier's components (drafts, published, withdrawn)",
      security: bearerSecurity,
      middleware: [requireTenantKind("supplier")],
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZComponent) }), "Components"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const items = await listOwnComponents(c.var.deps.db, c.var.auth.tenantId);
      items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      ...apiKeyScopes("catalog:read", "components:write"),
      tags,
      summary: "A component: whole for its supplier, the published claims for others who may see it",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: jsonResponse(ZComponentView, "The component"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const view = await getComponent(
        db,
        c.var.auth,
        c.req.valid("param").id,
        now().toISOString().slice(0, 10),
      );
      if (view.kind === "own") return c.json(view.component, 200, { etag: etag(view.component.version) });
      return c.json(view.entry, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      ...apiKeyScopes("components:write"),
      tags,
      summary: "Edit the draft (If-Match required); published revisions never change",
      description:
        "Before the first publication every field changes at once. Once published, the name, vendor, other " +
        "details and visibility others see stay as published: the edits are answered in `pending` and take " +
        "effect when you publish. Only a tighter restriction (a customer removed, a public component " +
        "restricted) applies at once. See docs/adr/0061.",
      security: bearerSecurity,
      middleware: [...supplierWrite],
      request: { params: ZIdParam, body: jsonBody(ZComponentPatch) },
      responses: {
        200: jsonResponse(ZComponent, "The edited component"),
        ...problemResponses(400, 404, 409, 412, 428),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const version = expectedVersion(c);
      const before = await loadOwn(db, c.var.auth.tenantId, c.req.valid("param").id);
      const after = await updateComponentDraft(db, {
        before,
        patch: c.req.valid("json"),
        expectedVersion: version,
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapWriteErrors);
      return c.json(after, 200, { etag: etag(after.version) });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/publish",
      ...apiKeyScopes("components:write"),
      tags,
      summary:
        "Publish the draft as a new immutable, signed revision (If-Match required); the same content again makes none",
      security: bearerSecurity,
      middleware: [...supplierWrite],
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(
          ZComponent,
          "The published component; header revision-created says whether a revision was made",
        ),
        ...problemResponses(400, 404, 409, 412, 428),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const version = expectedVersion(c);
      const supplier = await getTenant(db, c.var.auth.tenantId);
      if (!supplier) throw new AppError("unauthenticated", "Your tenant no longer exists.");
      const before = await loadOwn(db, supplier.id, c.req.valid("param").id);
      const outcome = await publishDraft(db, c.var.deps.claimSigner, {
        supplier,
        before,
        expectedVersion: version,
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapWriteErrors);
      return c.json(outcome.component, 200, {
        etag: etag(outcome.component.version),
        "revision-created": String(outcome.changed),
      });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/withdraw",
      ...apiKeyScopes("components:write"),
      tags,
      summary:
        "Withdraw a published component: out of the catalog, its claims no longer count (If-Match required)",
      security: bearerSecurity,
      middleware: [...supplierWrite],
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(ZComponent, "The withdrawn component"),
        ...problemResponses(404, 409, 412, 428),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const version = expectedVersion(c);
      const before = await loadOwn(db, c.var.auth.tenantId, c.req.valid("param").id);
      const after = await withdrawComponent(db, {
        before,
        expectedVersion: version,
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapWriteErrors);
      return c.json(after, 200, { etag: etag(after.version) });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/revisions",
      ...apiKeyScopes("catalog:read", "components:write"),
      tags,
      summary: "The published revisions, newest first, with their status (published, superseded, withdrawn)",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZRevisionSummary) }), "Revisions"),
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const component = await loadReadable(c, c.req.valid("param").id);
      const items = await listRevisions(c.var.deps.db, component.supplierTenantId, component.id);
      return c.json(
        {
          items: items
            .map((item) => revisionSummary(readableRevision(item, c.var.auth.tenantId).item, component))
            .sort((a, b) => b.revision - a.revision),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/revisions/{revision}",
      ...apiKeyScopes("catalog:read", "components:write"),
      tags,
      summary: "One published revision with its content, as signed",
      security: bearerSecurity,
      request: { params: ZRevisionParam },
      responses: { 200: jsonResponse(ZRevisionView, "The revision"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const { id, revision } = c.req.valid("param");
      const component = await loadReadable(c, id);
      const item = await getRevision(c.var.deps.db, component.supplierTenantId, component.id, revision);
      if (!item) throw notFound("The revision");
      const readable = readableRevision(item, c.var.auth.tenantId);
      return c.json({ ...revisionSummary(readable.item, component), payload: readable.payload }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/revisions/{revision}/signed",
      ...apiKeyScopes("catalog:read", "components:write"),
      tags,
      summary: "Export a revision as a signed claim (JWS); check it offline with `assure verify`",
      security: bearerSecurity,
      request: { params: ZRevisionParam },
      responses: {
        200: jsonResponse(ZSignedClaimExport, "The signed claim"),
        ...problemResponses(401, 404, 409),
      },
    }),
    async (c) => {
      const { id, revision } = c.req.valid("param");
      const component = await loadReadable(c, id);
      const item = await getRevision(c.var.deps.db, component.supplierTenantId, component.id, revision);
      if (!item) throw notFound("The revision");
      const { payload } = exportableRevision(item, c.var.auth.tenantId);
      const body = ZSignedClaimExport.parse({
        format: "assure-signed-claim/1",
        kid: item.kid,
        jwksUrl: "/.well-known/claims-jwks.json",
        jws: item.jws,
        payload,
      });
      return c.json(body, 200, {
        "content-disposition": `attachment; filename="claim-${component.id}-r${revision}.json"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/certifications/{certificationId}/evidence/{evidenceId}",
      ...apiKeyScopes("catalog:read", "components:write"),
      tags,
      summary: "Download an evidence file of a certification the component's visible claims rest on",
      security: bearerSecurity,
      request: {
        params: ZIdParam.extend({ certificationId: ZIdParam.shape.id, evidenceId: ZIdParam.shape.id }),
      },
      responses: {
        200: { description: "The file" },
        302: { description: "Redirect to a short-lived download URL (AWS)" },
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const { id, certificationId, evidenceId } = c.req.valid("param");
      const view = await getComponent(db, c.var.auth, id);
      const component = view.component;
      // Others may follow only the published claims; the supplier also its draft.
      const claims =
        view.kind === "own"
          ? [...component.draft.claims, ...(component.published?.claims ?? [])]
          : (component.published?.claims ?? []);
      if (!claims.some((claim) => claim.certificationId === certificationId))
        throw notFound("The evidence file");
      const certification = await getCertification(db, component.supplierTenantId, certificationId);
      if (!certification?.evidence.some((file) => file.evidenceId === evidenceId))
        throw notFound("The evidence file");
      return sendEvidence(c, await getEvidence(db, component.supplierTenantId, evidenceId));
    },
  );
