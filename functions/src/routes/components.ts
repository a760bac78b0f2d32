import { ZCatalogEntry, ZComponent, ZComponentInput, ZComponentPatch } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { requireRole, requireScope, requireTenantKind } from "../http/auth";
import { createRouter } from "../http/env";
import { AppError, notFound } from "../http/errors";
import { etag, expectedVersion } from "../http/preconditions";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import {
  createComponent,
  getOwnComponent,
  InvalidTransition,
  listOwnComponents,
  publishComponent,
  updateComponentDraft,
  VersionMismatch,
} from "../repos/components";
import { getTenant } from "../repos/tenants";
import { getComponent } from "../usecases/get-component";

const tags = ["Components"];
const supplierWrite = [
  requireTenantKind("supplier"),
  requireRole("editor"),
  requireScope("components:write"),
] as const;

const ZComponentView = z.union([ZComponent, ZCatalogEntry]);

async function loadOwn(db: Parameters<typeof getOwnComponent>[0], tenantId: string, id: string) {
  const component = await getOwnComponent(db, tenantId, id);
  if (!component) throw notFound("The component");
  return component;
}

function mapWriteErrors(error: unknown): never {
  if (error instanceof VersionMismatch) {
    throw new AppError(
      "precondition_failed",
      "Someone changed this component since you read it; reload and retry.",
    );
  }
  if (error instanceof InvalidTransition) throw new AppError("conflict", error.message);
  throw error;
}

export const componentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Create a component (draft) with its SL-C claim",
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
      tags,
      summary: "A component: whole for its supplier, the published claim for others who may see it",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: jsonResponse(ZComponentView, "The component"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const view = await getComponent(c.var.deps.db, c.var.auth, c.req.valid("param").id);
      if (view.kind === "own") return c.json(view.component, 200, { etag: etag(view.component.version) });
      return c.json(view.entry, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      summary: "Edit the draft (If-Match required)",
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
      tags,
      summary: "Publish the draft claim as a new immutable revision (If-Match required)",
      security: bearerSecurity,
      middleware: [...supplierWrite],
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(ZComponent, "The published component"),
        ...problemResponses(404, 409, 412, 428),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const version = expectedVersion(c);
      const before = await loadOwn(db, c.var.auth.tenantId, c.req.valid("param").id);
      const after = await publishComponent(db, {
        before,
        expectedVersion: version,
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapWriteErrors);
      return c.json(after, 200, { etag: etag(after.version) });
    },
  );
