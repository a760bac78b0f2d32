import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCsaf } from "../../functions/src/csaf/validate-csaf";
import { parseChangesCsv, parseRolieFeed } from "../../functions/src/jobs/csaf-feed-poll";
import { deliverNotification } from "../../functions/src/repos/notifications";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let supplier: TestActor;
let otherSupplier: TestActor;
let customer: TestActor;
let stranger: TestActor;
let componentId: string;

beforeAll(async () => {
  process.env.CSAF_PROVIDER_BASE_URL = "https://portal.example";
  t = await createTestApp();
  supplier = await t.actor(["supplier"], "editor", "Northwind Automation");
  otherSupplier = await t.actor(["supplier"], "owner", "Helvetia Controls AG");
  customer = await t.actor(["asset_owner"], "viewer");
  stranger = await t.actor(["asset_owner"], "owner");
  componentId = (
    await createPublishedComponent(t.db, {
      supplier: supplier.tenant,
      component: buildComponentInput({
        name: "NW-PLC 5200 Controller",
        identifiers: { modelNumbers: ["NW5200-CPU"] },
      }),
    })
  ).id;
});

const authored = (over: Record<string, unknown> = {}) => ({
  title: "NW-PLC 5200: web server denial of service",
  summary: "A crafted HTTP request stops the web server of the controller until it is restarted.",
  tlp: "WHITE",
  products: [{ componentId, affectedVersions: "<3.1.0", fixedVersion: "3.1.0" }],
  vulnerabilities: [
    {
      cve: "CVE-2026-31001",
      title: "Uncontrolled resource consumption",
      description: "Many parallel requests exhaust the web server's connection pool.",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    },
  ],
  remediations: [
    {
      category: "vendor_fix",
      details: "Update the firmware to 3.1.0.",
      url: "https://northwind.example/fw/3.1.0",
    },
  ],
  ...over,
});

const write = (actor: TestActor, body: unknown) =>
  t.app.request("/v1/advisories/authored", {
    method: "POST",
    headers: actor.headers(),
    body: JSON.stringify(body),
  });
const publicGet = (url: string) => t.app.request(url);

