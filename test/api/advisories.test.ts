import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { advisoryIdOf } from "../../functions/src/repos/advisories";
import { putImpacts } from "../../functions/src/repos/advisories-impact";
import { createApiKey } from "../../functions/src/repos/api-keys";
import { publisherNamespace } from "../../functions/src/usecases/publisher-namespaces";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { buildCsaf } from "../builders/csaf";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let operator: TestActor & { opHeaders: (extra?: Record<string, string>) => Record<string, string> };
let supplier: TestActor;
let otherSupplier: TestActor;
let owner: TestActor;
let otherOwner: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  const ops = await t.actor([], "owner", "Assure Platform Operations", { platformOperator: true });
  const opToken = ops.token;
  operator = {
    ...ops,
    opHeaders: (extra = {}) => ({
      authorization: `Bearer ${opToken}`,
      "content-type": "application/json",
      ...extra,
    }),
  };
  supplier = await t.actor(["supplier"], "editor", "Acme Controls");
  otherSupplier = await t.actor(["supplier"], "owner", "Bergmann Drives GmbH");
  owner = await t.actor(["asset_owner"], "owner");
  otherOwner = await t.actor(["asset_owner"], "owner");
});

const post = (headers: Record<string, string>, doc: unknown, query = "") =>
  t.app.request(`/v1/advisories${query}`, {
    method: "POST",
    headers,
    body: typeof doc === "string" ? doc : JSON.stringify(doc),
  });
const get = (actor: TestActor, url: string) => t.app.request(url, { headers: actor.headers() });

/** PUT /v1/advisories/settings with the ETag just read (every write is conditional). */
async function putSettings(
  headers: (extra?: Record<string, string>) => Record<string, string>,
  body: unknown,
) {
  const read = await t.app.request("/v1/advisories/settings", { headers: headers() });
  return t.app.request("/v1/advisories/settings", {
    method: "PUT",
    headers: headers({ "if-match": read.headers.get("etag") ?? "" }),
    body: JSON.stringify(body),
  });
}
const idOf = (namespace: string, trackingId: string) => advisoryIdOf(namespace, trackingId);
/** The namespace a supplier imports under without further verification. */
const ownNamespace = (actor: TestActor) => publisherNamespace(actor.tenant.slug);

