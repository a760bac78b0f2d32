import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createComponent } from "../../functions/src/repos/components";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { buildCsaf } from "../builders/csaf";
import { createTestApp, type TestActor, type TestApp } from "../support/app";
import { guardLeadingKeys, type LeadingKeysLog } from "../support/leading-keys-guard";

// Who may publish under which CSAF publisher namespace, and whose file the portal's CSAF provider serves.

const BASE = "https://portal.example";
let t: TestApp;
let operator: Record<string, string>;
let acme: TestActor;
let bergmann: TestActor;
let kestrel: TestActor;
const log: LeadingKeysLog = { partitionKeys: [], refused: [] };

const portalNamespace = (actor: TestActor) => `${BASE}/suppliers/${actor.tenant.slug}`;

beforeAll(async () => {
  process.env.CSAF_PROVIDER_BASE_URL = BASE;
  t = await createTestApp({ tenantDb: (db) => (tenantId) => guardLeadingKeys(db, tenantId, log) });
  // The API reads the operator flag from the stored user, never from the token.
  const ops = await t.actor([], "owner", "Assure Platform Operations", { platformOperator: true });
  operator = ops.headers();
  acme = await t.actor(["supplier"], "editor", "Acme Controls");
  bergmann = await t.actor(["supplier"], "owner", "Bergmann Drives GmbH");
  kestrel = await t.actor(["supplier"], "owner", "Kestrel Systems");
  // Acme's only other vendor name is a draft: it must not count as Acme's.
  await createComponent(t.db, {
    supplier: acme.tenant,
    component: buildComponentInput({ name: "S7-1500 clone", vendor: "Siemens" }),
    actor: "test",
    now: new Date(),
  });
});

const importAs = (headers: Record<string, string>, doc: unknown) =>
  t.app.request("/v1/advisories", { method: "POST", headers, body: JSON.stringify(doc) });
const verify = (actor: TestActor, body: Record<string, unknown>) =>
  t.app.request(`/v1/tenants/${actor.tenant.id}/supplier-verification`, {
    method: "PUT",
    headers: operator,
    body: JSON.stringify(body),
  });

describe("a supplier imports only under its own publisher namespace and vendor names", () => {
  it.each([
    {
      case: "a third party's namespace (CISA)",
      spec: { namespace: "https://www.cisa.gov", publisher: "CISA" },
      detail: "https://www.cisa.gov",
    },
    {
      case: "another supplier's portal namespace",
      spec: { namespace: "__bergmann__" },
      detail: "__bergmann__",
    },
    {
      case: "its own domain, not verified by the operator",
      spec: { namespace: "https://psirt.acme-controls.example" },
      detail: "platform operator",
    },
    {
      case: "a vendor named only by its draft component",
      spec: { namespace: "__own__", vendor: "Siemens", product: "S7-1500 clone" },
      detail: '"Siemens"',
    },
  ])(
    "refuses $case (403 problem+json naming the namespace it may use); nothing stored",
    async ({ spec, detail }) => {
      const resolve = (text: string) =>
        text === "__own__"
          ? portalNamespace(acme)
          : text === "__bergmann__"
            ? portalNamespace(bergmann)
            : text;
      const namespace = resolve(spec.namespace);
      const trackingId = `SQUAT-${createHash("sha1").update(JSON.stringify(spec)).digest("hex").slice(0, 8)}`;
      const res = await importAs(acme.headers(), buildCsaf({ ...spec, namespace, trackingId }));
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = await res.json();
      expect(problem.detail).toContain(resolve(detail));
      if (spec.vendor === undefined) expect(problem.detail).toContain(portalNamespace(acme));
      const own = await (await t.app.request("/v1/advisories?scope=own", { headers: acme.headers() })).json();
      expect(own.items.map((a: { trackingId: string }) => a.trackingId)).not.toContain(trackingId);
    },
  );

  it("accepts its portal namespace and namespaces the operator verified for it (exclusive to one tenant)", async () => {
    const own = await importAs(
      acme.headers(),
      buildCsaf({ trackingId: "ACME-OWN-1", namespace: portalNamespace(acme) }),
    );
    expect(own.status).toBe(201);

    const domain = "https://psirt.acme-controls.example";
    const before = await importAs(acme.headers(), buildCsaf({ trackingId: "ACME-DOM-1", namespace: domain }));
    expect(before.status).toBe(403);
    const verified = await verify(acme, {
      verified: true,
      method: "DNS TXT on acme-controls.example",
      namespaces: [`${domain}/`],
    });
    expect(verified.status).toBe(200);
    expect((await verified.json()).supplierVerification.namespaces).toEqual([domain]);
    const after = await importAs(acme.headers(), buildCsaf({ trackingId: "ACME-DOM-1", namespace: domain }));
    expect(after.status).toBe(201);

    // A namespace belongs to one tenant; invalid ones are refused with a pointer to the field.
    const taken = await verify(bergmann, { verified: true, method: "DNS TXT", namespaces: [domain] });
    expect(taken.status).toBe(409);
    expect((await taken.json()).detail).toContain(domain);
    for (const bad of ["ftp://acme.example", "not a url", `${BASE}/suppliers/${bergmann.tenant.slug}`]) {
      const res = await verify(acme, { verified: true, method: "DNS TXT", namespaces: [bad] });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].path).toBe("/namespaces/0");
    }
  });
});