describe("suppliers author advisories; the portal serves them as a CSAF provider", () => {
  let advisoryId = "";
  let documentPath = "";

  it("publishes what a supplier writes as valid CSAF 2.0, matched to its component with confidence 1", async () => {
    const res = await write(supplier, authored());
    expect(res.status).toBe(201);
    const { advisory } = await res.json();
    advisoryId = advisory.id;
    const year = new Date().getUTCFullYear();
    expect(advisory).toMatchObject({
      trackingId: `${supplier.tenant.slug.toUpperCase()}-SA-${year}-001`,
      revision: "1",
      source: "authored",
      owner: { kind: "supplier", tenantId: supplier.tenant.id },
      publisher: { namespace: `https://portal.example/suppliers/${supplier.tenant.slug}` },
      cvssMax: 7.5,
      matchedComponents: 1,
    });
    documentPath = `${advisory.initialReleaseDate.slice(0, 4)}/${advisory.trackingId.toLowerCase()}.json`;
    const doc = await (
      await t.app.request(`/v1/advisories/${advisoryId}/document`, { headers: customer.headers() })
    ).json();
    expect(validateCsaf(doc).errors).toEqual([]);
    const detail = await (
      await t.app.request(`/v1/advisories/${advisoryId}`, { headers: customer.headers() })
    ).json();
    expect(detail.matches).toEqual([
      expect.objectContaining({ componentId, method: "declared", confidence: 1, state: "active" }),
    ]);
    expect(detail.authored).toBeUndefined();
  });

  it("refuses products that are not the supplier's own published components, with the field path", async () => {
    const foreign = await createPublishedComponent(t.db, {
      supplier: otherSupplier.tenant,
      component: buildComponentInput({ name: "HC Firewall" }),
    });
    const res = await write(
      supplier,
      authored({ products: [{ componentId: foreign.id, affectedVersions: "<1.0" }] }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      expect.objectContaining({ path: "/products/0/componentId", message: "not one of your components" }),
    ]);
    const invalid = await write(supplier, authored({ vulnerabilities: [] }));
    expect(invalid.status).toBe(400);
    expect((await write(customer, authored())).status).toBe(403);
  });

  it("serves provider-metadata.json (valid against the OASIS provider schema), the ROLIE feed and the directory", async () => {
    const metadata = await (await publicGet("/.well-known/csaf/provider-metadata.json")).json();
    expect(metadata).toMatchObject({
      canonical_url: "https://portal.example/.well-known/csaf/provider-metadata.json",
      role: "csaf_provider",
      metadata_version: "2.0",
      distributions: [{ directory_url: "https://portal.example/.well-known/csaf/white/" }],
    });
    const schemaDir = path.join(
      process.env.ASSURE_CORPUS ?? path.resolve(import.meta.dirname, "../../../shared/corpus"),
      "csaf/oasis/csaf_2.0/json_schema",
    );
    if (existsSync(schemaDir)) {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      for (const version of ["2.0", "3.0", "3.1"]) {
        const file = path.resolve(
          import.meta.dirname,
          `../../functions/src/csaf/schemas/cvss-v${version}_strict.json`,
        );
        const { $schema: _s, id: _i, $id: _d, ...cvss } = JSON.parse(readFileSync(file, "utf8"));
        ajv.addSchema({ ...cvss, $id: `https://www.first.org/cvss/cvss-v${version}.json` });
      }
      ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, "csaf_json_schema.json"), "utf8")));
      const validate = ajv.compile(
        JSON.parse(readFileSync(path.join(schemaDir, "provider_json_schema.json"), "utf8")),
      );
      expect(validate(metadata), JSON.stringify(validate.errors)).toBe(true);
    } else {
      console.warn(`skipped: OASIS provider schema not found at ${schemaDir}`);
    }

    const index = await (await publicGet("/.well-known/csaf/white/index.txt")).text();
    expect(index.trim().split("\n")).toEqual([documentPath]);
    const changes = await (await publicGet("/.well-known/csaf/white/changes.csv")).text();
    // The feed poller's own parsers read what the provider writes.
    const listed = parseChangesCsv("https://portal.example/.well-known/csaf/white/", changes, "p");
    expect(listed.map((d) => d.documentUrl)).toEqual([
      `https://portal.example/.well-known/csaf/white/${documentPath}`,
    ]);
    const feed = await (await publicGet("/.well-known/csaf/feed-tlp-white.json")).json();
    expect(parseRolieFeed(feed, "p").map((d) => d.documentUrl)).toEqual(listed.map((d) => d.documentUrl));
  });

  it("serves each document with SHA-256 and SHA-512 files that match its bytes", async () => {
    const res = await publicGet(`/.well-known/csaf/white/${documentPath}`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    for (const algorithm of ["sha256", "sha512"] as const) {
      const line = await (await publicGet(`/.well-known/csaf/white/${documentPath}.${algorithm}`)).text();
      expect(line).toBe(
        `${createHash(algorithm).update(bytes).digest("hex")}  ${documentPath.split("/")[1]}\n`,
      );
    }
    expect(validateCsaf(JSON.parse(bytes.toString("utf8"))).valid).toBe(true);
    expect((await publicGet("/.well-known/csaf/white/2026/unknown.json")).status).toBe(404);
    expect((await publicGet("/.well-known/csaf/white/2026/..%2Fsecret.json")).status).toBe(404);
  });

  it("publishes a new revision (If-Match) that supersedes the first; index and feed follow", async () => {
    const missing = await t.app.request(`/v1/advisories/${advisoryId}/authored`, {
      method: "PUT",
      headers: supplier.headers(),
      body: JSON.stringify(authored()),
    });
    expect(missing.status).toBe(428);
    const res = await t.app.request(`/v1/advisories/${advisoryId}/authored`, {
      method: "PUT",
      headers: supplier.headers({ "if-match": '"1"' }),
      body: JSON.stringify(
        authored({
          changeSummary: "Version 3.0.4 is fixed too",
          products: [{ componentId, affectedVersions: "<3.0.4", fixedVersion: "3.0.4" }],
        }),
      ),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "updated", advisory: { revision: "2", version: 2 } });
    const doc = await (await publicGet(`/.well-known/csaf/white/${documentPath}`)).json();
    expect(doc.document.tracking.revision_history.map((r: { number: string }) => r.number)).toEqual([
      "1",
      "2",
    ]);
    expect(validateCsaf(doc).errors).toEqual([]);
    const stale = await t.app.request(`/v1/advisories/${advisoryId}/authored`, {
      method: "PUT",
      headers: supplier.headers({ "if-match": '"1"' }),
      body: JSON.stringify(authored()),
    });
    expect(stale.status).toBe(412);
    const byOther = await t.app.request(`/v1/advisories/${advisoryId}/authored`, {
      method: "PUT",
      headers: otherSupplier.headers({ "if-match": '"2"' }),
      body: JSON.stringify(authored()),
    });
    expect(byOther.status).toBe(404);
  });

  it("keeps restricted (TLP:AMBER) documents out of the provider; only the named tenant reads them", async () => {
    const res = await write(
      supplier,
      authored({ title: "NW-PLC 5200: NDA details", tlp: "AMBER", restrictedTo: [customer.tenant.id] }),
    );
    expect(res.status).toBe(201);
    const { advisory } = await res.json();
    expect(advisory.visibility).toEqual({ kind: "restricted", tenantIds: [customer.tenant.id] });
    const index = await (await publicGet("/.well-known/csaf/white/index.txt")).text();
    expect(index).not.toContain(advisory.trackingId.toLowerCase());
    const feed = await (await publicGet("/.well-known/csaf/feed-tlp-white.json")).text();
    expect(feed).not.toContain(advisory.trackingId);
    const path = `${advisory.initialReleaseDate.slice(0, 4)}/${advisory.trackingId.toLowerCase()}.json`;
    expect((await publicGet(`/.well-known/csaf/white/${path}`)).status).toBe(404);

    const asCustomer = await t.app.request(`/v1/advisories/${advisory.id}/document`, {
      headers: customer.headers(),
    });
    expect(asCustomer.status).toBe(200);
    expect((await asCustomer.json()).document.distribution.tlp.label).toBe("AMBER");
    for (const other of [stranger, otherSupplier]) {
      expect(
        (await t.app.request(`/v1/advisories/${advisory.id}/document`, { headers: other.headers() })).status,
      ).toBe(404);
      expect(
        (await t.app.request(`/v1/advisories/${advisory.id}`, { headers: other.headers() })).status,
      ).toBe(404);
    }
    const shared = await (
      await t.app.request("/v1/advisories?scope=shared", { headers: customer.headers() })
    ).json();
    expect(shared.items.map((a: { id: string }) => a.id)).toEqual([advisory.id]);
    const none = await (
      await t.app.request("/v1/advisories?scope=shared", { headers: stranger.headers() })
    ).json();
    expect(none.items).toEqual([]);
  });
});

