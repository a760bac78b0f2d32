import { createHash } from "node:crypto";
import { applicableRows, FR_NUMBERS, ZSignedClaimPayload } from "@assure/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../../functions/src/repos/audit";
import { verifySignedClaim } from "../../functions/src/signing/claim-signer";
import { buildComponentInput } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let supplier: TestActor;
let customer: TestActor;
let stranger: TestActor;
let otherSupplier: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  supplier = await t.actor(["supplier"], "editor", "Northwind Automation");
  customer = await t.actor(["asset_owner"], "viewer", "Rheinwasser Utilities");
  stranger = await t.actor(["asset_owner"], "owner", "Baltic Grid Energy");
  otherSupplier = await t.actor(["supplier"], "owner", "Helvetia Controls");
});

const pdf = new TextEncoder().encode("%PDF-1.4\n% CB certificate DE-62443-4-2-2025-0173\n");
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every applicable 4-2 row of the type up to the level met, the rows above not: derived = declared. */
function requirementsAt(componentType: "EDR" | "NDR" | "HDR" | "SAR", slC: number[]) {
  const results: Record<string, boolean | "n/a"> = {};
  for (const fr of FR_NUMBERS)
    for (const row of applicableRows(componentType, fr)) results[row.id] = row.minSl <= (slC[fr - 1] ?? 0);
  return results;
}