describe("GET /v1/advisories/publishing", () => {
  it("tells a supplier its namespaces and published vendor names, from its own partition only; others get 403", async () => {
    log.refused.length = 0;
    const res = await t.app.request("/v1/advisories/publishing", { headers: acme.headers() });
    expect(res.status).toBe(200);
    const rights = await res.json();
    expect(rights.namespaces[0]).toBe(portalNamespace(acme));
    expect(rights.vendorNames).toEqual(["Acme Controls"]);
    expect(log.refused).toEqual([]);
    const assetOwner = await t.actor(["asset_owner"], "owner");
    expect((await t.app.request("/v1/advisories/publishing", { headers: assetOwner.headers() })).status).toBe(
      403,
    );
  });
});

describe("an id collision never blocks the namespace's legitimate publisher", () => {
  it("the platform's import of CISA's document displaces a supplier's copy under a namespace it does not hold", async () => {
    // Data stored while the namespace was (wrongly) verified for Kestrel, or before namespaces were checked.
    expect(
      (await verify(kestrel, { verified: true, method: "mistake", namespaces: ["https://www.cisa.gov"] }))
        .status,
    ).toBe(200);
    const doc = buildCsaf({
      trackingId: "ICSA-27-001-01",
      vendor: "Kestrel Systems",
      publisher: "CISA",
      namespace: "https://www.cisa.gov",
    });
    const forged = await importAs(kestrel.headers(), doc);
    expect(forged.status).toBe(201);
    const { advisory } = await forged.json();
    expect((await verify(kestrel, { verified: false, method: "withdrawn" })).status).toBe(200);

    const genuine = await importAs(operator, doc);
    expect(genuine.status).toBe(201);
    expect((await genuine.json()).advisory).toMatchObject({ id: advisory.id, owner: { kind: "platform" } });
    const shown = await (
      await t.app.request(`/v1/advisories/${advisory.id}`, { headers: acme.headers() })
    ).json();
    expect(shown.owner).toEqual({ kind: "platform" });
    const theirs = await (
      await t.app.request("/v1/advisories?scope=own", { headers: kestrel.headers() })
    ).json();
    expect(theirs.items.map((a: { id: string }) => a.id)).not.toContain(advisory.id);
    const listed = await (
      await t.app.request("/v1/advisories?q=ICSA-27-001-01", { headers: acme.headers() })
    ).json();
    expect(listed.items.map((a: { owner: unknown }) => a.owner)).toEqual([{ kind: "platform" }]);
    // The supplier's copy is no longer served as if it were its publication; the platform's never is.
    expect((await t.app.request("/.well-known/csaf/white/2026/icsa-27-001-01.json")).status).toBe(404);
    const index = await (await t.app.request("/.well-known/csaf/white/index.txt")).text();
    expect(index).not.toContain("icsa-27-001-01");
  });

  it("a supplier's document under its verified namespace stays its own; the platform cannot take it, the supplier takes it back", async () => {
    const domain = "https://security.bergmann.example";
    expect((await verify(bergmann, { verified: true, method: "DNS TXT", namespaces: [domain] })).status).toBe(
      200,
    );
    const first = buildCsaf({ trackingId: "BD-2026-01", vendor: "Bergmann Drives GmbH", namespace: domain });
    expect((await importAs(bergmann.headers(), first)).status).toBe(201);
    const byPlatform = await importAs(operator, first);
    expect(byPlatform.status).toBe(409);
    expect((await byPlatform.json()).detail).toContain(domain);

    // The platform polled Bergmann's feed before Bergmann joined: Bergmann's own import still succeeds.
    const second = buildCsaf({ trackingId: "BD-2026-02", vendor: "Bergmann Drives GmbH", namespace: domain });
    expect((await importAs(operator, second)).status).toBe(201);
    const own = await importAs(bergmann.headers(), second);
    expect(own.status).toBe(201);
    expect((await own.json()).advisory.owner).toEqual({ kind: "supplier", tenantId: bergmann.tenant.id });
  });
});