describe("POST /v1/advisories: import", () => {
  it("imports once; the same revision is unchanged, a newer one supersedes, an older one is ignored", async () => {
    const spec = { trackingId: "ACME-SA-2026-010", namespace: "https://psirt.acme.example" };
    const first = await post(operator.opHeaders(), buildCsaf({ ...spec, revision: 1 }));
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({
      outcome: "created",
      conformanceWarnings: [],
      advisory: {
        id: idOf(spec.namespace, spec.trackingId),
        trackingId: "ACME-SA-2026-010",
        revision: "1",
        owner: { kind: "platform" },
        cves: ["CVE-2026-20001"],
        cvssMax: 7.5,
        severity: "high",
        vendors: ["Acme Controls"],
      },
    });
    expect(first.headers.get("location")).toBe(`/v1/advisories/${created.advisory.id}`);

    const again = await post(operator.opHeaders(), buildCsaf({ ...spec, revision: 1 }));
    expect(again.status).toBe(200);
    expect((await again.json()).outcome).toBe("unchanged");

    const newer = await post(operator.opHeaders(), buildCsaf({ ...spec, revision: 2, fixed: "2.4.2" }));
    expect(newer.status).toBe(200);
    expect(await newer.json()).toMatchObject({ outcome: "updated", advisory: { revision: "2", version: 2 } });

    const older = await post(operator.opHeaders(), buildCsaf({ ...spec, revision: 1 }));
    expect(await older.json()).toMatchObject({ outcome: "older", advisory: { revision: "2" } });

    const detail = await (await get(owner, `/v1/advisories/${created.advisory.id}`)).json();
    expect(detail.revisions.map((r: { revision: string }) => r.revision)).toEqual(["1", "2"]);
    expect(detail.remediations[0]).toMatchObject({
      category: "vendor_fix",
      details: "Update to 2.4.2 or later.",
    });
  });

  it("refuses a changed document under an unchanged revision (409), keeping what is stored", async () => {
    const spec = { trackingId: "ACME-SA-2026-011", namespace: "https://psirt.acme.example" };
    expect((await post(operator.opHeaders(), buildCsaf(spec))).status).toBe(201);
    const changed = await post(
      operator.opHeaders(),
      buildCsaf({ ...spec, title: "A different title, same revision" }),
    );
    expect(changed.status).toBe(409);
    const detail = await (await get(owner, `/v1/advisories/${idOf(spec.namespace, spec.trackingId)}`)).json();
    expect(detail.title).not.toContain("different");
  });

  it("rejects an invalid document whole: every failure with test, path and message; nothing stored", async () => {
    const doc = buildCsaf({ trackingId: "ACME-SA-2026-012" });
    const tracking = (doc.document as { tracking: Record<string, unknown> }).tracking;
    tracking.version = "3"; // 6.1.16: the latest revision history entry says 1
    (doc.document as Record<string, unknown>).unknown_field = true; // strict schema
    const res = await post(operator.opHeaders(), doc);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json();
    expect(problem.code).toBe("validation_failed");
    expect(problem.detail).toContain("nothing was stored");
    const tests = problem.errors.map((e: { test: string }) => e.test);
    expect(tests).toEqual(expect.arrayContaining(["schema", "6.1.16"]));
    for (const error of problem.errors)
      expect(error).toMatchObject({ path: expect.any(String), message: expect.any(String) });
    expect(problem.errors.find((e: { test: string }) => e.test === "schema").message).toContain(
      "unknown_field",
    );
    const stored = await get(
      owner,
      `/v1/advisories/${idOf("https://acme-controls.example", "ACME-SA-2026-012")}`,
    );
    expect(stored.status).toBe(404);
  });

  it("rejects bodies that are not JSON with test `input`", async () => {
    const res = await post(operator.opHeaders(), "{ not json");
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({ test: "input", path: "" });
  });

  it("imports cosmetic-only failures with a visible conformance warning, unless strict (query or tenant setting)", async () => {
    const doc = buildCsaf({ trackingId: "ACME-SA-2026-013", wrongCweName: true });
    const strict = await post(operator.opHeaders(), doc, "?strict=true");
    expect(strict.status).toBe(400);
    expect((await strict.json()).errors.map((e: { test: string }) => e.test)).toEqual(["6.1.11"]);

    const setting = await putSettings(operator.opHeaders, { strictCsafImport: true });
    expect(setting.status).toBe(200);
    expect((await post(operator.opHeaders(), doc)).status).toBe(400);
    await putSettings(operator.opHeaders, { strictCsafImport: false });

    const lenient = await post(operator.opHeaders(), doc);
    expect(lenient.status).toBe(201);
    const body = await lenient.json();
    expect(body.conformanceWarnings).toEqual([
      expect.objectContaining({ test: "6.1.11", path: "/vulnerabilities/0/cwe/name" }),
    ]);
    const detail = await (await get(owner, `/v1/advisories/${body.advisory.id}`)).json();
    expect(detail.conformanceWarnings).toHaveLength(1);
  });

  it("answers 413 naming the CSAF document limit", async () => {
    const doc = buildCsaf({ trackingId: "ACME-SA-2026-014" });
    const padded = JSON.stringify({ ...doc, padding: "x".repeat(4 * 1024 * 1024) });
    const res = await post(operator.opHeaders(), padded);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      code: "payload_too_large",
      limit: { name: "CSAF document size" },
    });
  });

  it("stores the document unchanged and serves it with its SHA-256 and SHA-512", async () => {
    const text = `${JSON.stringify(buildCsaf({ trackingId: "ACME-SA-2026-015" }), null, 3)}\n`;
    const imported = await (await post(operator.opHeaders(), text)).json();
    const res = await get(owner, `/v1/advisories/${imported.advisory.id}/document`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(text);
    const { createHash } = await import("node:crypto");
    expect(res.headers.get("x-checksum-sha256")).toBe(createHash("sha256").update(text).digest("hex"));
    expect(res.headers.get("x-checksum-sha512")).toBe(createHash("sha512").update(text).digest("hex"));
  });
});

