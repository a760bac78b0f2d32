import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let supplier: TestActor;
let other: TestActor;

beforeAll(async () => {
  t = await createTestApp({ evidenceLimits: { maxBytes: 4096 } });
  supplier = await t.actor(["supplier"], "editor");
  other = await t.actor(["asset_owner"], "owner");
});

const pdf = new TextEncoder().encode("%PDF-1.7\n% IECEE CB test certificate DE-62443-0042\n");
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function upload(
  actor: TestActor,
  bytes: Uint8Array,
  contentType = "application/pdf",
  fileName = "cb-cert.pdf",
) {
  return t.app.request(`/v1/evidence?fileName=${encodeURIComponent(fileName)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${actor.token}`, "content-type": contentType },
    body: Buffer.from(bytes),
  });
}

describe("evidence files", () => {
  it("stores an upload with its SHA-256; the tenant downloads the same bytes, another tenant gets 404", async () => {
    const res = await upload(supplier, pdf);
    expect(res.status).toBe(201);
    const evidence = await res.json();
    expect(evidence).toMatchObject({
      fileName: "cb-cert.pdf",
      contentType: "application/pdf",
      size: pdf.byteLength,
      sha256: sha(pdf),
      state: "stored",
    });
    const download = await t.app.request(`/v1/evidence/${evidence.id}/content`, {
      headers: supplier.headers(),
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain('filename="cb-cert.pdf"');
    expect(download.headers.get("x-evidence-sha256")).toBe(sha(pdf));
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);

    for (const path of [`/v1/evidence/${evidence.id}`, `/v1/evidence/${evidence.id}/content`]) {
      const res = await t.app.request(path, { headers: other.headers() });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const audit = await (
      await t.app.request("/v1/tenants/current/audit", { headers: other.headers() })
    ).json();
    expect(audit.items.some((e: { subject: string }) => e.subject === `evidence:${evidence.id}`)).toBe(false);
  });

  it("takes an announced upload through the API when the store has no presigned URLs", async () => {
    const announce = await t.app.request("/v1/evidence/uploads", {
      method: "POST",
      headers: supplier.headers(),
      body: JSON.stringify({
        fileName: "report.pdf",
        contentType: "application/pdf",
        size: pdf.byteLength,
        sha256: sha(pdf),
      }),
    });
    expect(announce.status).toBe(201);
    const { evidence, upload: target } = await announce.json();
    expect(evidence.state).toBe("pending");
    expect(target).toMatchObject({
      target: "api",
      method: "PUT",
      url: `/v1/evidence/${evidence.id}/content`,
    });
    // Pending evidence cannot be downloaded.
    expect(
      (await t.app.request(`/v1/evidence/${evidence.id}/content`, { headers: supplier.headers() })).status,
    ).toBe(404);

    const wrong = new TextEncoder().encode("%PDF-1.7 tampered");
    const mismatch = await t.app.request(target.url, {
      method: "PUT",
      headers: { authorization: `Bearer ${supplier.token}`, "content-type": "application/pdf" },
      body: Buffer.from(wrong),
    });
    expect(mismatch.status).toBe(400);
    const put = await t.app.request(target.url, {
      method: "PUT",
      headers: { authorization: `Bearer ${supplier.token}`, "content-type": "application/pdf" },
      body: Buffer.from(pdf),
    });
    expect(put.status).toBe(200);
    expect((await put.json()).state).toBe("stored");
    const again = await t.app.request(target.url, {
      method: "PUT",
      headers: { authorization: `Bearer ${supplier.token}`, "content-type": "application/pdf" },
      body: Buffer.from(pdf),
    });
    expect(again.status).toBe(409);
    const foreign = await t.app.request(target.url, {
      method: "PUT",
      headers: { authorization: `Bearer ${other.token}`, "content-type": "application/pdf" },
      body: Buffer.from(pdf),
    });
    expect(foreign.status).toBe(404);
  });

  it.each([
    [
      "a type that is not accepted",
      () => upload(supplier, pdf, "application/x-msdownload"),
      415,
      "unsupported_media_type",
    ],
    ["a file over the limit", () => upload(supplier, new Uint8Array(5000)), 413, "payload_too_large"],
    ["an empty file", () => upload(supplier, new Uint8Array(0)), 400, "validation_failed"],
    [
      "a file name with a slash",
      () => upload(supplier, pdf, "application/pdf", "../etc/passwd"),
      400,
      "validation_failed",
    ],
    [
      "an announced file over the limit",
      () =>
        t.app.request("/v1/evidence/uploads", {
          method: "POST",
          headers: supplier.headers(),
          body: JSON.stringify({
            fileName: "big.pdf",
            contentType: "application/pdf",
            size: 10_000,
            sha256: sha(pdf),
          }),
        }),
      413,
      "payload_too_large",
    ],
    [
      "an announcement without a SHA-256",
      () =>
        t.app.request("/v1/evidence/uploads", {
          method: "POST",
          headers: supplier.headers(),
          body: JSON.stringify({
            fileName: "a.pdf",
            contentType: "application/pdf",
            size: 10,
            sha256: "abc",
          }),
        }),
      400,
      "validation_failed",
    ],
  ])("refuses %s", async (_label, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect((await res.json()).code).toBe(code);
  });

  it("downloads a file whose name is not ASCII, naming it in filename*", async () => {
    const name = "Prüfbericht-证书.pdf";
    const evidence = await (await upload(supplier, pdf, "application/pdf", name)).json();
    expect(evidence.fileName).toBe(name);
    const download = await t.app.request(`/v1/evidence/${evidence.id}/content`, {
      headers: supplier.headers(),
    });
    expect(download.status).toBe(200);
    const disposition = download.headers.get("content-disposition") ?? "";
    expect(disposition).toContain('filename="Pr_fbericht-__.pdf"');
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
  });

  it("names the limit in a 413", async () => {
    const res = await upload(supplier, new Uint8Array(5000));
    const body = await res.json();
    expect(body.limit).toEqual({ name: "evidence file size", bytes: 4096 });
  });

  it("forbids viewers from uploading", async () => {
    const viewer = await t.actor(["supplier"], "viewer");
    expect((await upload(viewer, pdf)).status).toBe(403);
  });
});
