import {
  type TEvidence,
  ZEvidence,
  ZEvidenceFileName,
  ZEvidenceUpload,
  ZEvidenceUploadRequest,
} from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppDeps } from "../deps";
import { requireRole } from "../http/auth";
import { type AppEnv, createRouter } from "../http/env";
import { AppError, notFound } from "../http/errors";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses, ZIdParam } from "../http/schemas";
import { createEvidence, EvidenceVersionMismatch, getEvidence, markEvidenceStored } from "../repos/evidence";
import {
  baseContentType,
  checkEvidence,
  type EvidenceStore,
  EvidenceTooLarge,
  EvidenceTypeNotAllowed,
  newEvidenceId,
} from "../storage/evidence-store";

const tags = ["Evidence"];

const evidenceBodyLimit = createMiddleware<AppEnv>(async (c, next) => {
  const { maxBytes } = evidenceStoreOf(c.var.deps).limits;
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  })(c, next);
});

const tooLarge = (bytes: number) =>
  new AppError("payload_too_large", `Evidence files are limited to ${bytes} bytes.`, {
    limit: { name: "evidence file size", bytes },
  });

export function evidenceStoreOf(deps: AppDeps): EvidenceStore {
  if (!deps.evidence) throw new Error("this API was built without an evidence store");
  return deps.evidence;
}

/** Turns the store's refusals into problem+json (413 naming the limit, 415 naming the accepted types). */
export function mapEvidenceErrors(error: unknown): never {
  if (error instanceof EvidenceTooLarge) throw tooLarge(error.limit);
  if (error instanceof EvidenceTypeNotAllowed) {
    throw new AppError("unsupported_media_type", error.message, { accepted: error.allowed });
  }
  throw error;
}

async function readBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  return new Uint8Array(await c.req.arrayBuffer());
}

/**
 * Answers a download of an evidence file the caller was already found allowed to see: a redirect to a
 * presigned GET in AWS, the bytes streamed from the local store otherwise. Unknown or pending files are 404.
 */
export async function sendEvidence(c: Context<AppEnv>, evidence: TEvidence | undefined): Promise<Response> {
  if (evidence?.state !== "stored") throw notFound("The evidence file");
  const store = evidenceStoreOf(c.var.deps);
  const ref = { tenantId: evidence.tenantId, evidenceId: evidence.id };
  if (store.presignGet) {
    const signed = await store.presignGet({ ...ref, fileName: evidence.fileName });
    return c.redirect(signed.url, 302);
  }
  const object = await store.get(ref);
  if (!object) throw notFound("The evidence file");
  // The plain filename must be ASCII (a header is a byte string); filename* carries the real name.
  const fileName = evidence.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(object.body, {
    status: 200,
    headers: {
      "content-type": evidence.contentType,
      "content-length": String(object.size),
      "content-disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(evidence.fileName)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "x-evidence-sha256": evidence.sha256,
    },
  });
}

async function loadOwn(c: Context<AppEnv>, id: string): Promise<TEvidence> {
  const evidence = await getEvidence(c.var.deps.db, c.var.auth.tenantId, id);
  if (!evidence) throw notFound("The evidence file");
  return evidence;
}