describe("who may import", () => {
  it("asset owners may not; suppliers only their own products; the operator anything", async () => {
    const acmeDoc = buildCsaf({
      trackingId: "ACME-SA-2026-020",
      vendor: "Acme Controls",
      namespace: ownNamespace(supplier),
    });
    const byOwner = await post(owner.headers(), acmeDoc);
    expect(byOwner.status).toBe(403);

    const foreign = await post(
      otherSupplier.headers(),
      buildCsaf({
        trackingId: "ACME-SA-2026-020",
        vendor: "Acme Controls",
        namespace: ownNamespace(otherSupplier),
      }),
    );
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).detail).toContain('"Acme Controls"');

    const own = await post(supplier.headers(), acmeDoc);
    expect(own.status).toBe(201);
    expect((await own.json()).advisory.owner).toEqual({ kind: "supplier", tenantId: supplier.tenant.id });

    // The same advisory cannot be imported again by someone else (the platform included).
    const twice = await post(operator.opHeaders(), acmeDoc);
    expect(twice.status).toBe(409);
  });

  it("a viewer may not import; an API key needs advisories:write", async () => {
    const viewer = await t.actor(["supplier"], "viewer", "Viewer Automation");
    expect((await post(viewer.headers(), buildCsaf({ vendor: "Viewer Automation" }))).status).toBe(403);
    const { secret: readOnly } = await createApiKey(t.db, {
      tenantId: supplier.tenant.id,
      name: "ci read",
      scopes: ["catalog:read"],
      role: "editor",
      actor: "test",
      now: new Date(),
    });
    const { secret: writer } = await createApiKey(t.db, {
      tenantId: supplier.tenant.id,
      name: "ci advisories",
      scopes: ["advisories:write"],
      role: "editor",
      actor: "test",
      now: new Date(),
    });
    const doc = buildCsaf({ trackingId: "ACME-SA-2026-021", namespace: ownNamespace(supplier) });
    const headers = (secret: string) => ({
      authorization: `Bearer ${secret}`,
      "content-type": "application/json",
    });
    expect((await post(headers(readOnly), doc)).status).toBe(403);
    expect((await post(headers(writer), doc)).status).toBe(201);
  });
});

describe("restricted advisories (TLP other than WHITE)", () => {
  it("are readable by their supplier only: others get 404 for the advisory and its document, and never list it", async () => {
    const doc = buildCsaf({
      trackingId: "ACME-SA-2026-030",
      tlp: "AMBER",
      namespace: ownNamespace(supplier),
    });
    const res = await post(supplier.headers(), doc);
    expect(res.status).toBe(201);
    const { advisory } = await res.json();
    expect(advisory.visibility).toEqual({ kind: "restricted", tenantIds: [] });
    expect((await get(supplier, `/v1/advisories/${advisory.id}`)).status).toBe(200);
    for (const other of [owner, otherOwner, otherSupplier]) {
      expect((await get(other, `/v1/advisories/${advisory.id}`)).status).toBe(404);
      expect((await get(other, `/v1/advisories/${advisory.id}/document`)).status).toBe(404);
      const listed = await (await get(other, "/v1/advisories?q=ACME-SA-2026-030")).json();
      expect(listed.items).toEqual([]);
    }
    const own = await (await get(supplier, "/v1/advisories?scope=own")).json();
    expect(own.items.map((a: { id: string }) => a.id)).toContain(advisory.id);
  });
});