const json = (
  actor: TestActor,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
) =>
  t.app.request(path, {
    method,
    headers: actor.headers(extra),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** The tenant's audit trail, read from the table (the actors are editors; the audit route is for admins). */
async function auditOf(actor: TestActor): Promise<{ subject: string; action: string }[]> {
  return listAuditEvents(t.db, actor.tenant.id, 200);
}

async function uploadEvidence(actor: TestActor) {
  const res = await t.app.request("/v1/evidence?fileName=cb-certificate.pdf", {
    method: "POST",
    headers: { authorization: `Bearer ${actor.token}`, "content-type": "application/pdf" },
    body: Buffer.from(pdf),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

async function createCertification(actor: TestActor, overrides: Record<string, unknown> = {}) {
  const evidence = await uploadEvidence(actor);
  const res = await json(actor, "POST", "/v1/certifications", {
    scheme: "IECEE CB Scheme (IEC 62443)",
    body: "TÜV SÜD Product Service GmbH",
    certificateNo: "DE-62443-4-2-2025-0173",
    standardPart: "4-2",
    slC: [3, 3, 3, 2, 3, 2, 3],
    issued: "2025-03-14",
    expires: "2028-03-13",
    evidenceIds: [evidence.id],
    ...overrides,
  });
  expect(res.status).toBe(201);
  return { certification: await res.json(), evidenceId: evidence.id };
}

async function publish(actor: TestActor, id: string) {
  const current = await json(actor, "GET", `/v1/components/${id}`);
  return json(actor, "POST", `/v1/components/${id}/publish`, undefined, {
    "if-match": current.headers.get("etag") ?? "",
  });
}

async function patch(actor: TestActor, id: string, body: unknown) {
  const current = await json(actor, "GET", `/v1/components/${id}`);
  return json(actor, "PATCH", `/v1/components/${id}`, body, {
    "if-match": current.headers.get("etag") ?? "",
  });
}

function plcInput(certificationId: string, overrides: Record<string, unknown> = {}) {
  return buildComponentInput({
    name: "NW-PLC 5200 Controller",
    componentType: "EDR",
    slC: undefined,
    basis: undefined,
    versions: [
      { version: "3.2.4", releaseDate: "2025-04-03" },
      { version: "4.0.1", releaseDate: "2026-02-17", supersedes: "3.2.4" },
    ],
    claims: [
      {
        versionRange: ">= 3.0, < 4.0",
        slC: [2, 2, 2, 1, 2, 1, 2],
        basis: "self_declared",
        securityContext: [],
      },
      {
        versionRange: ">= 4.0",
        slC: [3, 3, 3, 2, 3, 2, 3],
        requirements: requirementsAt("EDR", [3, 3, 3, 2, 3, 2, 3]),
        basis: "certified",
        certificationId,
        securityContext: [
          {
            fr: 5,
            assumption: "Behind an industrial firewall; the PLC does not filter.",
            expectedParty: "integrator",
          },
        ],
        maturity: { SM: 3, SVV: 3 },
      },
    ],
    ...overrides,
  });
}

describe("a supplier publishes versions, a per-requirement claim, a certification with evidence", () => {
  it("publishes revision 1; other tenants read the claims, the certification and download its evidence", async () => {
    const { certification, evidenceId } = await createCertification(supplier);
    const created = await json(supplier, "POST", "/v1/components", plcInput(certification.id));
    expect(created.status).toBe(201);
    const draft = await created.json();
    expect(draft.draft.claims[1].requirements["CR 1.1"]).toBe(true);

    const published = await publish(supplier, draft.id);
    expect(published.status).toBe(200);
    expect(published.headers.get("revision-created")).toBe("true");
    const component = await published.json();
    expect(component.published).toMatchObject({
      revision: 1,
      slC: [3, 3, 3, 2, 3, 2, 3],
      basis: "certified",
    });

    const seen = await (await json(customer, "GET", `/v1/components/${draft.id}`)).json();
    expect(seen.draft).toBeUndefined();
    expect(seen.published.versions.map((v: { version: string }) => v.version)).toEqual(["3.2.4", "4.0.1"]);
    expect(seen.published.claims[1].securityContext[0].expectedParty).toBe("integrator");
    expect(seen.certifications).toHaveLength(1);
    expect(seen.certifications[0]).toMatchObject({
      certificateNo: "DE-62443-4-2-2025-0173",
      evidence: [{ evidenceId, sha256: sha(pdf), fileName: "cb-certificate.pdf" }],
    });

    const download = await t.app.request(
      `/v1/components/${draft.id}/certifications/${certification.id}/evidence/${evidenceId}`,
      { headers: customer.headers() },
    );
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    // The certification and the evidence themselves stay private to the supplier.
    expect((await json(customer, "GET", `/v1/certifications/${certification.id}`)).status).toBe(404);
    expect((await json(customer, "GET", `/v1/evidence/${evidenceId}/content`)).status).toBe(404);
    // A certification id not behind this component's claims is not a way in.
    const unrelated = await createCertification(supplier, { certificateNo: "OTHER-1" });
    const sideways = await t.app.request(
      `/v1/components/${draft.id}/certifications/${unrelated.certification.id}/evidence/${unrelated.evidenceId}`,
      { headers: customer.headers() },
    );
    expect(sideways.status).toBe(404);
  });

  it("refuses to publish a declared level above what the requirement results support, changing nothing", async () => {
    const requirements = requirementsAt("EDR", [2, 2, 2, 2, 2, 2, 2]);
    requirements["CR 1.1 RE(1)"] = false;
    const created = await (
      await json(
        supplier,
        "POST",
        "/v1/components",
        buildComponentInput({
          name: "Inconsistent RTU",
          slC: undefined,
          claims: [{ versionRange: "*", slC: [2, 2, 2, 2, 2, 2, 2], requirements, securityContext: [] }],
        }),
      )
    ).json();
    const res = await publish(supplier, created.id);
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ path: "/claims/0/slC/0", message: expect.stringContaining("CR 1.1 RE(1)") }),
    );
    const after = await (await json(supplier, "GET", `/v1/components/${created.id}`)).json();
    expect(after.status).toBe("draft");
    expect(after.version).toBe(1);
  });

  it.each([
    [
      "a certified claim without its certification",
      { basis: "certified" as const },
      "/claims/0/certificationId",
    ],
    ["an unknown requirement id", { requirements: { "CR 99.1": true } }, "/claims/0/requirements"],
    [
      "a requirement of another component type",
      { requirements: { "NDR 1.6": true } },
      "/claims/0/requirements",
    ],
    [
      "a certification of another supplier",
      { certificationId: "01jzzzzzzzzzzzzzzzzzzzzzzz" },
      "/claims/0/certificationId",
    ],
  ])("refuses to publish %s", async (_label, claim, path) => {
    const created = await (
      await json(
        supplier,
        "POST",
        "/v1/components",
        buildComponentInput({
          name: "Refused RTU",
          slC: undefined,
          claims: [{ versionRange: "*", slC: [0, 0, 0, 0, 0, 0, 0], securityContext: [], ...claim }],
        }),
      )
    ).json();
    const res = await publish(supplier, created.id);
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe("revisions", () => {
  it("publishing the same content twice makes no new revision; an edit makes revision 2, revision 1 stays", async () => {
    const created = await (
      await json(
        supplier,
        "POST",
        "/v1/components",
        buildComponentInput({ name: "Revised Historian", componentType: "SAR" }),
      )
    ).json();
    expect((await publish(supplier, created.id)).headers.get("revision-created")).toBe("true");
    const again = await publish(supplier, created.id);
    expect(again.status).toBe(200);
    expect(again.headers.get("revision-created")).toBe("false");
    expect((await again.json()).published.revision).toBe(1);

    expect((await patch(supplier, created.id, { slC: [3, 3, 3, 3, 3, 3, 3] })).status).toBe(200);
    // Until republished, others still see revision 1.
    const before = await (await json(customer, "GET", `/v1/components/${created.id}`)).json();
    expect(before.published.slC).toEqual([2, 2, 2, 1, 2, 1, 2]);
    expect((await publish(supplier, created.id)).headers.get("revision-created")).toBe("true");

    const revisions = await (await json(customer, "GET", `/v1/components/${created.id}/revisions`)).json();
    expect(revisions.items.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [2, "published"],
      [1, "superseded"],
    ]);
    const first = await (await json(customer, "GET", `/v1/components/${created.id}/revisions/1`)).json();
    expect(first.payload.component.claims[0].slC).toEqual([2, 2, 2, 1, 2, 1, 2]);
    const second = await (await json(customer, "GET", `/v1/components/${created.id}/revisions/2`)).json();
    expect(second.payload.component.claims[0].slC).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect((await json(customer, "GET", `/v1/components/${created.id}/revisions/3`)).status).toBe(404);

    const audit = { items: await auditOf(supplier) };
    const actions = audit.items
      .filter((e: { subject: string }) => e.subject === `component:${created.id}`)
      .map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === "component.publish")).toHaveLength(2);
    expect(actions).toContain("component.update");
  });

  it("exports a signed revision that verifies against the published JWKS, and detects tampering", async () => {
    const created = await (
      await json(
        supplier,
        "POST",
        "/v1/components",
        buildComponentInput({ name: "Signed Switch", componentType: "NDR" }),
      )
    ).json();
    await publish(supplier, created.id);
    const exported = await (
      await json(customer, "GET", `/v1/components/${created.id}/revisions/1/signed`)
    ).json();
    const jwks = await (await t.app.request("/.well-known/claims-jwks.json")).json();
    expect(jwks.keys[0].d).toBeUndefined();
    const result = await verifySignedClaim(exported.jws, jwks);
    expect(result.ok).toBe(true);
    const payload = ZSignedClaimPayload.parse(result.ok ? result.payload : undefined);
    expect(payload).toMatchObject({
      componentId: created.id,
      revision: 1,
      supplier: { name: "Northwind Automation" },
    });

    const [header, body, signature] = exported.jws.split(".");
    const forged = JSON.parse(Buffer.from(body, "base64url").toString());
    forged.component.claims[0].slC = [4, 4, 4, 4, 4, 4, 4];
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    expect((await verifySignedClaim(tampered, jwks)).ok).toBe(false);
    const otherKeys = await createTestApp();
    expect((await verifySignedClaim(exported.jws, otherKeys.claimSigner.jwks())).ok).toBe(false);
  });

  it("withdraws: out of the catalog, still readable marked withdrawn, and no longer editable", async () => {
    const created = await (
      await json(supplier, "POST", "/v1/components", buildComponentInput({ name: "Withdrawn Gateway ZX" }))
    ).json();
    await publish(supplier, created.id);
    const current = await json(supplier, "GET", `/v1/components/${created.id}`);
    const withdrawn = await json(supplier, "POST", `/v1/components/${created.id}/withdraw`, undefined, {
      "if-match": current.headers.get("etag") ?? "",
    });
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).status).toBe("withdrawn");
    const catalog = await (await json(customer, "GET", "/v1/catalog/components?q=zx")).json();
    expect(catalog.items).toEqual([]);
    const seen = await (await json(customer, "GET", `/v1/components/${created.id}`)).json();
    expect(seen.status).toBe("withdrawn");
    const revisions = await (await json(customer, "GET", `/v1/components/${created.id}/revisions`)).json();
    expect(revisions.items[0].status).toBe("withdrawn");
    expect((await patch(supplier, created.id, { name: "Back again" })).status).toBe(409);
  });
});

describe("restricted claims", () => {
  it("are visible to the named customer only, everywhere; renaming the customer moves the access", async () => {
    const { certification, evidenceId } = await createCertification(supplier, {
      certificateNo: "NDA-CERT-7",
    });
    const created = await (
      await json(
        supplier,
        "POST",
        "/v1/components",
        plcInput(certification.id, {
          name: "NDA Safety Gateway",
          visibility: { kind: "restricted", tenantIds: [customer.tenant.id] },
        }),
      )
    ).json();
    await publish(supplier, created.id);
    const paths = [
      `/v1/components/${created.id}`,
      `/v1/components/${created.id}/revisions`,
      `/v1/components/${created.id}/revisions/1`,
      `/v1/components/${created.id}/revisions/1/signed`,
      `/v1/components/${created.id}/certifications/${certification.id}/evidence/${evidenceId}`,
    ];
    for (const path of paths) {
      expect((await json(customer, "GET", path)).status, path).toBe(200);
      expect((await json(stranger, "GET", path)).status, path).toBe(404);
      expect((await json(otherSupplier, "GET", path)).status, path).toBe(404);
    }
    const list = async (actor: TestActor) =>
      (
        (await (await json(actor, "GET", "/v1/catalog/components?q=nda+safety")).json()).items as {
          id: string;
        }[]
      ).map((i) => i.id);
    expect(await list(customer)).toEqual([created.id]);
    expect(await list(stranger)).toEqual([]);

    expect(
      (
        await patch(supplier, created.id, {
          visibility: { kind: "restricted", tenantIds: [stranger.tenant.id] },
        })
      ).status,
    ).toBe(200);
    await publish(supplier, created.id);
    expect((await json(customer, "GET", `/v1/components/${created.id}`)).status).toBe(404);
    expect(await list(customer)).toEqual([]);
    expect((await json(stranger, "GET", `/v1/components/${created.id}`)).status).toBe(200);
    expect(await list(stranger)).toEqual([created.id]);
  });

  it("finds a customer tenant by exact slug for the picker, with minimal information", async () => {
    const res = await json(supplier, "GET", `/v1/tenant-directory?slug=${customer.tenant.slug}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: customer.tenant.id,
      slug: customer.tenant.slug,
      name: "Rheinwasser Utilities",
      kinds: ["asset_owner"],
    });
    expect((await json(supplier, "GET", "/v1/tenant-directory?slug=no-such-tenant")).status).toBe(404);
    expect((await json(supplier, "GET", "/v1/tenant-directory?slug=Bad Slug")).status).toBe(400);
    expect((await json(customer, "GET", `/v1/tenant-directory?slug=${supplier.tenant.slug}`)).status).toBe(
      403,
    );
    const byId = await json(
      supplier,
      "GET",
      `/v1/tenant-directory/by-id?ids=${customer.tenant.id},${stranger.tenant.id}`,
    );
    expect(byId.status).toBe(200);
    expect(((await byId.json()).items as { name: string }[]).map((t) => t.name).sort()).toEqual([
      "Baltic Grid Energy",
      "Rheinwasser Utilities",
    ]);
    expect((await json(supplier, "GET", "/v1/tenant-directory/by-id?ids=not-an-id")).status).toBe(400);
    expect((await json(customer, "GET", `/v1/tenant-directory/by-id?ids=${supplier.tenant.id}`)).status).toBe(
      403,
    );
  });
});

describe("certifications", () => {
  it("are private to the supplier, guarded by If-Match, and audited", async () => {
    const { certification } = await createCertification(supplier, { certificateNo: "GUARD-1" });
    for (const other of [otherSupplier, customer]) {
      expect((await json(other, "GET", `/v1/certifications/${certification.id}`)).status).toBe(404);
    }
    const body = {
      scheme: certification.scheme,
      body: certification.body,
      certificateNo: certification.certificateNo,
      standardPart: "4-2",
      issued: certification.issued,
      expires: certification.expires,
      status: "revoked",
      evidenceIds: [],
    };
    expect(
      (
        await json(otherSupplier, "PUT", `/v1/certifications/${certification.id}`, body, {
          "if-match": '"1"',
        })
      ).status,
    ).toBe(404);
    expect((await json(supplier, "PUT", `/v1/certifications/${certification.id}`, body)).status).toBe(428);
    const revoked = await json(supplier, "PUT", `/v1/certifications/${certification.id}`, body, {
      "if-match": '"1"',
    });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).status).toBe("revoked");
    expect(
      (await json(supplier, "PUT", `/v1/certifications/${certification.id}`, body, { "if-match": '"1"' }))
        .status,
    ).toBe(412);
    const audit = { items: await auditOf(supplier) };
    expect(
      audit.items
        .filter((e: { subject: string }) => e.subject === `certification:${certification.id}`)
        .map((e: { action: string }) => e.action),
    ).toEqual(expect.arrayContaining(["certification.create", "certification.revoked"]));
    const own = await (await json(supplier, "GET", "/v1/certifications")).json();
    expect(own.items.some((c: { id: string }) => c.id === certification.id)).toBe(true);
    expect((await json(customer, "GET", "/v1/certifications")).status).toBe(403);
  });

  it.each([
    ["an expiry before the issue date", { issued: "2026-01-01", expires: "2025-01-01" }, "/expires"],
    ["a maturity level on a 4-2 certificate", { ml: 3 }, "/ml"],
    ["SL-C on a 4-1 certificate", { standardPart: "4-1" }, "/slC"],
    ["an unknown standard part", { standardPart: "2-4" }, "/standardPart"],
    [
      "an evidence id that is not uploaded",
      { evidenceIds: ["01jzzzzzzzzzzzzzzzzzzzzzzz"] },
      "/evidenceIds/0",
    ],
  ])("refuses %s", async (_label, override, path) => {
    const res = await json(supplier, "POST", "/v1/certifications", {
      scheme: "ISASecure CSA",
      body: "exida",
      certificateNo: "X-1",
      standardPart: "4-2",
      slC: [1, 1, 1, 1, 1, 1, 1],
      issued: "2025-01-01",
      ...override,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe("component input validation", () => {
  it.each([
    [
      "a version range that says nothing",
      { claims: [{ versionRange: "the good ones", slC: [1, 1, 1, 1, 1, 1, 1] }] },
      "/claims/0/versionRange",
    ],
    ["a version listed twice", { versions: [{ version: "1.0" }, { version: "1.0" }] }, "/versions/1/version"],
    [
      "a supersedes naming no listed version",
      { versions: [{ version: "2.0", supersedes: "1.0" }] },
      "/versions/0/supersedes",
    ],
    [
      "end of support before release",
      { versions: [{ version: "2.0", releaseDate: "2026-01-01", endOfSupport: "2025-01-01" }] },
      "/versions/0/endOfSupport",
    ],
    [
      "a security context without an expected party",
      {
        claims: [
          {
            versionRange: "*",
            slC: [1, 1, 1, 1, 1, 1, 1],
            securityContext: [{ fr: 5, assumption: "firewall" }],
          },
        ],
      },
      "/claims/0/securityContext/0/expectedParty",
    ],
    [
      "a maturity level of 5",
      { claims: [{ versionRange: "*", slC: [1, 1, 1, 1, 1, 1, 1], maturity: { SM: 5 } }] },
      "/claims/0/maturity/SM",
    ],
    [
      "a requirement result that is not a result",
      { claims: [{ versionRange: "*", slC: [1, 1, 1, 1, 1, 1, 1], requirements: { "CR 1.1": "yes" } }] },
      "/claims/0/requirements/CR 1.1",
    ],
    ["neither claims nor slC", { slC: undefined }, "/claims"],
  ])("rejects %s", async (_label, override, path) => {
    const res = await json(supplier, "POST", "/v1/components", { ...buildComponentInput(), ...override });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe("cross-tenant writes answer 404", () => {
  it.each(["publish", "withdraw"])("%s of another supplier's component", async (action) => {
    const created = await (
      await json(supplier, "POST", "/v1/components", buildComponentInput({ name: `Foreign ${action}` }))
    ).json();
    const res = await json(otherSupplier, "POST", `/v1/components/${created.id}/${action}`, undefined, {
      "if-match": '"1"',
    });
    expect(res.status).toBe(404);
  });
  it("revisions of a draft are not found by others", async () => {
    const created = await (
      await json(supplier, "POST", "/v1/components", buildComponentInput({ name: "Hidden draft" }))
    ).json();
    expect((await json(customer, "GET", `/v1/components/${created.id}/revisions`)).status).toBe(404);
    expect((await json(supplier, "GET", `/v1/components/${created.id}/revisions`)).status).toBe(200);
  });
});

describe("verified suppliers in the catalog", () => {
  it("marks a verified supplier's entries and filters on it; unverifying shows at once", async () => {
    const verifiedSupplier = await t.actor(["supplier"], "owner", "Verified Valves GmbH");
    const operator = await t.actor([], "owner", "Platform Ops", { platformOperator: true });
    const operatorToken = operator.token;
    const asOperator = (method: string, path: string, body: unknown) =>
      t.app.request(path, {
        method,
        headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (const [actor, name] of [
      [verifiedSupplier, "Verifytest Valve Controller"],
      [otherSupplier, "Verifytest Pump Controller"],
    ] as const) {
      const created = await (
        await json(actor, "POST", "/v1/components", buildComponentInput({ name }))
      ).json();
      await publish(actor, created.id);
    }
    const names = async (query: string) =>
      (
        (await (await json(customer, "GET", `/v1/catalog/components?q=verifytest${query}`)).json()).items as {
          name: string;
          supplier: { verified: boolean };
        }[]
      ).map((i) => `${i.name}:${i.supplier.verified}`);
    expect(await names("")).toEqual([
      "Verifytest Pump Controller:false",
      "Verifytest Valve Controller:false",
    ]);
    const verify = await asOperator(
      "PUT",
      `/v1/tenants/${verifiedSupplier.tenant.id}/supplier-verification`,
      {
        verified: true,
        method: "DNS TXT record on verified-valves.example",
      },
    );
    expect(verify.status).toBe(200);
    expect(await names("&verifiedOnly=true")).toEqual(["Verifytest Valve Controller:true"]);
    expect(await names("")).toContain("Verifytest Pump Controller:false");
    await asOperator("PUT", `/v1/tenants/${verifiedSupplier.tenant.id}/supplier-verification`, {
      verified: false,
      method: "domain lapsed",
    });
    expect(await names("&verifiedOnly=true")).toEqual([]);
    // Only the operator verifies.
    const self = await json(
      verifiedSupplier,
      "PUT",
      `/v1/tenants/${verifiedSupplier.tenant.id}/supplier-verification`,
      {
        verified: true,
        method: "trust me",
      },
    );
    expect(self.status).toBe(403);
  });
});