export const evidenceRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      ...apiKeyScopes("components:write", "obligations:write"),
      tags,
      summary: "Upload an evidence file in one request (the body is the file; Content-Type is its type)",
      description:
        "For files up to the evidence limit. Large files in AWS: announce with POST /v1/evidence/uploads and PUT to the presigned URL.",
      security: bearerSecurity,
      middleware: [requireRole("editor"), evidenceBodyLimit],
      request: { query: z.object({ fileName: ZEvidenceFileName }) },
      responses: {
        201: jsonResponse(ZEvidence, "The stored evidence with its SHA-256"),
        ...problemResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const store = evidenceStoreOf(c.var.deps);
      const bytes = await readBytes(c);
      if (bytes.byteLength === 0) throw new AppError("validation_failed", "The file is empty.");
      const stored = await store
        .put({ tenantId: c.var.auth.tenantId, bytes, contentType: c.req.header("content-type") ?? "" })
        .catch(mapEvidenceErrors);
      const at = now();
      const evidence = await createEvidence(
        db,
        {
          id: stored.evidenceId,
          tenantId: c.var.auth.tenantId,
          fileName: c.req.valid("query").fileName,
          contentType: stored.contentType,
          size: stored.size,
          sha256: stored.sha256,
          state: "stored",
          createdBy: c.var.auth.actor,
          createdAt: at.toISOString(),
          storedAt: at.toISOString(),
          version: 1,
        },
        c.var.auth.actor,
        at,
      );
      return c.json(evidence, 201, { location: `/v1/evidence/${evidence.id}` });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/uploads",
      ...apiKeyScopes("components:write", "obligations:write"),
      tags,
      summary: "Announce an upload: where to PUT the bytes (a presigned S3 URL in AWS, the API locally)",
      security: bearerSecurity,
      middleware: [requireRole("editor")],
      request: { body: jsonBody(ZEvidenceUploadRequest) },
      responses: {
        201: jsonResponse(ZEvidenceUpload, "The pending evidence and its upload target"),
        ...problemResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const store = evidenceStoreOf(c.var.deps);
      const request = c.req.valid("json");
      const contentType = (() => {
        try {
          return checkEvidence(store.limits, request.contentType, request.size);
        } catch (error) {
          return mapEvidenceErrors(error);
        }
      })();
      const id = newEvidenceId();
      const tenantId = c.var.auth.tenantId;
      const evidence = await createEvidence(
        db,
        {
          id,
          tenantId,
          fileName: request.fileName,
          contentType,
          size: request.size,
          sha256: request.sha256,
          state: "pending",
          createdBy: c.var.auth.actor,
          createdAt: now().toISOString(),
          version: 1,
        },
        c.var.auth.actor,
        now(),
      );
      const upload = store.presignPut
        ? {
            target: "s3" as const,
            ...(await store.presignPut({
              tenantId,
              evidenceId: id,
              contentType,
              size: request.size,
              sha256: request.sha256,
            })),
            method: "PUT" as const,
          }
        : {
            target: "api" as const,
            method: "PUT" as const,
            url: `/v1/evidence/${id}/content`,
            headers: { "content-type": contentType },
          };
      return c.json({ evidence, upload }, 201, { location: `/v1/evidence/${id}` });
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{id}/content",
      ...apiKeyScopes("components:write", "obligations:write"),
      tags,
      summary: "The bytes of an announced upload; they must match the announced size and SHA-256",
      security: bearerSecurity,
      middleware: [requireRole("editor"), evidenceBodyLimit],
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(ZEvidence, "The stored evidence"),
        ...problemResponses(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const store = evidenceStoreOf(c.var.deps);
      const before = await loadOwn(c, c.req.valid("param").id);
      if (before.state === "stored") throw new AppError("conflict", "This evidence file is already stored.");
      const bytes = await readBytes(c);
      const contentType = baseContentType(c.req.header("content-type") ?? before.contentType);
      if (contentType !== before.contentType) {
        throw new AppError(
          "validation_failed",
          `The upload was announced as ${before.contentType}, not ${contentType}.`,
        );
      }
      const stored = await store
        .put({ tenantId: before.tenantId, evidenceId: before.id, bytes, contentType })
        .catch(mapEvidenceErrors);
      if (stored.size !== before.size || stored.sha256 !== before.sha256) {
        throw new AppError(
          "validation_failed",
          `The bytes do not match the announced file (size ${stored.size} vs ${before.size}, SHA-256 ${stored.sha256} vs ${before.sha256}).`,
        );
      }
      const after = await markEvidenceStored(db, { before, actor: c.var.auth.actor, now: now() }).catch(
        (error) => {
          if (error instanceof EvidenceVersionMismatch)
            throw new AppError("conflict", "This evidence file was completed concurrently.");
          throw error;
        },
      );
      return c.json(after, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/complete",
      ...apiKeyScopes("components:write", "obligations:write"),
      tags,
      summary: "After a presigned upload: check the stored object against the announced size and SHA-256",
      security: bearerSecurity,
      middleware: [requireRole("editor")],
      request: { params: ZIdParam },
      responses: {
        200: jsonResponse(ZEvidence, "The stored evidence"),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const store = evidenceStoreOf(c.var.deps);
      const before = await loadOwn(c, c.req.valid("param").id);
      if (before.state === "stored") return c.json(before, 200);
      const stat = await store.stat({ tenantId: before.tenantId, evidenceId: before.id });
      if (!stat) throw new AppError("conflict", "No bytes have arrived for this upload yet.");
      if (stat.size !== before.size || (stat.sha256 !== undefined && stat.sha256 !== before.sha256)) {
        throw new AppError("conflict", "The uploaded bytes do not match the announced size and SHA-256.");
      }
      const after = await markEvidenceStored(db, { before, actor: c.var.auth.actor, now: now() }).catch(
        (error) => {
          if (error instanceof EvidenceVersionMismatch) return before;
          throw error;
        },
      );
      return c.json(after, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      ...apiKeyScopes("components:write", "obligations:write"),
      tags,
      summary: "An evidence file's record (own tenant)",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: { 200: jsonResponse(ZEvidence, "The evidence"), ...problemResponses(401, 404) },
    }),
    async (c) => c.json(await loadOwn(c, c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/content",
      ...apiKeyScopes("components:write", "obligations:write"),
      tags,
      summary: "Download an evidence file of the own tenant (others download through what it is evidence of)",
      security: bearerSecurity,
      request: { params: ZIdParam },
      responses: {
        200: { description: "The file" },
        302: { description: "Redirect to a short-lived download URL (AWS)" },
        ...problemResponses(401, 404),
      },
    }),
    async (c) => sendEvidence(c, await loadOwn(c, c.req.valid("param").id)),
  );
