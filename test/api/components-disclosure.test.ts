import { ZSignedClaimPayload } from "@assure/shared";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyClaim } from "../../functions/src/cli/commands/verify";
import { keys } from "../../functions/src/db/keys";
import { canonicalJson, contentDigest } from "../../functions/src/signing/canonical-json";
import { buildComponentInput } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

/**
 * What one customer of a restricted (NDA) component can learn about the others: nothing. And what a supplier's
 * edit of a published component changes before it publishes: nothing others see, except a tightened restriction.
 */

let t: TestApp;
let supplier: TestActor;
let customerA: TestActor;
let customerB: TestActor;
let stranger: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  supplier = await t.actor(["supplier"], "editor", "Northwind Automation");
  customerA = await t.actor(["asset_owner"], "viewer", "Rheinwasser Utilities");
  customerB = await t.actor(["asset_owner"], "viewer", "Baltic Grid Energy");
  stranger = await t.actor(["asset_owner"], "viewer", "Danube Water");
});

const call = (actor: TestActor, method: string, path: string, body?: unknown, extra = {}) =>
  t.app.request(path, {
    method,
    headers: actor.headers(extra),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A write with the If-Match of the supplier's current read. */
async function write(method: "PATCH" | "POST", path: string, body?: unknown) {
  const id = path.split("/")[3];
  const current = await call(supplier, "GET", `/v1/components/${id}`);
  const res = await call(supplier, method, path, body, { "if-match": current.headers.get("etag") ?? "" });
  expect(res.status, `${method} ${path}`).toBe(200);
  return res.json();
}
const patch = (id: string, body: unknown) => write("PATCH", `/v1/components/${id}`, body);
const publish = (id: string) => write("POST", `/v1/components/${id}/publish`);

async function createPublished(name: string, visibility: unknown): Promise<string> {
  const res = await call(
    supplier,
    "POST",
    "/v1/components",
    buildComponentInput({ name, visibility } as never),
  );
  expect(res.status).toBe(201);
  const { id } = await res.json();
  await publish(id);
  return id;
}

const restrictedTo = (...actors: TestActor[]) => ({
  kind: "restricted" as const,
  tenantIds: actors.map((a) => a.tenant.id),
});

const decodeJws = (jws: string) =>
  JSON.parse(Buffer.from(jws.split(".")[1] ?? "", "base64url").toString("utf8")) as unknown;

describe("a restricted component names no other customer", () => {
  let componentId: string;
  let advisoryId: string;

  beforeAll(async () => {
    componentId = await createPublished("Disclosure NDA Gateway", restrictedTo(customerA, customerB));
    const advisory = await call(supplier, "POST", "/v1/advisories/authored", {
      title: "Disclosure NDA Gateway: denial of service",
      summary: "A crafted request to the web server stops the device.",
      tlp: "AMBER",
      restrictedTo: [customerA.tenant.id, customerB.tenant.id],
      products: [{ componentId, affectedVersions: "<4.0" }],
      vulnerabilities: [
        {
          cve: "CVE-2026-61001",
          title: "Denial of service",
          description: "A crafted request to the web server stops the device.",
          cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
        },
      ],
    });
    expect(advisory.status).toBe(201);
    advisoryId = (await advisory.json()).advisory.id;
  });

  const paths: [string, () => string, () => string][] = [
    ["catalog list", () => "/v1/catalog/components?q=disclosure+nda", () => componentId],
    ["component detail", () => `/v1/components/${componentId}`, () => componentId],
    ["revision list", () => `/v1/components/${componentId}/revisions`, () => "published"],
    ["revision", () => `/v1/components/${componentId}/revisions/1`, () => componentId],
    ["signed revision", () => `/v1/components/${componentId}/revisions/1/signed`, () => componentId],
    ["advisory detail", () => `/v1/advisories/${advisoryId}`, () => advisoryId],
    ["advisories shared with me", () => "/v1/advisories?scope=shared", () => advisoryId],
    ["advisories by component", () => `/v1/advisories?componentId=${componentId}`, () => advisoryId],
    [
      "advisories of the component",
      () => `/v1/catalog/components/${componentId}/advisories`,
      () => advisoryId,
    ],
  ];

  it.each(paths)("%s: customer A sees its own tenant id only, never customer B's", async (_, path, shown) => {
    const res = await call(customerA, "GET", path());
    expect(res.status).toBe(200);
    const body = await res.json();
    const text = JSON.stringify(body);
    expect(text).toContain(shown());
    expect(text).not.toContain(customerB.tenant.id);
    if (typeof body.jws === "string")
      expect(JSON.stringify(decodeJws(body.jws))).not.toContain(customerB.tenant.id);
  });

  it("shows each customer a restriction naming itself, and the supplier the whole list", async () => {
    const visibilityFor = async (actor: TestActor) =>
      (await (await call(actor, "GET", `/v1/components/${componentId}`)).json()).visibility;
    expect(await visibilityFor(customerA)).toEqual(restrictedTo(customerA));
    expect(await visibilityFor(customerB)).toEqual(restrictedTo(customerB));
    expect(await visibilityFor(supplier)).toEqual(restrictedTo(customerA, customerB));
    const advisoryFor = async (actor: TestActor) =>
      (await (await call(actor, "GET", `/v1/advisories/${advisoryId}`)).json()).visibility;
    expect(await advisoryFor(customerA)).toEqual(restrictedTo(customerA));
    expect(await advisoryFor(supplier)).toEqual(restrictedTo(customerA, customerB));
  });

  it("signs no customer list, nor a digest anyone could confirm a guessed list against; assure verify accepts it", async () => {
    const exported = await (
      await call(customerA, "GET", `/v1/components/${componentId}/revisions/1/signed`)
    ).json();
    const signed = ZSignedClaimPayload.parse(decodeJws(exported.jws));
    expect(JSON.stringify(signed)).not.toContain(customerA.tenant.id);
    expect(signed.component.visibility).toEqual({
      kind: "restricted",
      audienceDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    const { audienceDigest: _, ...unlisted } = signed.component.visibility as Record<string, unknown>;
    const guesses = [
      [customerA, customerB],
      [customerB, customerA],
    ].map((list) =>
      contentDigest({
        ...signed.component,
        visibility: { ...unlisted, tenantIds: list.map((a) => a.tenant.id) },
      }),
    );
    expect(guesses).not.toContain(signed.digest);
    // The supplier holds the salt and can show which list was signed; nobody else gets it.
    const own = await (await call(supplier, "GET", `/v1/components/${componentId}`)).json();
    const ids = [customerA, customerB].map((a) => a.tenant.id).sort();
    expect(contentDigest({ salt: own.audienceSalt, tenantIds: ids })).toBe(
      (signed.component.visibility as { audienceDigest: string }).audienceDigest,
    );
    const entry = await (await call(customerA, "GET", `/v1/components/${componentId}`)).json();
    expect(entry).not.toHaveProperty("audienceSalt");
    const jwks = await (await t.app.request("/.well-known/claims-jwks.json")).json();
    const outcome = await verifyClaim({ jws: exported.jws, payload: exported.payload }, jwks);
    expect(outcome.ok).toBe(true);
  });
});

describe("a revision signed with the customer list in clear (before the audience digest)", () => {
  /** Rewrites revision 1 as older deployments signed it: the list in the payload, and no audience salt. */
  async function makeLegacy(id: string) {
    const stored = await call(supplier, "GET", `/v1/components/${id}/revisions/1`);
    const { payload } = await stored.json();
    const legacy = {
      ...payload,
      component: { ...payload.component, visibility: restrictedTo(customerA, customerB) },
    };
    const legacyJson = canonicalJson(legacy);
    await t.db.doc.send(
      new UpdateCommand({
        TableName: t.db.tableName,
        Key: keys.componentRevision(supplier.tenant.id, id, 1),
        UpdateExpression: "SET payload = :p, jws = :j",
        ExpressionAttributeValues: { ":p": legacyJson, ":j": await t.claimSigner.sign(legacyJson) },
      }),
    );
    await t.db.doc.send(
      new UpdateCommand({
        TableName: t.db.tableName,
        Key: keys.component(supplier.tenant.id, id),
        UpdateExpression: "REMOVE audienceSalt",
      }),
    );
  }

  it("is readable by customers without the list or its digest, exportable by the supplier only, until published again", async () => {
    const id = await createPublished("Legacy NDA Gateway", restrictedTo(customerA, customerB));
    await makeLegacy(id);
    const view = await (await call(customerA, "GET", `/v1/components/${id}/revisions/1`)).json();
    expect(view.payload.component.visibility).toEqual(restrictedTo(customerA));
    expect(view.digest).toBe("");
    expect(view.payload.digest).toBe("");
    const entry = await (await call(customerA, "GET", `/v1/components/${id}`)).json();
    expect(entry.published.digest).toBe("");
    const refused = await call(customerA, "GET", `/v1/components/${id}/revisions/1/signed`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toMatch(/publish the component again/);
    const own = await call(supplier, "GET", `/v1/components/${id}/revisions/1/signed`);
    expect(own.status).toBe(200);
    expect((await own.json()).payload.component.visibility).toEqual(restrictedTo(customerA, customerB));

    // Publishing the same content again signs a revision without the list.
    const republished = await publish(id);
    expect(republished.published.revision).toBe(2);
    const exported = await call(customerA, "GET", `/v1/components/${id}/revisions/2/signed`);
    expect(exported.status).toBe(200);
    expect(JSON.stringify(await exported.json())).not.toContain(customerB.tenant.id);
    const again = await publish(id);
    expect(again.published.revision).toBe(2);
  });
});

describe("editing a published component changes what others see only when it is published", () => {
  const visibleTo = async (actor: TestActor, id: string) =>
    (await call(actor, "GET", `/v1/components/${id}`)).status === 200;

  it.each([
    ["name", { name: "Pending Rename Controller 2" }, "name", "Pending Rename Controller 2"],
    ["vendor", { vendor: "Pending Vendor GmbH" }, "vendor", "Pending Vendor GmbH"],
    [
      "description",
      { description: "Rewritten, not yet published." },
      "description",
      "Rewritten, not yet published.",
    ],
  ] as const)(
    "%s: others read the live value until the supplier publishes",
    async (field, body, key, value) => {
      const id = await createPublished(`Pending ${field} Controller`, { kind: "public" });
      const live = (await (await call(stranger, "GET", `/v1/components/${id}`)).json())[key];
      const edited = await patch(id, body);
      expect(edited[key]).toBe(live);
      expect(edited.pending).toEqual({ [key]: value });
      expect((await (await call(stranger, "GET", `/v1/components/${id}`)).json())[key]).toBe(live);
      const listed = await (await call(stranger, "GET", `/v1/catalog/components?q=pending+${field}`)).json();
      expect(listed.items.map((i: Record<string, unknown>) => i[key])).toEqual([live]);
      const published = await publish(id);
      expect(published[key]).toBe(value);
      expect(published.pending).toBeUndefined();
      expect((await (await call(stranger, "GET", `/v1/components/${id}`)).json())[key]).toBe(value);
    },
  );

  it.each([
    {
      change: "a customer added (loosened): waits for publishing",
      from: () => restrictedTo(customerA),
      to: () => restrictedTo(customerA, customerB),
      beforePublish: { A: true, B: false, stranger: false },
      afterPublish: { A: true, B: true, stranger: false },
    },
    {
      change: "made public (loosened): waits for publishing",
      from: () => restrictedTo(customerA),
      to: () => ({ kind: "public" }),
      beforePublish: { A: true, B: false, stranger: false },
      afterPublish: { A: true, B: true, stranger: true },
    },
    {
      change: "a customer removed (tightened): at once",
      from: () => restrictedTo(customerA, customerB),
      to: () => restrictedTo(customerA),
      beforePublish: { A: true, B: false, stranger: false },
      afterPublish: { A: true, B: false, stranger: false },
    },
    {
      change: "public made restricted (tightened): at once",
      from: () => ({ kind: "public" }),
      to: () => restrictedTo(customerA),
      beforePublish: { A: true, B: false, stranger: false },
      afterPublish: { A: true, B: false, stranger: false },
    },
    {
      change: "one customer swapped for another: the removal at once, the addition on publishing",
      from: () => restrictedTo(customerA),
      to: () => restrictedTo(customerB),
      beforePublish: { A: false, B: false, stranger: false },
      afterPublish: { A: false, B: true, stranger: false },
    },
  ])("visibility, $change", async ({ change, from, to, beforePublish, afterPublish }) => {
    const name = `Visibility ${change.split(" ").slice(0, 3).join(" ")} ${Math.random().toString(36).slice(2, 8)}`;
    const id = await createPublished(name, from());
    const who = async () => ({
      A: await visibleTo(customerA, id),
      B: await visibleTo(customerB, id),
      stranger: await visibleTo(stranger, id),
    });
    const edited = await patch(id, { visibility: to() });
    expect(await who()).toEqual(beforePublish);
    const inCatalog = async () =>
      (
        (await (await call(stranger, "GET", `/v1/catalog/components?q=${encodeURIComponent(name)}`)).json())
          .items as unknown[]
      ).length > 0;
    expect(await inCatalog()).toBe(beforePublish.stranger);
    expect(edited.pending?.visibility ?? edited.visibility).toEqual(to());
    await publish(id);
    expect(await who()).toEqual(afterPublish);
    expect(await inCatalog()).toBe(afterPublish.stranger);
  });
});

describe("a site's evaluation names no component its owner may no longer see", () => {
  it("shows a restricted component instead of the name, vendor and claim once the supplier removed the owner", async () => {
    const plant = await t.actor(["asset_owner"], "owner", "Plant Operator Nord");
    const id = await createPublished("Evaluation Secret RTU", restrictedTo(plant, customerB));
    const site = await (
      await call(plant, "POST", "/v1/sites", { name: "Plant Nord", location: "Essen" })
    ).json();
    const zone = await (
      await call(plant, "POST", `/v1/sites/${site.id}/zones`, { name: "Control", slT: [1, 1, 1, 1, 1, 1, 1] })
    ).json();
    const asset = await call(plant, "POST", `/v1/sites/${site.id}/assets`, {
      name: "RTU-1",
      location: { kind: "zone", zoneId: zone.id },
      supplierTenantId: supplier.tenant.id,
      componentId: id,
      version: "1.0",
      count: 1,
    });
    expect(asset.status).toBe(201);
    const names = async (path: string) => {
      const res = await call(plant, "GET", path);
      expect(res.status, path).toBe(200);
      const body = await res.json();
      const components = (body.document ?? body).components as {
        name: string;
        ref: { componentId: string };
      }[];
      return {
        text: JSON.stringify(body),
        components: components.filter((c) => c.ref.componentId === id),
      };
    };
    const before = await names(`/v1/sites/${site.id}/evaluation`);
    expect(before.components.map((c) => c.name)).toEqual(["Evaluation Secret RTU 1.0"]);

    await patch(id, { visibility: restrictedTo(customerB) });
    for (const path of [`/v1/sites/${site.id}/evaluation`, `/v1/sites/${site.id}/export`]) {
      const after = await names(path);
      expect(
        after.components.map((c) => c.name),
        path,
      ).toEqual(["Restricted component"]);
      expect(after.text, path).not.toMatch(/Evaluation Secret RTU|Northwind/);
    }
  });
});
