import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { createEvidenceStoreFromEnv } from "./create-evidence-store";
import { EvidenceTooLarge, EvidenceTypeNotAllowed, evidenceLimitsFromEnv, sha256Hex } from "./evidence-store";
import { createLocalEvidenceStore } from "./local-evidence-store";
import { createS3EvidenceStore } from "./s3-evidence-store";

const tenantId = "01jabcdefghjkmnpqrstvwxyz0";
const limits = { maxBytes: 64, allowedContentTypes: ["application/pdf", "text/plain"], urlTtlSeconds: 300 };
const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("local evidence store", () => {
  it("stores bytes with their SHA-256 and streams them back", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "evidence-"));
    const store = createLocalEvidenceStore({ root, limits });
    const bytes = new TextEncoder().encode("certificate IECEE-2026-0042");
    const stored = await store.put({ tenantId, bytes, contentType: "Text/Plain; charset=utf-8" });
    expect(stored).toMatchObject({
      size: bytes.byteLength,
      contentType: "text/plain",
      sha256: sha256Hex(bytes),
    });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    const object = await store.get({ tenantId, evidenceId: stored.evidenceId });
    expect(object?.contentType).toBe("text/plain");
    expect(await text(object!.body)).toBe("certificate IECEE-2026-0042");
    expect(await store.stat({ tenantId, evidenceId: stored.evidenceId })).toEqual({
      size: bytes.byteLength,
      contentType: "text/plain",
      sha256: stored.sha256,
    });
    // No temporary files are left behind.
    expect((await readdir(path.join(root, tenantId))).some((name) => name.endsWith(".part"))).toBe(false);
    expect(store.presignPut).toBeUndefined();
  });

  it("answers undefined for unknown evidence and refuses ids that are not ids", async () => {
    const store = createLocalEvidenceStore({ root: await mkdtemp(path.join(tmpdir(), "evidence-")), limits });
    expect(await store.get({ tenantId, evidenceId: "01jzzzzzzzzzzzzzzzzzzzzzzz" })).toBeUndefined();
    await expect(store.get({ tenantId: "../../etc", evidenceId: "passwd" })).rejects.toThrow();
  });

  it.each([
    ["a type not accepted", "application/x-msdownload", 10, EvidenceTypeNotAllowed],
    ["a file over the limit", "application/pdf", 65, EvidenceTooLarge],
  ])("refuses %s", async (_label, contentType, size, error) => {
    const store = createLocalEvidenceStore({ root: await mkdtemp(path.join(tmpdir(), "evidence-")), limits });
    await expect(store.put({ tenantId, bytes: new Uint8Array(size), contentType })).rejects.toBeInstanceOf(
      error,
    );
  });
});

interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}
interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
}

/** An S3 client whose HTTP layer records requests and answers like S3 would, without a network. */
function recordingS3(answer: (request: HttpRequest) => HttpResponse) {
  const requests: HttpRequest[] = [];
  const client = new S3Client({
    region: "eu-central-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      handle: async (request: HttpRequest) => {
        requests.push(request);
        return { response: answer(request) };
      },
    },
  });
  return { client, requests };
}

describe("S3 evidence store", () => {
  it("puts with a SHA-256 checksum under a tenant-first key", async () => {
    const { client, requests } = recordingS3(() => ({ statusCode: 200, headers: {} }));
    const store = createS3EvidenceStore({ bucket: "evidence-bucket", limits, client });
    const bytes = new TextEncoder().encode("%PDF-1.7 test");
    const stored = await store.put({ tenantId, bytes, contentType: "application/pdf" });
    const request = requests[0]!;
    expect(request.method).toBe("PUT");
    expect(request.path).toBe(`/tenants/${tenantId}/evidence/${stored.evidenceId}`);
    expect(request.headers["x-amz-checksum-sha256"]).toBe(
      Buffer.from(stored.sha256, "hex").toString("base64"),
    );
    expect(request.headers["content-type"]).toBe("application/pdf");
  });

  it("reads size, type and checksum back, and answers undefined for a missing object", async () => {
    const checksum = Buffer.from(sha256Hex(new TextEncoder().encode("x")), "hex").toString("base64");
    const { client } = recordingS3(
      (request): HttpResponse =>
        request.path.endsWith("01jzzzzzzzzzzzzzzzzzzzzzzz")
          ? { statusCode: 404, headers: {} }
          : {
              statusCode: 200,
              headers: {
                "content-length": "1",
                "content-type": "text/plain",
                "x-amz-checksum-sha256": checksum,
              },
            },
    );
    const store = createS3EvidenceStore({ bucket: "evidence-bucket", limits, client });
    expect(await store.stat({ tenantId, evidenceId: "01jaaaaaaaaaaaaaaaaaaaaaaa" })).toEqual({
      size: 1,
      contentType: "text/plain",
      sha256: sha256Hex(new TextEncoder().encode("x")),
    });
    expect(await store.stat({ tenantId, evidenceId: "01jzzzzzzzzzzzzzzzzzzzzzzz" })).toBeUndefined();
  });

  it("presigns a PUT bound to type, length and checksum, and a GET naming the file", async () => {
    const { client } = recordingS3(() => ({ statusCode: 200, headers: {} }));
    const store = createS3EvidenceStore({ bucket: "evidence-bucket", limits, client });
    const sha256 = sha256Hex(new TextEncoder().encode("abc"));
    const put = await store.presignPut!({
      tenantId,
      evidenceId: "01jaaaaaaaaaaaaaaaaaaaaaaa",
      contentType: "application/pdf",
      size: 3,
      sha256,
    });
    const url = new URL(put.url);
    expect(url.pathname).toBe(`/tenants/${tenantId}/evidence/01jaaaaaaaaaaaaaaaaaaaaaaa`);
    const signed = url.searchParams.get("X-Amz-SignedHeaders")?.split(";") ?? [];
    expect(signed).toEqual(
      expect.arrayContaining(["content-length", "content-type", "x-amz-checksum-sha256"]),
    );
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(put.headers["x-amz-checksum-sha256"]).toBe(Buffer.from(sha256, "hex").toString("base64"));
    await expect(
      store.presignPut!({
        tenantId,
        evidenceId: "01jaaaaaaaaaaaaaaaaaaaaaaa",
        contentType: "application/pdf",
        size: 65,
        sha256,
      }),
    ).rejects.toBeInstanceOf(EvidenceTooLarge);
    const get = await store.presignGet!({
      tenantId,
      evidenceId: "01jaaaaaaaaaaaaaaaaaaaaaaa",
      fileName: "cert.pdf",
    });
    expect(new URL(get.url).searchParams.get("response-content-disposition")).toBe(
      "attachment; filename=\"cert.pdf\"; filename*=UTF-8''cert.pdf",
    );
  });
});

describe("configuration", () => {
  it("picks S3 with a bucket, the local directory otherwise, with limits from the environment", () => {
    expect(
      createEvidenceStoreFromEnv({ EVIDENCE_BUCKET: "b", AWS_REGION: "eu-central-1" }, "/tmp/x").kind,
    ).toBe("s3");
    expect(createEvidenceStoreFromEnv({}, "/tmp/x").kind).toBe("local");
    expect(
      evidenceLimitsFromEnv({
        EVIDENCE_MAX_UPLOAD_BYTES: "1000",
        EVIDENCE_ALLOWED_CONTENT_TYPES: "application/pdf, Image/PNG",
        EVIDENCE_UPLOAD_URL_TTL_SECONDS: "60",
      }),
    ).toEqual({ maxBytes: 1000, allowedContentTypes: ["application/pdf", "image/png"], urlTtlSeconds: 60 });
  });
});