describe("GET /v1/advisories: list and filters", () => {
  beforeAll(async () => {
    const specs = [
      {
        trackingId: "FILTER-1",
        vendor: "Filterwerk",
        cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        revision: 1,
      },
      {
        trackingId: "FILTER-2",
        vendor: "Filterwerk",
        cvss: "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N",
        revision: 3,
      },
      {
        trackingId: "FILTER-3",
        vendor: "Otherwerk",
        cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
        revision: 5,
      },
    ];
    for (const spec of specs) {
      const res = await post(
        operator.opHeaders(),
        buildCsaf({ ...spec, namespace: "https://filter.example", product: "FW-1" }),
      );
      expect(res.status).toBe(201);
    }
  });
  const ids = async (qs: string) =>
    ((await (await get(owner, `/v1/advisories?${qs}`)).json()).items as { trackingId: string }[]).map(
      (a) => a.trackingId,
    );

  it("filters by text, vendor, minimum severity and release date, newest first", async () => {
    expect(await ids("q=filter")).toEqual(["FILTER-3", "FILTER-2", "FILTER-1"]);
    expect(await ids("q=filter&vendor=filterwerk")).toEqual(["FILTER-2", "FILTER-1"]);
    expect(await ids("q=filter&severity=critical")).toEqual(["FILTER-1"]);
    expect(await ids("q=filter&severity=high")).toEqual(["FILTER-3", "FILTER-1"]);
    // Revision n is released on 2026-02-0n by the builder.
    expect(await ids("q=filter&from=2026-02-02&to=2026-02-04")).toEqual(["FILTER-2"]);
    expect(await ids("q=filter&status=final")).toHaveLength(3);
    expect(await ids("q=filter&status=interim")).toEqual([]);
  });

  it("paginates with a cursor and rejects a forged one", async () => {
    const first = await (await get(owner, "/v1/advisories?q=filter&limit=2")).json();
    expect(first.items).toHaveLength(2);
    const second = await (
      await get(owner, `/v1/advisories?q=filter&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((a: { trackingId: string }) => a.trackingId)).toEqual(["FILTER-1"]);
    const forged = Buffer.from(JSON.stringify({ pk: `T#${owner.tenant.id}`, sk: "IMPACT#" })).toString(
      "base64url",
    );
    expect((await get(owner, `/v1/advisories?cursor=${forged}`)).status).toBe(400);
  });

  it("validates the query", async () => {
    const res = await get(owner, "/v1/advisories?severity=extreme&from=yesterday");
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(["/severity", "/from"]),
    );
  });
});