describe("inbox", () => {
  it("lists a tenant's own notifications with the unread count; marking read is per tenant", async () => {
    const at = new Date();
    const first = await deliverNotification(t.db, {
      tenantId: customer.tenant.id,
      kind: "advisory_impact",
      title: "X affects 2 of your assets",
      body: "…",
      link: "/advisories/x",
      subject: "advisory:x:rev:1",
      at,
    });
    // Delivering the same subject again is a no-op (stream retries).
    expect(
      await deliverNotification(t.db, {
        tenantId: customer.tenant.id,
        kind: "advisory_impact",
        title: "again",
        body: "…",
        link: "/advisories/x",
        subject: "advisory:x:rev:1",
        at,
      }),
    ).toBeUndefined();
    await deliverNotification(t.db, {
      tenantId: customer.tenant.id,
      kind: "advisory_review",
      title: "Y may affect",
      body: "…",
      link: "/advisories/y",
      subject: "advisory:y:review",
      at: new Date(at.getTime() + 1000),
    });
    const page = await (await t.app.request("/v1/inbox", { headers: customer.headers() })).json();
    expect(page.unread).toBe(2);
    expect(page.items.map((n: { title: string }) => n.title)).toEqual([
      "Y may affect",
      "X affects 2 of your assets",
    ]);

    // Another tenant sees nothing and cannot mark them.
    const theirs = await (await t.app.request("/v1/inbox", { headers: stranger.headers() })).json();
    expect(theirs).toMatchObject({ items: [], unread: 0 });
    const foreignMark = await t.app.request("/v1/inbox/read", {
      method: "POST",
      headers: stranger.headers(),
      body: JSON.stringify({ ids: [first!.id] }),
    });
    expect(foreignMark.status).toBe(404);

    const mark = await t.app.request("/v1/inbox/read", {
      method: "POST",
      headers: customer.headers(),
      body: JSON.stringify({ ids: [first!.id, first!.id] }),
    });
    expect(await mark.json()).toEqual({ marked: 1, unread: 1 });
    const again = await t.app.request("/v1/inbox/read", {
      method: "POST",
      headers: customer.headers(),
      body: JSON.stringify({ ids: [first!.id] }),
    });
    expect(await again.json()).toEqual({ marked: 0, unread: 1 });
    const unreadOnly = await (
      await t.app.request("/v1/inbox?unread=true", { headers: customer.headers() })
    ).json();
    expect(unreadOnly.items.map((n: { kind: string }) => n.kind)).toEqual(["advisory_review"]);
    const all = await t.app.request("/v1/inbox/read-all", { method: "POST", headers: customer.headers() });
    expect(await all.json()).toEqual({ marked: 1, unread: 0 });
    expect(await (await t.app.request("/v1/inbox/unread", { headers: customer.headers() })).json()).toEqual({
      unread: 0,
    });
  });
});