describe("the CSAF provider serves each file for one publisher only", () => {
  it("keeps a supplier's authoring tracking ids (<SLUG>-SA-<year>-<n>) its own; its next authored advisory skips a number already served", async () => {
    const year = new Date().getUTCFullYear();
    const next = `${acme.tenant.slug.toUpperCase()}-SA-${year}-001`;
    const squat = await importAs(
      bergmann.headers(),
      buildCsaf({
        trackingId: next,
        vendor: "Bergmann Drives GmbH",
        namespace: portalNamespace(bergmann),
        year,
      }),
    );
    expect(squat.status).toBe(403);
    expect((await squat.json()).detail).toContain(`${acme.tenant.slug.toUpperCase()}-SA-<year>-<n>`);

    // Acme itself used the number under its verified domain (a different advisory, the same provider file).
    const domain = "https://psirt.acme-controls.example";
    expect(
      (await importAs(acme.headers(), buildCsaf({ trackingId: next, namespace: domain, year }))).status,
    ).toBe(201);
    const component = await createPublishedComponent(t.db, {
      supplier: acme.tenant,
      component: buildComponentInput({ name: "AC-PLC 300", vendor: "Acme Controls" }),
    });
    const authored = await t.app.request("/v1/advisories/authored", {
      method: "POST",
      headers: acme.headers(),
      body: JSON.stringify({
        title: "AC-PLC 300: web server denial of service",
        summary: "A crafted HTTP request stops the web server.",
        tlp: "WHITE",
        products: [{ componentId: component.id, affectedVersions: "<2.4.1", fixedVersion: "2.4.1" }],
        vulnerabilities: [
          {
            cve: "CVE-2026-20002",
            title: "Denial of service",
            description: "A crafted HTTP request crashes the web server.",
            cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
          },
        ],
        remediations: [{ category: "vendor_fix", details: "Update to 2.4.1." }],
      }),
    });
    expect(authored.status).toBe(201);
    expect((await authored.json()).advisory.trackingId).toBe(
      `${acme.tenant.slug.toUpperCase()}-SA-${year}-002`,
    );
  });

  it("refuses another supplier's document at a path already served (409), leaving the file, index, changes and ROLIE feed alone", async () => {
    const vendorOf = { [acme.tenant.id]: "Acme Controls", [bergmann.tenant.id]: "Bergmann Drives GmbH" };
    const docOf = (actor: TestActor, title: string) =>
      buildCsaf({
        trackingId: "SA-2026-100",
        vendor: vendorOf[actor.tenant.id],
        namespace: portalNamespace(actor),
        title,
      });
    const first = docOf(acme, "Acme's original advisory");
    expect((await importAs(acme.headers(), first)).status).toBe(201);
    const path = "/.well-known/csaf/white/2026/sa-2026-100.json";
    const served = Buffer.from(await (await t.app.request(path)).arrayBuffer());

    const clash = await importAs(bergmann.headers(), docOf(bergmann, "Bergmann's replacement"));
    expect(clash.status).toBe(409);
    expect((await clash.json()).detail).toContain("2026/sa-2026-100.json");

    const now = Buffer.from(await (await t.app.request(path)).arrayBuffer());
    expect(now.equals(served)).toBe(true);
    expect(JSON.parse(now.toString("utf8")).document.title).toBe("Acme's original advisory");
    const sha = await (await t.app.request(`${path}.sha256`)).text();
    expect(sha.split(" ")[0]).toBe(createHash("sha256").update(served).digest("hex"));
    const index = await (await t.app.request("/.well-known/csaf/white/index.txt")).text();
    expect(index.split("\n").filter((l) => l === "2026/sa-2026-100.json")).toHaveLength(1);
    const changes = await (await t.app.request("/.well-known/csaf/white/changes.csv")).text();
    expect(changes.split("\n").filter((l) => l.startsWith('"2026/sa-2026-100.json"'))).toHaveLength(1);
    const feed = await (await t.app.request("/.well-known/csaf/feed-tlp-white.json")).json();
    const entries = feed.feed.entry.filter((e: { id: string }) => e.id === "SA-2026-100");
    expect(entries.map((e: { title: string }) => e.title)).toEqual(["Acme's original advisory"]);

    // Two publishers racing for one free path: the write condition lets exactly one in.
    const race = await Promise.all(
      [acme, bergmann].map((actor) =>
        importAs(
          actor.headers(),
          buildCsaf({
            trackingId: "SA-2026-200",
            vendor: vendorOf[actor.tenant.id],
            namespace: portalNamespace(actor),
          }),
        ),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);

    // The owner's next revision still updates its own file.
    const revised = buildCsaf({
      trackingId: "SA-2026-100",
      revision: 2,
      vendor: "Acme Controls",
      namespace: portalNamespace(acme),
      title: "Acme's original advisory",
      fixed: "2.4.2",
    });
    expect((await importAs(acme.headers(), revised)).status).toBe(200);
    const latest = await (await t.app.request(path)).json();
    expect(latest.document.tracking.version).toBe("2");
  });
});
