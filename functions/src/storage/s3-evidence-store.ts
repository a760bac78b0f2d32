import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import {
  base64ToHex,
  checkEvidence,
  type EvidenceLimits,
  type EvidenceRef,
  type EvidenceStore,
  evidenceObjectKey,
  hexToBase64,
  newEvidenceId,
  sha256Hex,
} from "./evidence-store";

const isMissing = (error: unknown) =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Evidence in S3 (bucket from EVIDENCE_BUCKET). Objects carry a SHA-256 checksum that S3 verifies on upload;
 * presigned PUTs bind content type, length and that checksum, so the browser can only upload what the API
 * announced. Downloads are presigned GETs with a content-disposition naming the file.
 */
export function createS3EvidenceStore(options: {
  bucket: string;
  limits: EvidenceLimits;
  client?: S3Client;
}): EvidenceStore {
  const { bucket, limits } = options;
  // Only the checksums we ask for: a default CRC32 would otherwise be added to presigned uploads.
  const client =
    options.client ??
    new S3Client({
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  const expiresAt = () => new Date(Date.now() + limits.urlTtlSeconds * 1000).toISOString();

  return {
    kind: "s3",
    limits,
    async put(input) {
      const contentType = checkEvidence(limits, input.contentType, input.bytes.byteLength);
      const evidenceId = input.evidenceId ?? newEvidenceId();
      const sha256 = sha256Hex(input.bytes);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: evidenceObjectKey({ tenantId: input.tenantId, evidenceId }),
          Body: input.bytes,
          ContentType: contentType,
          ContentLength: input.bytes.byteLength,
          ChecksumSHA256: hexToBase64(sha256),
        }),
      );
      return { evidenceId, sha256, size: input.bytes.byteLength, contentType };
    },
    async get(ref) {
      try {
        const answer = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: evidenceObjectKey(ref), ChecksumMode: "ENABLED" }),
        );
        if (!answer.Body) return undefined;
        return {
          size: answer.ContentLength ?? 0,
          contentType: answer.ContentType ?? "application/octet-stream",
          sha256: answer.ChecksumSHA256 ? base64ToHex(answer.ChecksumSHA256) : undefined,
          body: answer.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async stat(ref: EvidenceRef) {
      try {
        const answer = await client.send(
          new HeadObjectCommand({ Bucket: bucket, Key: evidenceObjectKey(ref), ChecksumMode: "ENABLED" }),
        );
        return {
          size: answer.ContentLength ?? 0,
          contentType: answer.ContentType ?? "application/octet-stream",
          sha256: answer.ChecksumSHA256 ? base64ToHex(answer.ChecksumSHA256) : undefined,
        };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async presignPut(input) {
      const contentType = checkEvidence(limits, input.contentType, input.size);
      const checksum = hexToBase64(input.sha256);
      const url = await getSignedUrl(
        client,
        new PutObjectCommand({
          Bucket: bucket,
          Key: evidenceObjectKey(input),
          ContentType: contentType,
          ContentLength: input.size,
          ChecksumSHA256: checksum,
        }),
        {
          expiresIn: limits.urlTtlSeconds,
          signableHeaders: new Set(["content-type", "content-length", "x-amz-checksum-sha256"]),
          unhoistableHeaders: new Set(["x-amz-checksum-sha256"]),
        },
      );
      return {
        method: "PUT",
        url,
        headers: { "content-type": contentType, "x-amz-checksum-sha256": checksum },
        expiresAt: expiresAt(),
      };
    },
    async presignGet(input) {
      const name = input.fileName ?? input.evidenceId;
      const fileName = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: evidenceObjectKey(input),
          ResponseContentDisposition: `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        }),
        { expiresIn: limits.urlTtlSeconds },
      );
      return { method: "GET", url, headers: {}, expiresAt: expiresAt() };
    },
  };
}
