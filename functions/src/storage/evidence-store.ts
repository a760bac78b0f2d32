import { createHash } from "node:crypto";
import { ulid } from "ulid";
import { z } from "zod";

/**
 * Evidence files (certificates, test reports, obligation proofs): bytes kept outside DynamoDB, addressed by
 * tenant and evidence id, always with their SHA-256. Two implementations share this interface: a local
 * directory (`npm start`, tests) and S3 (AWS, with presigned PUT/GET so large files bypass Lambda).
 * Metadata (file name, who uploaded it, what it is evidence of) lives in DynamoDB: see repos/evidence.ts.
 */

export interface EvidenceLimits {
  /** Uploads larger than this are refused (413 naming the limit). */
  maxBytes: number;
  /** Media types accepted, e.g. application/pdf. */
  allowedContentTypes: readonly string[];
  /** Lifetime of presigned URLs. */
  urlTtlSeconds: number;
}

export interface StoredEvidence {
  evidenceId: string;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
  contentType: string;
}

export interface EvidenceObject {
  size: number;
  contentType: string;
  sha256?: string | undefined;
  body: ReadableStream<Uint8Array>;
}

export interface EvidenceStat {
  size: number;
  contentType: string;
  /** Known when the store keeps checksums (always locally; in S3 when uploaded with a SHA-256 checksum). */
  sha256?: string | undefined;
}

export interface PresignedRequest {
  method: "PUT" | "GET";
  url: string;
  /** Headers the client must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface EvidenceRef {
  tenantId: string;
  evidenceId: string;
}

export interface EvidenceStore {
  readonly kind: "local" | "s3";
  readonly limits: EvidenceLimits;
  /** Stores bytes under a new evidence id (or `evidenceId` when given), after checking type and size. */
  put(input: {
    tenantId: string;
    bytes: Uint8Array;
    contentType: string;
    evidenceId?: string;
  }): Promise<StoredEvidence>;
  /** The bytes as a stream, or undefined when there is no such object. */
  get(ref: EvidenceRef): Promise<EvidenceObject | undefined>;
  stat(ref: EvidenceRef): Promise<EvidenceStat | undefined>;
  /**
   * A URL the client PUTs the bytes to directly, bound to the announced size, type and SHA-256.
   * Undefined for stores that take uploads through the API only (local).
   */
  presignPut?(
    input: EvidenceRef & { contentType: string; size: number; sha256: string },
  ): Promise<PresignedRequest>;
  /** A short-lived download URL; undefined for stores that stream through the API (local). */
  presignGet?(input: EvidenceRef & { fileName?: string | undefined }): Promise<PresignedRequest>;
}

export class EvidenceTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`evidence files are limited to ${limit} bytes`);
  }
}

export class EvidenceTypeNotAllowed extends Error {
  constructor(
    readonly contentType: string,
    readonly allowed: readonly string[],
  ) {
    super(`${contentType || "(none)"} is not an accepted evidence type; accepted: ${allowed.join(", ")}`);
  }
}

export class EvidenceIntegrityError extends Error {}

export const ZEvidenceId = z.string().regex(/^[0-9a-z]{26}$/, "must be an evidence id");
const ZTenantId = z.string().regex(/^[0-9a-z]{26}$/, "must be a tenant id");

export const DEFAULT_EVIDENCE_CONTENT_TYPES = [
  "application/pdf",
  "application/json",
  "application/xml",
  "text/plain",
  "text/csv",
  "image/png",
  "image/jpeg",
  "application/zip",
] as const;

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = {
  maxBytes: 25 * 1024 * 1024,
  allowedContentTypes: DEFAULT_EVIDENCE_CONTENT_TYPES,
  urlTtlSeconds: 900,
};

export const newEvidenceId = () => ulid().toLowerCase();

/** The media type without parameters, lower case: `Application/PDF; x=y` → `application/pdf`. */
export function baseContentType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Checks type and size against the limits; throws EvidenceTypeNotAllowed / EvidenceTooLarge. */
export function checkEvidence(limits: EvidenceLimits, contentType: string, size: number): string {
  const type = baseContentType(contentType);
  if (!limits.allowedContentTypes.includes(type)) {
    throw new EvidenceTypeNotAllowed(type, limits.allowedContentTypes);
  }
  if (size > limits.maxBytes) throw new EvidenceTooLarge(limits.maxBytes);
  return type;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export const hexToBase64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");
export const base64ToHex = (base64: string) => Buffer.from(base64, "base64").toString("hex");

/** Validated ids only: they become file names and object keys. */
export function checkRef(ref: EvidenceRef): EvidenceRef {
  return { tenantId: ZTenantId.parse(ref.tenantId), evidenceId: ZEvidenceId.parse(ref.evidenceId) };
}

/** Object key of an evidence file: tenant-first, so a bucket policy or prefix check can confine a tenant. */
export const evidenceObjectKey = (ref: EvidenceRef) => {
  const { tenantId, evidenceId } = checkRef(ref);
  return `tenants/${tenantId}/evidence/${evidenceId}`;
};

/** Limits from the environment (the CDK stack sets these; defaults suit local use). */
export function evidenceLimitsFromEnv(env: Record<string, string | undefined>): EvidenceLimits {
  const parsed = z
    .object({
      EVIDENCE_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().optional(),
      EVIDENCE_ALLOWED_CONTENT_TYPES: z.string().optional(),
      EVIDENCE_UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).optional(),
    })
    .parse(env);
  return {
    maxBytes: parsed.EVIDENCE_MAX_UPLOAD_BYTES ?? DEFAULT_EVIDENCE_LIMITS.maxBytes,
    allowedContentTypes: parsed.EVIDENCE_ALLOWED_CONTENT_TYPES
      ? parsed.EVIDENCE_ALLOWED_CONTENT_TYPES.split(",")
          .map((type) => type.trim().toLowerCase())
          .filter(Boolean)
      : DEFAULT_EVIDENCE_LIMITS.allowedContentTypes,
    urlTtlSeconds: parsed.EVIDENCE_UPLOAD_URL_TTL_SECONDS ?? DEFAULT_EVIDENCE_LIMITS.urlTtlSeconds,
  };
}
