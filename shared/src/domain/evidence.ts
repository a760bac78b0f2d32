import { z } from "zod";
import { ZId, ZIsoDateTime } from "./ids";
import { singleLine } from "./text";

export const ZSha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 as 64 lower-case hex digits");

/** A file kept as evidence (certificate, test report, proof for an obligation), with its SHA-256. */
export const ZEvidence = z.object({
  id: ZId,
  tenantId: ZId,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  sha256: ZSha256Hex,
  /** `pending` until the bytes arrived and matched the announced size and SHA-256. */
  state: z.enum(["pending", "stored"]),
  createdBy: z.string(),
  createdAt: ZIsoDateTime,
  storedAt: ZIsoDateTime.optional(),
  version: z.number().int().min(1),
});
export type TEvidence = z.infer<typeof ZEvidence>;

export const ZEvidenceFileName = singleLine("File name")
  .min(1, "name the file")
  .max(200, "file names are limited to 200 characters")
  .refine((name) => !/[/\\]/.test(name), "a file name without slashes");

/** Announce an upload (presigned PUT in AWS, a PUT to the API locally). */
export const ZEvidenceUploadRequest = z.object({
  fileName: ZEvidenceFileName,
  contentType: singleLine("Content type").min(3).max(100),
  size: z.number().int().min(1, "the file is empty"),
  sha256: ZSha256Hex,
});
export type TEvidenceUploadRequest = z.infer<typeof ZEvidenceUploadRequest>;

export const ZEvidenceUploadTarget = z.object({
  /** `s3`: PUT the bytes to `url` with `headers`, then POST …/complete. `api`: PUT them to `url` on the API. */
  target: z.enum(["s3", "api"]),
  method: z.literal("PUT"),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  expiresAt: ZIsoDateTime.optional(),
});

export const ZEvidenceUpload = z.object({ evidence: ZEvidence, upload: ZEvidenceUploadTarget });
export type TEvidenceUpload = z.infer<typeof ZEvidenceUpload>;