describe("product matching", () => {
  it("a supplier's advisory matches its NDA component too, shown to the named customer only and never counted publicly", async () => {
    const component = (name: string, modelNumber: string, restrictedTo?: string) =>
      createPublishedComponent(t.db, {
        supplier: otherSupplier.tenant,
        component: buildComponentInput({
          name,
          vendor: "Bergmann Drives GmbH",
          identifiers: { modelNumbers: [modelNumber] },
          visibility: restrictedTo ? { kind: "restricted", tenantIds: [restrictedTo] } : { kind: "public" },
        }),
      });
    const listed = await component("BD-400 Drive", "BD4-STD", undefined);
    const nda = await component("BD-400 Drive Marine", "BD4-MAR", owner.tenant.id);
    const doc = buildCsaf({
      trackingId: "BERGMANN-SA-2026-3",
      vendor: "Bergmann Drives GmbH",
      product: "BD-400 Drive",
      modelNumbers: ["BD4-*"],
      namespace: ownNamespace(otherSupplier),
    });
    const imported = await post(otherSupplier.headers(), doc);
    expect(imported.status).toBe(201);
    const { advisory } = await imported.json();
    // Both are matched (the NDA customer's assets are affected), but the public count names only the listed one.
    expect(advisory.matchedComponents).toBe(1);
    const matchedFor = async (actor: TestActor) =>
      (await (await get(actor, `/v1/advisories/${advisory.id}`)).json()).matches
        .map((m: { componentId: string }) => m.componentId)
        .sort();
    expect(await matchedFor(owner)).toEqual([listed.id, nda.id].sort());
    expect(await matchedFor(otherOwner)).toEqual([listed.id]);
    const listedCount = (await (await get(otherOwner, "/v1/advisories?q=BERGMANN-SA-2026-3")).json())
      .items[0];
    expect(listedCount.matchedComponents).toBe(1);
  });

  it("matches advisory products to catalog components with method and confidence; suppliers confirm ambiguous ones", async () => {
    const exact = await createPublishedComponent(t.db, {
      supplier: otherSupplier.tenant,
      component: buildComponentInput({
        name: "KX-7 Gateway",
        vendor: "Kestrel Systems",
        identifiers: { modelNumbers: [] },
      }),
    });
    const partial = await createPublishedComponent(t.db, {
      supplier: otherSupplier.tenant,
      component: buildComponentInput({ name: "KX-7", vendor: "Kestrel", identifiers: { modelNumbers: [] } }),
    });
    const byModel = await createPublishedComponent(t.db, {
      supplier: otherSupplier.tenant,
      component: buildComponentInput({
        name: "Line coupler",
        vendor: "Someone",
        identifiers: { modelNumbers: ["KX7-GW-01"] },
      }),
    });
    const doc = buildCsaf({
      trackingId: "KESTREL-2026-1",
      vendor: "Kestrel Systems, Inc.",
      product: "KX-7 Gateway",
      modelNumbers: ["KX7-GW-*"],
      namespace: "https://kestrel.example",
    });
    const imported = await (await post(operator.opHeaders(), doc)).json();
    expect(imported.advisory.matchedComponents).toBe(3);
    const detail = await (await get(owner, `/v1/advisories/${imported.advisory.id}`)).json();
    const byId = new Map(detail.matches.map((m: { componentId: string }) => [m.componentId, m]));
    expect(byId.get(byModel.id)).toMatchObject({ method: "model_number", confidence: 0.9, state: "active" });
    expect(byId.get(exact.id)).toMatchObject({ method: "name_version", confidence: 0.8, ambiguous: false });
    const forComponent = await (await get(owner, `/v1/advisories?componentId=${byModel.id}`)).json();
    expect(forComponent.items.map((a: { trackingId: string }) => a.trackingId)).toEqual(["KESTREL-2026-1"]);
    expect(byId.get(partial.id)).toMatchObject({
      method: "name_version",
      confidence: 0.5,
      ambiguous: true,
      state: "review",
    });

    // Only the component's supplier decides for everyone; the decision survives a re-import.
    const decide = (actor: TestActor, verdict: string) =>
      t.app.request(`/v1/advisories/${imported.advisory.id}/matches/${partial.id}/decision`, {
        method: "POST",
        headers: actor.headers(),
        body: JSON.stringify({ verdict }),
      });
    expect((await decide(otherSupplier, "confirmed")).status).toBe(200);
    await post(
      operator.opHeaders(),
      buildCsaf({
        trackingId: "KESTREL-2026-1",
        revision: 2,
        vendor: "Kestrel Systems, Inc.",
        product: "KX-7 Gateway",
        modelNumbers: ["KX7-GW-*"],
        namespace: "https://kestrel.example",
      }),
    );
    const after = await (await get(owner, `/v1/advisories/${imported.advisory.id}`)).json();
    expect(after.revision).toBe("2");
    expect(after.matches.find((m: { componentId: string }) => m.componentId === partial.id)).toMatchObject({
      state: "active",
      decision: { verdict: "confirmed", tenantId: otherSupplier.tenant.id },
    });

    // An asset owner's decision is its own; a supplier that is not the component's may not decide.
    const mine = await decide(owner, "rejected");
    expect(mine.status).toBe(200);
    const seen = await (await get(owner, `/v1/advisories/${imported.advisory.id}`)).json();
    expect(seen.myDecisions).toEqual([
      expect.objectContaining({ componentId: partial.id, verdict: "rejected" }),
    ]);
    const others = await (await get(otherOwner, `/v1/advisories/${imported.advisory.id}`)).json();
    expect(others.myDecisions).toEqual([]);
    expect((await decide(supplier, "rejected")).status).toBe(403);
    const bad = await t.app.request(`/v1/advisories/${imported.advisory.id}/matches/${partial.id}/decision`, {
      method: "POST",
      headers: owner.headers(),
      body: JSON.stringify({ verdict: "maybe" }),
    });
    expect(bad.status).toBe(400);
  });
});

