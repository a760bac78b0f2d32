import { beforeAll, describe, expect, it } from "vitest";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

/**
 * Every route below /v1/sites/{id} answers 404 to another tenant (and to an integrator the site is not shared
 * with), for every method the OpenAPI document lists — a route added later without an entry here fails the
 * test. Plus: the lists of the site feature sort, filter and paginate.
 */

let t: TestApp;
let owner: TestActor;
let integrator: TestActor;
let supplier: TestActor;
let strangers: TestActor[];

async function call(actor: TestActor, method: string, path: string, body?: unknown, ifMatch?: number) {
  return t.app.request(path, {
    method,
    headers: actor.headers(ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const ok = async (res: Response, status = 200) => {
  expect(res.status).toBe(status);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "owner", "Isolation Owner");
  integrator = await t.actor(["integrator"], "owner", "Isolation Integrator");
  supplier = await t.actor(["supplier"], "owner", "Isolation Supplier");
  strangers = [
    await t.actor(["asset_owner"], "owner", "Stranger Owner"),
    await t.actor(["integrator"], "owner", "Stranger Integrator"),
    await t.actor(["supplier"], "owner", "Stranger Supplier"),
  ];
});

describe("tenant isolation of the site feature", () => {
  it("answers 404 to other tenants on every route of a site, for every method the API documents", async () => {
    const plc = await createPublishedComponent(t.db, {
      supplier: supplier.tenant,
      component: buildComponentInput({
        name: "Isolated PLC",
        componentType: "EDR",
        slC: [1, 1, 1, 1, 1, 1, 1],
      }),
    });
    const site = await ok(await call(owner, "POST", "/v1/sites", { name: "Isolated Plant" }), 201);
    const s = `/v1/sites/${site.id}`;
    const zone = await ok(
      await call(owner, "POST", `${s}/zones`, { name: "A", slT: [2, 2, 2, 2, 2, 2, 2] }),
      201,
    );
    const other = await ok(
      await call(owner, "POST", `${s}/zones`, { name: "B", slT: [2, 2, 2, 2, 2, 2, 2] }),
      201,
    );
    const conduit = await ok(
      await call(owner, "POST", `${s}/conduits`, { name: "A-B", fromZoneId: zone.id, toZoneId: other.id }),
      201,
    );
    const assetInput = {
      name: "PLC",
      location: { kind: "zone", zoneId: zone.id },
      supplierTenantId: plc.supplierTenantId,
      componentId: plc.id,
      version: "1.0.0",
      count: 1,
    };
    const asset = await ok(await call(owner, "POST", `${s}/assets`, assetInput), 201);
    const countermeasureInput = {
      name: "Jump host",
      scope: { kind: "asset", id: asset.id },
      frs: [1],
      raisesTo: 2,
    };
    const countermeasure = await ok(
      await call(owner, "POST", `${s}/countermeasures`, countermeasureInput),
      201,
    );
    await ok(
      await call(owner, "POST", `${s}/grants`, { granteeSlug: integrator.tenant.slug, access: "read" }),
      201,
    );
    const obligations = await ok(await call(owner, "GET", `${s}/obligations?limit=100`));
    const obligation = obligations.items.find((o: { source: string }) => o.source === "countermeasure");
    const withEvidence = await ok(
      await call(
        owner,
        "POST",
        `${s}/obligations/${obligation.id}/evidence`,
        { title: "Jump host config", note: "MFA enforced" },
        obligation.version,
      ),
      201,
    );
    const evidenceId = withEvidence.evidence[0].id;
    const o = `${s}/obligations/${obligation.id}`;

    const requests: Record<string, { path: string; body?: unknown }[]> = {
      "get /v1/sites/{id}": [{ path: s }],
      "patch /v1/sites/{id}": [{ path: s, body: { name: "x" } }],
      "delete /v1/sites/{id}": [{ path: s }],
      "get /v1/sites/{id}/evaluation": [{ path: `${s}/evaluation` }],
      "get /v1/sites/{id}/export": [{ path: `${s}/export` }],
      "post /v1/sites/{id}/zones": [{ path: `${s}/zones`, body: { name: "Z", slT: [1, 1, 1, 1, 1, 1, 1] } }],
      "patch /v1/sites/{id}/zones/{childId}": [{ path: `${s}/zones/${zone.id}`, body: { name: "x" } }],
      "delete /v1/sites/{id}/zones/{childId}": [{ path: `${s}/zones/${other.id}` }],
      "post /v1/sites/{id}/assets": [{ path: `${s}/assets`, body: assetInput }],
      "patch /v1/sites/{id}/assets/{childId}": [{ path: `${s}/assets/${asset.id}`, body: { name: "x" } }],
      "delete /v1/sites/{id}/assets/{childId}": [{ path: `${s}/assets/${asset.id}` }],
      "post /v1/sites/{id}/conduits": [
        { path: `${s}/conduits`, body: { name: "x", fromZoneId: other.id, toZoneId: zone.id } },
      ],
      "patch /v1/sites/{id}/conduits/{childId}": [
        { path: `${s}/conduits/${conduit.id}`, body: { name: "x" } },
      ],
      "delete /v1/sites/{id}/conduits/{childId}": [{ path: `${s}/conduits/${conduit.id}` }],
      "post /v1/sites/{id}/countermeasures": [{ path: `${s}/countermeasures`, body: countermeasureInput }],
      "patch /v1/sites/{id}/countermeasures/{childId}": [
        { path: `${s}/countermeasures/${countermeasure.id}`, body: { name: "x" } },
      ],
      "delete /v1/sites/{id}/countermeasures/{childId}": [
        { path: `${s}/countermeasures/${countermeasure.id}` },
      ],
      "get /v1/sites/{id}/grants": [{ path: `${s}/grants` }],
      "post /v1/sites/{id}/grants": [{ path: `${s}/grants`, body: { granteeSlug: integrator.tenant.slug } }],
      "patch /v1/sites/{id}/grants/{granteeTenantId}": [
        { path: `${s}/grants/${integrator.tenant.id}`, body: { access: "write" } },
      ],
      "delete /v1/sites/{id}/grants/{granteeTenantId}": [{ path: `${s}/grants/${integrator.tenant.id}` }],
      "get /v1/sites/{id}/obligations": [{ path: `${s}/obligations` }],
      "post /v1/sites/{id}/obligations/sync": [{ path: `${s}/obligations/sync` }],
      "get /v1/sites/{id}/obligations/{obligationId}": [{ path: o }],
      "patch /v1/sites/{id}/obligations/{obligationId}": [{ path: o, body: { status: "in_progress" } }],
      "post /v1/sites/{id}/obligations/{obligationId}/evidence": [
        { path: `${o}/evidence`, body: { title: "x", note: "y" } },
      ],
      "delete /v1/sites/{id}/obligations/{obligationId}/evidence/{evidenceId}": [
        { path: `${o}/evidence/${evidenceId}` },
      ],
      "get /v1/sites/{id}/obligations/{obligationId}/evidence/{evidenceId}/content": [
        { path: `${o}/evidence/${evidenceId}/content` },
      ],
      "post /v1/sites/{id}/obligations/{obligationId}/waiver": [
        { path: `${o}/waiver`, body: { justification: "The pumps are decommissioned next month." } },
      ],
      "post /v1/sites/{id}/obligations/{obligationId}/waiver/decision": [
        { path: `${o}/waiver/decision`, body: { approve: true } },
      ],
      "get /v1/sites/{id}/reports/{report}": [
        "matrix.csv",
        "matrix.xlsx",
        "obligations.csv",
        "obligations.xlsx",
      ].map((report) => ({ path: `${s}/reports/${report}` })),
    };

    const before = await ok(await call(owner, "GET", s));
    const obligationsBefore = await ok(await call(owner, "GET", `${s}/obligations?limit=100`));
    // Every documented operation on a site has an entry above.
    const openapi = await (await t.app.request("/openapi.json")).json();
    const documented = Object.entries(openapi.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith("/v1/sites/{id}"))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(Object.keys(requests).sort()).toEqual(documented);

    for (const stranger of strangers) {
      for (const [operation, calls] of Object.entries(requests)) {
        const method = operation.split(" ")[0]?.toUpperCase() ?? "GET";
        for (const { path, body } of calls) {
          const res = await call(stranger, method, path, body, 1);
          expect([operation, path, res.status]).toEqual([operation, path, 404]);
          expect(res.headers.get("content-type")).toContain("application/problem+json");
        }
      }
    }
    // Nothing changed: the site is as the owner left it.
    expect(await ok(await call(owner, "GET", s))).toEqual(before);
    expect(await ok(await call(owner, "GET", `${s}/obligations?limit=100`))).toEqual(obligationsBefore);
    for (const stranger of strangers) {
      const lists = [
        await ok(await call(stranger, "GET", "/v1/shared-sites")),
        await ok(await call(stranger, "GET", "/v1/obligations?scope=owed&limit=100")),
      ];
      for (const list of lists) {
        expect(JSON.stringify(list.items)).not.toContain(site.id);
      }
    }
  });
});

describe("lists of the site feature sort, filter and paginate", () => {
  it("grants: filter by state, access and text; sort; paginate", async () => {
    const lister = await t.actor(["asset_owner"], "owner", "Grant Lister");
    const site = await ok(await call(lister, "POST", "/v1/sites", { name: "Shared Plant" }), 201);
    const s = `/v1/sites/${site.id}`;
    const names = ["Charlie Integration", "Alpha Automation", "Bravo Systems"];
    const grantees: TestActor[] = [];
    for (const [i, name] of names.entries()) {
      const grantee = await t.actor(["integrator"], "owner", name);
      grantees.push(grantee);
      await ok(
        await call(lister, "POST", `${s}/grants`, {
          granteeSlug: grantee.tenant.slug,
          access: i === 0 ? "write" : "read",
        }),
        201,
      );
    }
    const charlie = grantees[0] as TestActor;
    const grant = (await ok(await call(lister, "GET", `${s}/grants?q=charlie`))).items[0];
    await ok(await call(lister, "DELETE", `${s}/grants/${charlie.tenant.id}`, undefined, grant.version));

    const page1 = await ok(await call(lister, "GET", `${s}/grants?limit=2`));
    expect(page1.items.map((g: { granteeName: string }) => g.granteeName)).toEqual([
      "Alpha Automation",
      "Bravo Systems",
    ]);
    expect(page1.total).toBe(3);
    const page2 = await ok(await call(lister, "GET", `${s}/grants?limit=2&cursor=${page1.nextCursor}`));
    expect(page2.items.map((g: { granteeName: string }) => g.granteeName)).toEqual(["Charlie Integration"]);
    expect(page2.nextCursor).toBeUndefined();
    const revoked = await ok(await call(lister, "GET", `${s}/grants?state=revoked`));
    expect(revoked.items.map((g: { granteeName: string }) => g.granteeName)).toEqual(["Charlie Integration"]);
    const active = await ok(await call(lister, "GET", `${s}/grants?state=active&sort=name&order=desc`));
    expect(active.items.map((g: { granteeName: string }) => g.granteeName)).toEqual([
      "Bravo Systems",
      "Alpha Automation",
    ]);
    const writers = await ok(await call(lister, "GET", `${s}/grants?access=write`));
    expect(writers.items.map((g: { granteeName: string }) => g.granteeName)).toEqual(["Charlie Integration"]);
    expect((await call(lister, "GET", `${s}/grants?cursor=bogus`)).status).toBe(400);
    expect((await call(lister, "GET", `${s}/grants?state=maybe`)).status).toBe(400);
  });

  it("shared sites and obligations owed: filter, sort and paginate for the integrator", async () => {
    const lister = await t.actor(["asset_owner"], "owner", "Sharing Owner");
    const partner = await t.actor(["integrator"], "owner", "Partner Integrator");
    const sites = [];
    for (const name of ["Delta Works", "Alpha Works", "Charlie Works"]) {
      const site = await ok(await call(lister, "POST", "/v1/sites", { name }), 201);
      await ok(
        await call(lister, "POST", `/v1/sites/${site.id}/grants`, {
          granteeSlug: partner.tenant.slug,
          access: name === "Alpha Works" ? "write" : "read",
        }),
        201,
      );
      const current = await ok(await call(lister, "GET", `/v1/sites/${site.id}`));
      await ok(
        await call(
          lister,
          "PATCH",
          `/v1/sites/${site.id}`,
          { integratorTenantId: partner.tenant.id },
          current.version,
        ),
      );
      sites.push(site);
    }
    const shared = await ok(await call(partner, "GET", "/v1/shared-sites?limit=2"));
    expect(shared.items.map((x: { siteName: string }) => x.siteName)).toEqual([
      "Alpha Works",
      "Charlie Works",
    ]);
    const rest = await ok(await call(partner, "GET", `/v1/shared-sites?limit=2&cursor=${shared.nextCursor}`));
    expect(rest.items.map((x: { siteName: string }) => x.siteName)).toEqual(["Delta Works"]);
    const writable = await ok(await call(partner, "GET", "/v1/shared-sites?access=write"));
    expect(writable.items.map((x: { siteName: string }) => x.siteName)).toEqual(["Alpha Works"]);
    const desc = await ok(await call(partner, "GET", "/v1/shared-sites?q=works&sort=site&order=desc"));
    expect(desc.items.map((x: { siteName: string }) => x.siteName)).toEqual([
      "Delta Works",
      "Charlie Works",
      "Alpha Works",
    ]);

    // 12 integrator baseline obligations per site: 36 owed, paged by 25, filtered by text and status.
    const owed = await ok(await call(partner, "GET", "/v1/obligations?scope=owed&limit=25&sort=text"));
    expect(owed.total).toBe(36);
    expect(owed.items).toHaveLength(25);
    const texts = owed.items.map((x: { text: string }) => x.text.toLowerCase());
    expect(texts).toEqual([...texts].sort());
    const tail = await ok(
      await call(partner, "GET", `/v1/obligations?scope=owed&limit=25&sort=text&cursor=${owed.nextCursor}`),
    );
    expect(tail.items).toHaveLength(11);
    const patch = await ok(
      await call(partner, "GET", "/v1/obligations?scope=owed&q=patch+management&limit=100"),
    );
    expect(patch.items.map((x: { siteName: string }) => x.siteName).sort()).toEqual([
      "Alpha Works",
      "Charlie Works",
      "Delta Works",
    ]);
    // Delta Works is shared read-only: the integrator still works on what it owes there, not on the rest.
    const first = patch.items.find((x: { siteName: string }) => x.siteName === "Delta Works");
    const delta = sites[0];
    const ownersOwn = (
      await ok(await call(lister, "GET", `/v1/sites/${delta.id}/obligations?party=asset_owner&limit=1`))
    ).items[0];
    expect(
      (
        await call(
          partner,
          "PATCH",
          `/v1/sites/${delta.id}/obligations/${ownersOwn.id}`,
          { status: "in_progress" },
          ownersOwn.version,
        )
      ).status,
    ).toBe(403);
    await ok(
      await call(
        partner,
        "PATCH",
        `/v1/sites/${first.siteId}/obligations/${first.id}`,
        { status: "in_progress" },
        first.version,
      ),
    );
    const started = await ok(await call(partner, "GET", "/v1/obligations?scope=owed&status=in_progress"));
    expect(started.items.map((x: { id: string }) => x.id)).toEqual([first.id]);
    expect(started.counts.in_progress).toBe(1);
  });
});
