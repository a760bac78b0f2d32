import { type TCertificationInput, ZCertification, ZCertificationInput } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { Db } from "../db/client";
import { requireRole, requireTenantKind } from "../http/auth";
import { createRouter } from "../http/env";
import { AppError, notFound } from "../http/errors";
import { etag, expectedVersion } from "../http/preconditions";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import {
  CertificationVersionMismatch,
  createCertification,
  getCertification,
  listCertifications,
  UnknownEvidence,
  updateCertification,
} from "../repos/certifications";
import { getEvidenceMany } from "../repos/evidence";

const tags = ["Certifications"];
const supplierWrite = [requireTenantKind("supplier"), requireRole("editor")] as const;

export async function evidenceFor(db: Db, tenantId: string, input: TCertificationInput) {
  return getEvidenceMany(db, tenantId, input.evidenceIds ?? []);
}

export function mapCertificationErrors(error: unknown): never {
  if (error instanceof UnknownEvidence) {
    throw new AppError("validation_failed", "An evidence file is unknown or not uploaded yet.", {
      errors: [{ path: `/evidenceIds/${error.index}`, message: "unknown or not uploaded yet", in: "body" }],
    });
  }
  if (error instanceof CertificationVersionMismatch) {
    throw new AppError(
      "precondition_failed",
      "Someone changed this certification since you read it; reload and retry.",
    );
  }
  throw error;
}

/** A supplier's certifications (ISASecure, IECEE CB, TÜV, …) with evidence files; claims reference them. */
export const certificationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      ...apiKeyScopes("components:write"),
      tags,
      summary: "Record a certification with its evidence files",
      security: bearerSecurity,
      middleware: [...supplierWrite],
      request: { body: jsonBody(ZCertificationInput) },
      responses: {
        201: jsonResponse(ZCertification, "The certification"),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const input = c.req.valid("json");
      const certification = await createCertification(db, {
        supplierTenantId: c.var.auth.tenantId,
        certification: input,
        evidence: await evidenceFor(db, c.var.auth.tenantId, input),
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapCertificationErrors);
      return c.json(certification, 201, {
        etag: etag(certification.version),
        location: `/v1/certifications/${certification.id}`,
      });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      ...apiKeyScopes("components:write"),
      tags,
      summary: "The current supplier's certifications",
      security: bearerSecurity,
      middleware: [requireTenantKind("supplier")],
      responses: {
        200: jsonResponse(z.object({ items: z.array(ZCertification) }), "Certifications"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const items = await listCertifications(c.var.deps.db, c.var.auth.tenantId);
      items.sort((a, b) => b.issued.localeCompare(a.issued));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      ...apiKeyScopes("components:write"),
      tags,
      summary: "One of the current supplier's certifications",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: jsonResponse(ZCertification, "The certification"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const certification = await getCertification(
        c.var.deps.db,
        c.var.auth.tenantId,
        c.req.valid("param").id,
      );
      if (!certification) throw notFound("The certification");
      return c.json(certification, 200, { etag: etag(certification.version) });
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}",
      ...apiKeyScopes("components:write"),
      tags,
      summary: "Replace a certification (status, dates, evidence; If-Match required)",
      security: bearerSecurity,
      middleware: [...supplierWrite],
      request: { params: ZIdParam, body: jsonBody(ZCertificationInput) },
      responses: {
        200: jsonResponse(ZCertification, "The certification"),
        ...problemResponses(400, 401, 403, 404, 412, 428),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const version = expectedVersion(c);
      const before = await getCertification(db, c.var.auth.tenantId, c.req.valid("param").id);
      if (!before) throw notFound("The certification");
      const input = c.req.valid("json");
      const after = await updateCertification(db, {
        before,
        certification: input,
        evidence: await evidenceFor(db, c.var.auth.tenantId, input),
        expectedVersion: version,
        actor: c.var.auth.actor,
        now: now(),
      }).catch(mapCertificationErrors);
      return c.json(after, 200, { etag: etag(after.version) });
    },
  );