const repoRoot = path.resolve(import.meta.dirname, "../..");
const cisaDir = path.join(
  process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus"),
  "csaf/cisa-ics",
);
const hasCorpus = existsSync(cisaDir);
if (!hasCorpus) console.warn(`skipped: CSAF corpus not found at ${cisaDir}`);

describe.runIf(hasCorpus)("real CISA advisories over HTTP", () => {
  it("imports one of the largest advisories and one with a cosmetic 6.1.11 failure", async () => {
    const big = readFileSync(path.join(cisaDir, "icsa-22-167-14.json"), "utf8");
    const res = await post(operator.opHeaders(), big);
    expect(res.status).toBe(201);
    expect((await res.json()).advisory.trackingId).toBe("ICSA-22-167-14");
    const cosmetic = await post(
      operator.opHeaders(),
      readFileSync(path.join(cisaDir, "icsa-21-259-01.json"), "utf8"),
    );
    expect(cosmetic.status).toBe(201);
    expect((await cosmetic.json()).conformanceWarnings.map((w: { test: string }) => w.test)).toEqual([
      "6.1.11",
    ]);
  });
});

describe("what hits me and settings are per tenant", () => {
  it("lists only the caller's own impact; other kinds of tenant may not ask; status=affecting follows it", async () => {
    const imported = await (
      await post(
        operator.opHeaders(),
        buildCsaf({ trackingId: "IMPACT-API-1", namespace: "https://impact.example" }),
      )
    ).json();
    const impact = (tenantId: string, assetId: string) => ({
      tenantId,
      advisory: {
        id: imported.advisory.id,
        owner: { kind: "platform" as const },
        trackingId: "IMPACT-API-1",
        revision: "1",
        title: imported.advisory.title,
        severity: "high" as const,
        cvssMax: 7.5,
        currentReleaseDate: imported.advisory.currentReleaseDate,
        cves: ["CVE-2026-20001"],
      },
      componentId: "01jcomponent00000000000000",
      componentName: "AC-PLC 300",
      siteId: "01jsite0000000000000000000",
      zoneId: null,
      assetId,
      assetName: `asset of ${tenantId}`,
      assetVersion: "2.3",
      affected: true,
      reason: "2.3 is in <2.4.1",
      state: "open" as const,
      method: "name_version" as const,
      confidence: 0.8,
      obligationIds: [],
      detectedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    await putImpacts(t.db, [impact(owner.tenant.id, "01jasseta00000000000000000")]);
    const mine = await (await get(owner, "/v1/advisories/impact?siteId=01jsite0000000000000000000")).json();
    expect(mine.items.map((i: { assetId: string }) => i.assetId)).toEqual(["01jasseta00000000000000000"]);
    const theirs = await (
      await get(otherOwner, "/v1/advisories/impact?siteId=01jsite0000000000000000000")
    ).json();
    expect(theirs.items).toEqual([]);
    expect((await get(supplier, "/v1/advisories/impact")).status).toBe(403);

    const affecting = await (await get(owner, "/v1/advisories?status=affecting")).json();
    expect(affecting.items.map((a: { trackingId: string }) => a.trackingId)).toEqual(["IMPACT-API-1"]);
    const notMine = await (await get(otherOwner, "/v1/advisories?status=affecting")).json();
    expect(notMine.items).toEqual([]);
    const detail = await (await get(otherOwner, `/v1/advisories/${imported.advisory.id}`)).json();
    expect(detail.myImpacts).toEqual([]);
  });

  it("keeps settings per tenant; only admins change them, with validation", async () => {
    const viewer = await t.actor(["asset_owner"], "viewer");
    const denied = await t.app.request("/v1/advisories/settings", {
      method: "PUT",
      headers: viewer.headers(),
      body: JSON.stringify({ notifyEmails: ["a@b.example"] }),
    });
    expect(denied.status).toBe(403);
    const invalid = await t.app.request("/v1/advisories/settings", {
      method: "PUT",
      headers: owner.headers(),
      body: JSON.stringify({ notifyEmails: ["not an address"], webhookUrl: "ftp://x" }),
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(["/notifyEmails/0", "/webhookUrl"]),
    );
    const saved = await putSettings(owner.headers, {
      notifyEmails: ["ot@owner.example"],
      webhookUrl: "https://hooks.owner.example/a",
    });
    expect(saved.status).toBe(200);
    expect(await (await get(owner, "/v1/advisories/settings")).json()).toMatchObject({
      notifyEmails: ["ot@owner.example"],
    });
    expect(await (await get(otherOwner, "/v1/advisories/settings")).json()).toMatchObject({
      notifyEmails: [],
      webhookUrl: null,
    });
  });
});

describe("webhook targets (no server-side requests to private networks)", () => {
  const put = (actor: TestActor, body: unknown) => putSettings(actor.headers, body);

  it.each([
    ["cloud metadata over http", "http://169.254.169.254/latest/meta-data/", /https/],
    ["cloud metadata", "https://169.254.169.254/latest/meta-data/", /link-local/],
    ["a private address", "https://10.0.0.5/hook", /private/],
    ["a 172.16/12 address", "https://172.20.1.1/hook", /private/],
    ["loopback", "https://127.0.0.1/hook", /loopback/],
    ["loopback written as one number", "https://2130706433/hook", /loopback/],
    ["loopback written in hex", "https://0x7f.1/hook", /loopback/],
    ["localhost", "https://localhost/hook", /loopback|resolve/],
    ["carrier-grade NAT", "https://100.64.0.1/hook", /carrier-grade NAT/],
    ["multicast", "https://224.0.0.1/hook", /multicast/],
    ["this network", "https://0.0.0.0/hook", /this network|reserved/],
    ["broadcast", "https://255.255.255.255/hook", /reserved/],
    ["IPv6 loopback", "https://[::1]/hook", /loopback/],
    ["IPv6 unique-local", "https://[fd00::1]/hook", /unique-local/],
    ["IPv6 link-local", "https://[fe80::1]/hook", /link-local/],
    ["IPv4-mapped metadata", "https://[::ffff:169.254.169.254]/hook", /link-local/],
    ["IPv4-mapped private, hex form", "https://[::ffff:a00:1]/hook", /private/],
    ["NAT64 of a private address", "https://[64:ff9b::a00:1]/hook", /private/],
    ["6to4 of loopback", "https://[2002:7f00:1::]/hook", /loopback/],
    ["a name resolving to metadata", "https://metadata.attacker.example/hook", /link-local/],
    ["a name resolving to a private address", "https://intranet.attacker.example/hook", /private/],
    ["a name with one private address among public ones", "https://mixed.attacker.example/hook", /private/],
    ["a name resolving to IPv6 unique-local", "https://v6-local.attacker.example/hook", /unique-local/],
    ["a name resolving to IPv4-mapped loopback", "https://mapped.attacker.example/hook", /loopback/],
    ["a name that does not resolve", "https://unknown-host.invalid/hook", /resolve/],
    ["a public name over plain http", "http://hooks.owner.example/a", /https/],
    ["credentials in the URL", "https://user:pass@hooks.owner.example/a", /credentials/],
  ])("refuses %s (%s) at /webhookUrl, storing nothing", async (_label, url, reason) => {
    const admin = await t.actor(["asset_owner"], "admin");
    const res = await put(admin, { strictCsafImport: false, notifyEmails: [], webhookUrl: url });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json();
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(["/webhookUrl"]);
    expect(`${problem.detail} ${problem.errors[0].message}`).toMatch(reason);
    expect((await (await get(admin, "/v1/advisories/settings")).json()).webhookUrl).toBeNull();
  });

  it("accepts an https URL whose host resolves only to public addresses", async () => {
    const admin = await t.actor(["asset_owner"], "admin");
    const res = await put(admin, {
      strictCsafImport: false,
      notifyEmails: [],
      webhookUrl: "https://hooks.owner.example/a",
    });
    expect(res.status).toBe(200);
    expect((await (await get(admin, "/v1/advisories/settings")).json()).webhookUrl).toBe(
      "https://hooks.owner.example/a",
    );
  });
});

describe("PUT /v1/advisories/settings is conditional and strict", () => {
  const put = (actor: TestActor, body: unknown, ifMatch?: string) =>
    t.app.request("/v1/advisories/settings", {
      method: "PUT",
      headers: actor.headers(ifMatch ? { "if-match": ifMatch } : {}),
      body: JSON.stringify(body),
    });
  const settings = { strictCsafImport: true, notifyEmails: ["ot@owner.example"], webhookUrl: null };

  it("needs If-Match with the ETag read, answers with the new one, and refuses a stale one", async () => {
    const admin = await t.actor(["asset_owner"], "admin");
    const read = await get(admin, "/v1/advisories/settings");
    const first = read.headers.get("etag");
    expect(first).toMatch(/^"\d+"$/);

    const without = await put(admin, settings);
    expect(without.status).toBe(428);
    expect(without.headers.get("content-type")).toContain("application/problem+json");
    expect((await (await get(admin, "/v1/advisories/settings")).json()).strictCsafImport).toBe(false);

    const saved = await put(admin, settings, first ?? "");
    expect(saved.status).toBe(200);
    const second = saved.headers.get("etag");
    expect(second).toMatch(/^"\d+"$/);
    expect(second).not.toBe(first);
    expect((await get(admin, "/v1/advisories/settings")).headers.get("etag")).toBe(second);

    // Another admin saved in between: the older ETag no longer applies, and nothing is overwritten.
    const stale = await put(admin, { ...settings, strictCsafImport: false }, first ?? "");
    expect(stale.status).toBe(412);
    expect((await (await get(admin, "/v1/advisories/settings")).json()).strictCsafImport).toBe(true);

    const again = await put(admin, { ...settings, notifyEmails: [] }, second ?? "");
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ notifyEmails: [] });
  });

  it.each([
    ["a misspelt field", { ...settings, webhookURL: "https://hooks.owner.example/a" }, ["webhookURL"]],
    ["two unknown fields", { ...settings, notify: true, extra: 1 }, ["notify", "extra"]],
  ])("refuses %s with 400 naming it, changing nothing", async (_label, body, names) => {
    const admin = await t.actor(["asset_owner"], "admin");
    const etag = (await get(admin, "/v1/advisories/settings")).headers.get("etag") ?? "";
    const res = await put(admin, body, etag);
    expect(res.status).toBe(400);
    const problem = await res.json();
    const text = JSON.stringify(problem.errors);
    for (const name of names) expect(text).toContain(name);
    expect((await get(admin, "/v1/advisories/settings")).headers.get("etag")).toBe(etag);
  });
});
