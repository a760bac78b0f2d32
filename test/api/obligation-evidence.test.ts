import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createSiteOverApi } from "../builders/site";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

/**
 * Evidence FILES on obligations: uploaded to the evidence store by whoever works on the obligation (the
 * obligee, a write grantee, the owner), attached by evidence id, and downloadable through the obligation by
 * exactly those who may see it; everyone else gets 404.
 */

let t: TestApp;
let owner: TestActor;
let integrator: TestActor;
let supplier: TestActor;
let otherSupplier: TestActor;
let stranger: TestActor;
let sitePath: string;
let supplierObligation: { id: string; version: number };
let integratorObligation: { id: string; version: number };

const report = new TextEncoder().encode(
  "%PDF-1.7\n% 4-1 SUM practice: security update qualification record\n",
);
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function call(actor: TestActor, method: string, path: string, body?: unknown, ifMatch?: number) {
  return t.app.request(path, {
    method,
    headers: actor.headers(ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function upload(
  actor: TestActor,
  bytes: Uint8Array,
  fileName: string,
  contentType = "application/pdf",
) {
  const res = await t.app.request(`/v1/evidence?fileName=${encodeURIComponent(fileName)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${actor.token}`, "content-type": contentType },
    body: Buffer.from(bytes),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; sha256: string };
}

async function obligation(actor: TestActor, id: string) {
  const res = await call(actor, "GET", `${sitePath}/obligations/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    id: string;
    version: number;
    status: string;
    active: boolean;
    evidence: {
      id: string;
      kind: string;
      title: string;
      evidenceId?: string;
      sha256?: string;
      size?: number;
    }[];
  };
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "owner", "Owner Evidence");
  integrator = await t.actor(["integrator"], "owner", "Integrator Evidence");
  supplier = await t.actor(["supplier"], "owner", "Supplier Evidence");
  otherSupplier = await t.actor(["supplier"], "owner", "Other Supplier");
  stranger = await t.actor(["asset_owner"], "owner", "Stranger Owner");
  const plc = await createPublishedComponent(t.db, {
    supplier: supplier.tenant,
    component: buildComponentInput({
      name: "Evidence PLC",
      componentType: "EDR",
      slC: [2, 2, 2, 2, 2, 2, 2],
    }),
  });
  ({ sitePath } = await createSiteOverApi(t, owner, { component: plc, name: "Evidence Plant" }));
  expect(
    (
      await call(owner, "POST", `${sitePath}/grants`, {
        granteeSlug: integrator.tenant.slug,
        access: "write",
      })
    ).status,
  ).toBe(201);
  const current = await (await call(owner, "GET", sitePath)).json();
  expect(
    (await call(owner, "PATCH", sitePath, { integratorTenantId: integrator.tenant.id }, current.version))
      .status,
  ).toBe(200);
  const list = await (await call(owner, "GET", `${sitePath}/obligations?limit=100`)).json();
  const items = list.items as { id: string; version: number; obligeeTenantId?: string; source: string }[];
  const ofSupplier = items.find((o) => o.obligeeTenantId === supplier.tenant.id);
  const ofIntegrator = items.find((o) => o.obligeeTenantId === integrator.tenant.id);
  if (!ofSupplier || !ofIntegrator)
    throw new Error("expected obligations owed by the supplier and integrator");
  supplierObligation = ofSupplier;
  integratorObligation = ofIntegrator;
});

describe("evidence files on obligations", () => {
  it("the obligee attaches a file; it, the owner and the write grantee download the same bytes; others get 404", async () => {
    const file = await upload(supplier, report, "SUM record 2026.pdf");
    const attached = await call(
      supplier,
      "POST",
      `${sitePath}/obligations/${supplierObligation.id}/evidence`,
      { title: "SUM qualification record", evidenceId: file.id },
      supplierObligation.version,
    );
    expect(attached.status).toBe(201);
    const after = await attached.json();
    const entry = after.evidence.at(-1);
    expect(entry).toMatchObject({
      kind: "file",
      title: "SUM qualification record",
      evidenceId: file.id,
      sha256: sha(report),
      size: report.byteLength,
      contentType: "application/pdf",
      addedByTenantId: supplier.tenant.id,
    });
    expect(after.history.at(-1)).toMatchObject({ action: "evidence_added", to: "SUM qualification record" });

    const content = `${sitePath}/obligations/${supplierObligation.id}/evidence/${entry.id}/content`;
    for (const reader of [supplier, owner, integrator]) {
      const res = await call(reader, "GET", content);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-evidence-sha256")).toBe(sha(report));
      expect(res.headers.get("content-disposition")).toContain("SUM%20record%202026.pdf");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(report);
    }
    for (const outsider of [otherSupplier, stranger]) {
      const res = await call(outsider, "GET", content);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    // The file itself stays private to the tenant that uploaded it.
    expect((await call(owner, "GET", `/v1/evidence/${file.id}/content`)).status).toBe(404);

    // A file is evidence enough to mark the obligation met.
    const met = await call(
      supplier,
      "PATCH",
      `${sitePath}/obligations/${supplierObligation.id}`,
      { status: "met" },
      after.version,
    );
    expect(met.status).toBe(200);
    supplierObligation = await met.json();
  });

  it("the supplier cannot download a file on an obligation it does not owe, even on the same site", async () => {
    const file = await upload(integrator, report, "firewall-config.pdf");
    const attached = await call(
      integrator,
      "POST",
      `${sitePath}/obligations/${integratorObligation.id}/evidence`,
      { title: "Firewall configuration", evidenceId: file.id },
      integratorObligation.version,
    );
    expect(attached.status).toBe(201);
    const after = await attached.json();
    integratorObligation = after;
    const entry = after.evidence.at(-1);
    const content = `${sitePath}/obligations/${integratorObligation.id}/evidence/${entry.id}/content`;
    expect((await call(owner, "GET", content)).status).toBe(200);
    expect((await call(integrator, "GET", content)).status).toBe(200);
    expect((await call(supplier, "GET", content)).status).toBe(404);
    expect((await call(stranger, "GET", content)).status).toBe(404);
  });

  it("refuses another tenant's file, a pending upload, a link and a file at once, and links on the content route", async () => {
    const fresh = await obligation(supplier, supplierObligation.id);
    const ownersFile = await upload(owner, report, "owner-only.pdf");
    const foreign = await call(
      supplier,
      "POST",
      `${sitePath}/obligations/${fresh.id}/evidence`,
      { title: "Not mine", evidenceId: ownersFile.id },
      fresh.version,
    );
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).errors).toEqual([expect.objectContaining({ path: "/evidenceId" })]);

    const announced = await call(supplier, "POST", "/v1/evidence/uploads", {
      fileName: "later.pdf",
      contentType: "application/pdf",
      size: report.byteLength,
      sha256: sha(report),
    });
    const pending = (await announced.json()).evidence;
    const notYet = await call(
      supplier,
      "POST",
      `${sitePath}/obligations/${fresh.id}/evidence`,
      { title: "Pending", evidenceId: pending.id },
      fresh.version,
    );
    expect(notYet.status).toBe(400);

    const both = await call(
      supplier,
      "POST",
      `${sitePath}/obligations/${fresh.id}/evidence`,
      { title: "Both", evidenceId: pending.id, url: "https://example.test/x" },
      fresh.version,
    );
    expect(both.status).toBe(400);
    expect((await both.json()).errors).toEqual([expect.objectContaining({ path: "/evidenceId" })]);
    expect((await obligation(supplier, fresh.id)).version).toBe(fresh.version);

    const link = await call(
      supplier,
      "POST",
      `${sitePath}/obligations/${fresh.id}/evidence`,
      { title: "Advisory page", url: "https://example.test/advisories" },
      fresh.version,
    );
    expect(link.status).toBe(201);
    const linkEntry = (await link.json()).evidence.at(-1);
    expect(linkEntry.kind).toBe("link");
    expect(
      (await call(owner, "GET", `${sitePath}/obligations/${fresh.id}/evidence/${linkEntry.id}/content`))
        .status,
    ).toBe(404);
    expect(
      (
        await call(
          owner,
          "GET",
          `${sitePath}/obligations/${fresh.id}/evidence/01aaaaaaaaaaaaaaaaaaaaaaaa/content`,
        )
      ).status,
    ).toBe(404);
  });

  it("revoking the integrator's grant ends its access to files it does not owe; evidence on retired obligations stays", async () => {
    const files = [];
    for (const id of [supplierObligation.id, integratorObligation.id]) {
      const o = await obligation(owner, id);
      const entry = o.evidence.find((e) => e.kind === "file");
      if (!entry) throw new Error("expected a file");
      files.push(`${sitePath}/obligations/${id}/evidence/${entry.id}/content`);
    }
    for (const content of files) expect((await call(integrator, "GET", content)).status).toBe(200);
    const grants = await (await call(owner, "GET", `${sitePath}/grants`)).json();
    const grant = grants.items.find(
      (g: { granteeTenantId: string }) => g.granteeTenantId === integrator.tenant.id,
    );
    const revoke = await call(
      owner,
      "DELETE",
      `${sitePath}/grants/${integrator.tenant.id}`,
      undefined,
      grant.version,
    );
    expect(revoke.status).toBe(200);
    // The grant named the responsible integrator: its obligations now wait for a new one, files included.
    // Not the responsible integrator any more: its baseline obligations are retired but stay readable by it
    // as their obligee (with the file it uploaded itself); the supplier's file is out of its reach.
    const [supplierContent, ownContent] = files as [string, string];
    expect((await call(integrator, "GET", supplierContent)).status).toBe(404);
    expect((await call(integrator, "GET", ownContent)).status).toBe(200);
    for (const content of files) expect((await call(owner, "GET", content)).status).toBe(200);
    const retired = await obligation(owner, integratorObligation.id);
    expect(retired.active).toBe(false);
    const entry = retired.evidence.find((e) => e.kind === "file");
    if (!entry) throw new Error("expected a file");
    // Evidence on a retired obligation is history: nobody removes it.
    const removed = await call(
      owner,
      "DELETE",
      `${sitePath}/obligations/${retired.id}/evidence/${entry.id}`,
      undefined,
      retired.version,
    );
    expect(removed.status).toBe(409);
  });

  it("a removed file is gone for everyone", async () => {
    const before = await obligation(owner, supplierObligation.id);
    const entry = before.evidence.find((e) => e.kind === "file");
    if (!entry) throw new Error("expected a file");
    const content = `${sitePath}/obligations/${before.id}/evidence/${entry.id}/content`;
    const removed = await call(
      supplier,
      "DELETE",
      `${sitePath}/obligations/${before.id}/evidence/${entry.id}`,
      undefined,
      before.version,
    );
    expect(removed.status).toBe(200);
    for (const reader of [owner, supplier]) expect((await call(reader, "GET", content)).status).toBe(404);
  });
});
