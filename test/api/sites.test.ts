import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../../functions/src/repos/audit";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let owner: TestActor;
let stranger: TestActor;
let integrator: TestActor;
let supplier: TestActor;
let weakPlc: { id: string; supplierTenantId: string };
let strongPlc: { id: string; supplierTenantId: string };
let firewall: { id: string; supplierTenantId: string };

const json = async (res: Response) => ({
  status: res.status,
  body: await res.json(),
  etag: res.headers.get("etag"),
});

async function call(
  actor: TestActor,
  method: string,
  path: string,
  body?: unknown,
  ifMatch?: string | number,
) {
  return t.app.request(path, {
    method,
    headers: actor.headers(ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "owner", "Rheinwasser Test");
  stranger = await t.actor(["asset_owner"], "owner", "Other Owner");
  integrator = await t.actor(["integrator"], "owner", "Vantage Test");
  supplier = await t.actor(["supplier"], "owner", "Northwind Test");
  const publish = (name: string, componentType: "EDR" | "NDR", slC: number[]) =>
    createPublishedComponent(t.db, {
      supplier: supplier.tenant,
      component: buildComponentInput({ name, componentType, slC, basis: "self_declared" }),
    });
  weakPlc = await publish("Weak PLC 100", "EDR", [1, 2, 2, 1, 2, 1, 2]);
  strongPlc = await publish("Strong PLC 900", "EDR", [3, 3, 3, 3, 3, 3, 3]);
  firewall = await publish("Gate Firewall", "NDR", [3, 3, 3, 3, 3, 3, 3]);
});

async function modelSite(actor = owner) {
  const site = await json(await call(actor, "POST", "/v1/sites", { name: "Plant Nord", location: "Essen" }));
  expect(site.status).toBe(201);
  const zone = async (name: string, slT: number[]) =>
    (await json(await call(actor, "POST", `/v1/sites/${site.body.id}/zones`, { name, slT }))).body;
  const control = await zone("Control", [2, 2, 2, 1, 2, 1, 2]);
  const dmz = await zone("DMZ", [2, 2, 2, 2, 3, 2, 2]);
  const conduit = await json(
    await call(actor, "POST", `/v1/sites/${site.body.id}/conduits`, {
      name: "DMZ ↔ Control",
      fromZoneId: dmz.id,
      toZoneId: control.id,
      protocols: ["OPC UA", "Modbus/TCP"],
    }),
  );
  expect(conduit.status).toBe(201);
  const plc = await json(
    await call(actor, "POST", `/v1/sites/${site.body.id}/assets`, {
      name: "PLC-D1",
      location: { kind: "zone", zoneId: control.id },
      supplierTenantId: weakPlc.supplierTenantId,
      componentId: weakPlc.id,
      version: "1.0.0",
      count: 2,
      role: "Dosing controller",
    }),
  );
  expect(plc.status).toBe(201);
  const fw = await json(
    await call(actor, "POST", `/v1/sites/${site.body.id}/assets`, {
      name: "FW-1",
      location: { kind: "conduit", conduitId: conduit.body.id },
      supplierTenantId: firewall.supplierTenantId,
      componentId: firewall.id,
      version: "7.4.2",
      count: 1,
    }),
  );
  expect(fw.status).toBe(201);
  return { site: site.body, control, dmz, conduit: conduit.body, plc: plc.body, fw: fw.body };
}

describe("asset owner models a site and sees gaps with reasons", () => {
  it("evaluates: the weak PLC has an FR1 gap with a reason and a stronger suggestion; a countermeasure covers it", async () => {
    const { site, control, plc } = await modelSite();
    const evaluation = await json(await call(owner, "GET", `/v1/sites/${site.id}/evaluation`));
    expect(evaluation.status).toBe(200);
    const zone = evaluation.body.result.zones.find((z: { id: string }) => z.id === control.id);
    expect(zone.compliant).toBe(false);
    const fr1 = zone.assets[0].perFr[0];
    expect(fr1).toMatchObject({ fr: 1, slT: 2, slC: 1, verdict: "gap" });
    expect(fr1.reasons[0].message).toBeTruthy();
    const suggested = zone.assets[0].suggestions.map((s: { componentId: string }) => s.componentId);
    expect(suggested).toContain(`${strongPlc.id}@*`);

    const cm = await json(
      await call(owner, "POST", `/v1/sites/${site.id}/countermeasures`, {
        name: "MFA on the engineering jump host",
        scope: { kind: "asset", id: plc.id },
        frs: [1],
        raisesTo: 2,
        kind: "technical",
        responsibleParty: "integrator",
        evidence: "Pen test report PT-2026-04",
      }),
    );
    expect(cm.status).toBe(201);
    const after = await json(await call(owner, "GET", `/v1/sites/${site.id}/evaluation`));
    const covered = after.body.result.zones.find((z: { id: string }) => z.id === control.id);
    expect(covered.assets[0].perFr[0]).toMatchObject({ verdict: "covered", effective: 2 });
    expect(covered.compliant).toBe(true);
  });

  it("replaces a component (the committed what-if) and every write is audited", async () => {
    const { site, plc } = await modelSite();
    const res = await json(
      await call(
        owner,
        "PATCH",
        `/v1/sites/${site.id}/assets/${plc.id}`,
        { componentId: strongPlc.id, version: "2.0" },
        plc.revision,
      ),
    );
    expect(res.status).toBe(200);
    expect(res.etag).toBe('"2"');
    const events = await listAuditEvents(t.db, owner.tenant.id, 200);
    const actions = events
      .filter((e) => e.subject.includes(plc.id) || e.subject.includes(site.id))
      .map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["asset.update", "asset.create", "site.create"]));
  });

  it("moves an asset to another zone: both are re-evaluated, its countermeasure follows; a bad target changes nothing", async () => {
    const { site, control, dmz, plc } = await modelSite();
    const cm = await json(
      await call(owner, "POST", `/v1/sites/${site.id}/countermeasures`, {
        name: "Jump host MFA",
        scope: { kind: "asset", id: plc.id },
        frs: [1],
        raisesTo: 2,
        kind: "technical",
        responsibleParty: "asset_owner",
      }),
    );
    expect(cm.status).toBe(201);
    const path = `/v1/sites/${site.id}/assets/${plc.id}`;
    const nowhere = await json(
      await call(
        owner,
        "PATCH",
        path,
        { location: { kind: "zone", zoneId: "01jzzzzzzzzzzzzzzzzzzzzzzz" } },
        1,
      ),
    );
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors).toEqual([
      expect.objectContaining({ path: "/location/zoneId", message: "no such zone in this site" }),
    ]);
    const model = (await json(await call(owner, "GET", `/v1/sites/${site.id}`))).body;
    expect(model.assets.find((a: { id: string }) => a.id === plc.id)).toMatchObject({
      revision: 1,
      location: { kind: "zone", zoneId: control.id },
    });

    const moved = await json(
      await call(owner, "PATCH", path, { location: { kind: "zone", zoneId: dmz.id } }, 1),
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ revision: 2, location: { kind: "zone", zoneId: dmz.id } });
    const result = (await json(await call(owner, "GET", `/v1/sites/${site.id}/evaluation`))).body.result;
    const zoneById = (id: string) => result.zones.find((z: { id: string }) => z.id === id);
    expect(zoneById(control.id).assets).toEqual([]);
    const inDmz = zoneById(dmz.id).assets.map((a: { id: string }) => a.id);
    expect(inDmz).toEqual([plc.id]);
    // The asset's own countermeasure still raises FR1 to SL2 in its new zone.
    expect(zoneById(dmz.id).assets[0].perFr[0]).toMatchObject({ verdict: "covered", effective: 2 });
  });

  it("refuses stale and missing If-Match, deletes with cascade rules, and keeps zones with assets", async () => {
    const { site, control, plc, conduit } = await modelSite();
    expect(
      (await call(owner, "PATCH", `/v1/sites/${site.id}/zones/${control.id}`, { name: "X" })).status,
    ).toBe(428);
    expect(
      (await call(owner, "PATCH", `/v1/sites/${site.id}/zones/${control.id}`, { name: "Y" }, 1)).status,
    ).toBe(200);
    expect(
      (await call(owner, "PATCH", `/v1/sites/${site.id}/zones/${control.id}`, { name: "Z" }, 1)).status,
    ).toBe(412);
    expect(
      (await call(owner, "DELETE", `/v1/sites/${site.id}/zones/${control.id}`, undefined, 2)).status,
    ).toBe(409);
    expect(
      (await call(owner, "DELETE", `/v1/sites/${site.id}/assets/${plc.id}`, undefined, plc.revision)).status,
    ).toBe(204);
    expect(
      (await call(owner, "DELETE", `/v1/sites/${site.id}/conduits/${conduit.id}`, undefined, 1)).status,
    ).toBe(409);
    const model = await json(await call(owner, "GET", `/v1/sites/${site.id}`));
    expect(model.body.assets.map((a: { name: string }) => a.name)).toEqual(["FW-1"]);
    const del = await call(owner, "DELETE", `/v1/sites/${site.id}`, undefined, model.body.version);
    expect(del.status).toBe(204);
    expect((await call(owner, "GET", `/v1/sites/${site.id}`)).status).toBe(404);
  });

  it.each([
    ["a six-level SL-T", "zones", { name: "Z", slT: [1, 1, 1, 1, 1, 1] }, "/slT"],
    ["a level above 4", "zones", { name: "Z", slT: [5, 1, 1, 1, 1, 1, 1] }, "/slT/0"],
    ["an empty zone name", "zones", { name: " ", slT: [1, 1, 1, 1, 1, 1, 1] }, "/name"],
    ["a conduit to itself", "conduits", "self", "/toZoneId"],
    ["an asset in an unknown zone", "assets", "unknown-zone", "/location/zoneId"],
    ["an asset without version", "assets", "no-version", "/version"],
    ["a countermeasure without FRs", "countermeasures", "no-frs", "/frs"],
  ])("rejects %s with problem+json naming the field, changing nothing", async (_label, kind, body, path) => {
    const { site, control, plc } = await modelSite();
    const bodies: Record<string, unknown> = {
      self: { name: "Loop", fromZoneId: control.id, toZoneId: control.id },
      "unknown-zone": {
        name: "X",
        location: { kind: "zone", zoneId: "01j0000000000000000000zzzz" },
        supplierTenantId: weakPlc.supplierTenantId,
        componentId: weakPlc.id,
        version: "1",
        count: 1,
      },
      "no-version": {
        name: "X",
        location: { kind: "zone", zoneId: control.id },
        supplierTenantId: weakPlc.supplierTenantId,
        componentId: weakPlc.id,
        count: 1,
      },
      "no-frs": { name: "CM", scope: { kind: "asset", id: plc.id }, frs: [], raisesTo: 2 },
    };
    const before = await json(await call(owner, "GET", `/v1/sites/${site.id}`));
    const res = await call(
      owner,
      "POST",
      `/v1/sites/${site.id}/${kind}`,
      typeof body === "string" ? bodies[body] : body,
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
    const after = await json(await call(owner, "GET", `/v1/sites/${site.id}`));
    expect(after.body).toEqual(before.body);
  });

  it("lists sites sorted, filtered and paginated", async () => {
    const lister = await t.actor(["asset_owner"]);
    for (const name of ["Charlie Works", "Alpha Plant", "Bravo Station"]) {
      await call(lister, "POST", "/v1/sites", { name });
    }
    const first = await json(await call(lister, "GET", "/v1/sites?limit=2"));
    expect(first.body.items.map((s: { name: string }) => s.name)).toEqual(["Alpha Plant", "Bravo Station"]);
    const second = await json(await call(lister, "GET", `/v1/sites?limit=2&cursor=${first.body.nextCursor}`));
    expect(second.body.items.map((s: { name: string }) => s.name)).toEqual(["Charlie Works"]);
    const filtered = await json(await call(lister, "GET", "/v1/sites?q=station&order=desc"));
    expect(filtered.body.items.map((s: { name: string }) => s.name)).toEqual(["Bravo Station"]);
    expect((await call(lister, "GET", "/v1/sites?cursor=bogus")).status).toBe(400);
  });
});

describe("import and export", () => {
  it("exports a site document that the engine accepts and that imports as a new, equal site", async () => {
    const { site } = await modelSite();
    const exported = await json(await call(owner, "GET", `/v1/sites/${site.id}/export`));
    expect(exported.status).toBe(200);
    const evaluated = await json(await call(owner, "POST", "/v1/evaluate", exported.body));
    expect(evaluated.status).toBe(200);
    const imported = await json(
      await call(owner, "POST", "/v1/sites/import", {
        ...exported.body,
        site: { name: "Plant Nord (copy)" },
      }),
    );
    expect(imported.status).toBe(201);
    const copy = await json(await call(owner, "GET", `/v1/sites/${imported.body.id}`));
    expect(copy.body.zones.map((z: { name: string }) => z.name)).toEqual(["Control", "DMZ"]);
    expect(copy.body.assets.map((a: { name: string; count: number }) => [a.name, a.count])).toEqual([
      ["FW-1", 1],
      ["PLC-D1", 2],
    ]);
    expect(copy.body.conduits[0].protocols).toEqual(["OPC UA", "Modbus/TCP"]);
  });

  it("rejects an invalid document whole: nothing is created", async () => {
    const { site } = await modelSite();
    const exported = await json(await call(owner, "GET", `/v1/sites/${site.id}/export`));
    const before = await json(await call(owner, "GET", "/v1/sites?limit=100"));
    const broken = structuredClone(exported.body);
    broken.components[0].ref.componentId = "01j0000000000000000000zzzz";
    const res = await json(await call(owner, "POST", "/v1/sites/import", broken));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toMatch(/^\/(zones|conduits)\/0\/assets\/0\/componentId$/);
    const after = await json(await call(owner, "GET", "/v1/sites?limit=100"));
    expect(after.body.total).toBe(before.body.total);
  });
});

describe("tenant isolation and sharing", () => {
  it("answers 404 to another tenant on every site route", async () => {
    const { site, control, plc, conduit } = await modelSite();
    const s = `/v1/sites/${site.id}`;
    const routes: [string, string, unknown?][] = [
      ["GET", s],
      ["PATCH", s, { name: "x" }],
      ["DELETE", s],
      ["GET", `${s}/evaluation`],
      ["GET", `${s}/export`],
      ["POST", `${s}/zones`, { name: "Z", slT: [1, 1, 1, 1, 1, 1, 1] }],
      ["PATCH", `${s}/zones/${control.id}`, { name: "x" }],
      ["DELETE", `${s}/zones/${control.id}`],
      ["POST", `${s}/assets`, { ...plc, name: "x" }],
      ["PATCH", `${s}/assets/${plc.id}`, { name: "x" }],
      ["DELETE", `${s}/assets/${plc.id}`],
      ["POST", `${s}/conduits`, { name: "x", fromZoneId: control.id, toZoneId: conduit.fromZoneId }],
      ["PATCH", `${s}/conduits/${conduit.id}`, { name: "x" }],
      ["DELETE", `${s}/conduits/${conduit.id}`],
      [
        "POST",
        `${s}/countermeasures`,
        { name: "x", scope: { kind: "zone", id: control.id }, frs: [1], raisesTo: 2 },
      ],
      ["GET", `${s}/grants`],
      ["POST", `${s}/grants`, { granteeSlug: integrator.tenant.slug, access: "read" }],
      ["GET", `${s}/obligations`],
      ["POST", `${s}/obligations/sync`],
      ["GET", `${s}/reports/matrix.csv`],
      ["GET", `${s}/reports/obligations.xlsx`],
    ];
    for (const [method, path, body] of routes) {
      const res = await call(stranger, method, path, body, 1);
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    const list = await json(await call(stranger, "GET", "/v1/sites"));
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(site.id);
  });

  it("an integrator reads with a read grant, edits with write, and loses access on revocation", async () => {
    const { site, control } = await modelSite();
    const s = `/v1/sites/${site.id}`;
    expect((await call(integrator, "GET", s)).status).toBe(404);
    const notIntegrator = await call(owner, "POST", `${s}/grants`, { granteeSlug: supplier.tenant.slug });
    expect(notIntegrator.status).toBe(400);
    const grant = await json(
      await call(owner, "POST", `${s}/grants`, { granteeSlug: integrator.tenant.slug, access: "read" }),
    );
    expect(grant.status).toBe(201);
    expect((await call(integrator, "GET", s)).status).toBe(200);
    const shared = await json(await call(integrator, "GET", "/v1/shared-sites"));
    expect(
      shared.body.items.map((x: { siteId: string; access: string }) => [x.siteId, x.access]),
    ).toContainEqual([site.id, "read"]);
    expect((await call(integrator, "PATCH", `${s}/zones/${control.id}`, { name: "by SI" }, 1)).status).toBe(
      403,
    );
    expect((await call(integrator, "GET", `${s}/grants`)).status).toBe(403);

    const upgraded = await json(
      await call(
        owner,
        "PATCH",
        `${s}/grants/${integrator.tenant.id}`,
        { access: "write" },
        grant.body.version,
      ),
    );
    expect(upgraded.status).toBe(200);
    const edit = await call(integrator, "PATCH", `${s}/zones/${control.id}`, { description: "by SI" }, 1);
    expect(edit.status).toBe(200);
    const events = await listAuditEvents(t.db, owner.tenant.id, 300);
    expect(
      events.find((e) => e.action === "zone.update" && e.subject === `zone:${control.id}`)?.actor,
    ).toContain(`tenant:${integrator.tenant.id}`);

    const revoked = await call(
      owner,
      "DELETE",
      `${s}/grants/${integrator.tenant.id}`,
      undefined,
      upgraded.body.version,
    );
    expect(revoked.status).toBe(200);
    expect((await call(integrator, "GET", s)).status).toBe(404);
    expect((await call(integrator, "PATCH", `${s}/zones/${control.id}`, { name: "late" }, 2)).status).toBe(
      404,
    );
    const grants = await json(await call(owner, "GET", `${s}/grants`));
    expect(grants.body.items[0].revokedAt).toBeTruthy();
  });
});

describe("obligations", () => {
  it("are generated, owed tenants see only theirs, and regeneration keeps status and history", async () => {
    const { site, plc } = await modelSite();
    const s = `/v1/sites/${site.id}`;
    const grant = await json(
      await call(owner, "POST", `${s}/grants`, { granteeSlug: integrator.tenant.slug, access: "write" }),
    );
    expect(grant.status).toBe(201);
    const current = await json(await call(owner, "GET", s));
    const named = await call(
      owner,
      "PATCH",
      s,
      { integratorTenantId: integrator.tenant.id },
      current.body.version,
    );
    expect(named.status).toBe(200);
    await call(owner, "POST", `${s}/countermeasures`, {
      name: "Jump host MFA",
      scope: { kind: "asset", id: plc.id },
      frs: [1],
      raisesTo: 2,
      responsibleParty: "integrator",
    });
    const list = await json(await call(owner, "GET", `${s}/obligations?limit=100`));
    expect(list.status).toBe(200);
    const sources = new Set(list.body.items.map((o: { source: string }) => o.source));
    expect(sources).toEqual(new Set(["countermeasure", "role_baseline"]));
    expect(list.body.parties.integrator.tenantId).toBe(integrator.tenant.id);
    expect(list.body.parties.suppliers.map((p: { tenantId: string }) => p.tenantId)).toEqual([
      supplier.tenant.id,
    ]);

    const owedBySupplier = await json(await call(supplier, "GET", "/v1/obligations?scope=owed&limit=100"));
    // The supplier's components run in the other tests' sites too: here it owes SUM, DM and SG.
    expect(
      owedBySupplier.body.items
        .filter((o: { siteId: string }) => o.siteId === site.id)
        .map((o: { sourceKey: string }) => o.sourceKey.split(":").at(-1))
        .sort(),
    ).toEqual(["DM", "SG", "SUM"]);
    expect(
      owedBySupplier.body.items.every(
        (o: { obligeeTenantId: string }) => o.obligeeTenantId === supplier.tenant.id,
      ),
    ).toBe(true);
    const owedByStranger = await json(await call(stranger, "GET", "/v1/obligations?scope=owed"));
    expect(owedByStranger.body.items).toEqual([]);

    const keep = list.body.items.find((o: { source: string }) => o.source === "countermeasure");
    // The supplier may not see the integrator's obligation; the integrator works on it.
    expect((await call(supplier, "GET", `${s}/obligations/${keep.id}`)).status).toBe(404);
    expect((await call(stranger, "GET", `${s}/obligations/${keep.id}`)).status).toBe(404);
    const metWithout = await call(
      integrator,
      "PATCH",
      `${s}/obligations/${keep.id}`,
      { status: "met" },
      keep.version,
    );
    expect(metWithout.status).toBe(409);
    const evidence = await json(
      await call(
        integrator,
        "POST",
        `${s}/obligations/${keep.id}/evidence`,
        {
          title: "MFA configuration export",
          url: "https://docs.example/mfa",
        },
        keep.version,
      ),
    );
    expect(evidence.status).toBe(201);
    const met = await json(
      await call(
        integrator,
        "PATCH",
        `${s}/obligations/${keep.id}`,
        { status: "met" },
        evidence.body.version,
      ),
    );
    expect(met.status).toBe(200);

    // A site change regenerates: the countermeasure obligation keeps its id, status and history.
    await call(owner, "PATCH", `${s}/assets/${plc.id}`, { name: "PLC-D1 (renamed)" }, plc.revision);
    const sync = await json(await call(owner, "POST", `${s}/obligations/sync`));
    expect(sync.status).toBe(200);
    const again = await json(await call(owner, "GET", `${s}/obligations/${keep.id}`));
    expect(again.body).toMatchObject({ status: "met", active: true });
    expect(again.body.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(["created", "evidence_added", "status"]),
    );

    // Removing the countermeasure retires its obligation (kept, with history), it does not delete it.
    const model = await json(await call(owner, "GET", s));
    const cm = model.body.countermeasures[0];
    await call(owner, "DELETE", `${s}/countermeasures/${cm.id}`, undefined, cm.version);
    const retired = await json(await call(owner, "GET", `${s}/obligations/${keep.id}`));
    expect(retired.body).toMatchObject({ status: "met", active: false });
    expect(retired.body.history.at(-1).action).toBe("retired");
  });

  it("waivers need a justification and an admin of the asset owner to approve", async () => {
    const { site } = await modelSite();
    const s = `/v1/sites/${site.id}`;
    const list = await json(await call(owner, "GET", `${s}/obligations?party=asset_owner&limit=1`));
    const obligation = list.body.items[0];
    const short = await call(
      owner,
      "POST",
      `${s}/obligations/${obligation.id}/waiver`,
      { justification: "no" },
      obligation.version,
    );
    expect(short.status).toBe(400);
    const requested = await json(
      await call(
        owner,
        "POST",
        `${s}/obligations/${obligation.id}/waiver`,
        {
          justification:
            "The plant is decommissioned in 2027; accounts are reviewed by the operator instead.",
        },
        obligation.version,
      ),
    );
    expect(requested.status).toBe(200);
    const editor = await t.actor(["asset_owner"], "editor");
    expect(
      (
        await call(
          editor,
          "POST",
          `${s}/obligations/${obligation.id}/waiver/decision`,
          { approve: true },
          requested.body.version,
        )
      ).status,
    ).toBe(404);
    const approved = await json(
      await call(
        owner,
        "POST",
        `${s}/obligations/${obligation.id}/waiver/decision`,
        { approve: true },
        requested.body.version,
      ),
    );
    expect(approved.body).toMatchObject({ status: "waived", waiver: { state: "approved" } });
  });

  it("filters overdue obligations and exports the matrix and obligations as CSV and XLSX", async () => {
    const { site, plc } = await modelSite();
    const s = `/v1/sites/${site.id}`;
    // A covered FR: its reason names the countermeasure, which the export must name in words.
    const measure = await call(owner, "POST", `${s}/countermeasures`, {
      name: "Jump host MFA",
      scope: { kind: "asset", id: plc.id },
      frs: [1],
      raisesTo: 2,
    });
    expect(measure.status).toBe(201);
    const list = await json(await call(owner, "GET", `${s}/obligations?limit=1`));
    const first = list.body.items[0];
    await call(owner, "PATCH", `${s}/obligations/${first.id}`, { due: "2020-01-01" }, first.version);
    const overdue = await json(await call(owner, "GET", `${s}/obligations?overdue=true`));
    expect(overdue.body.items.map((o: { id: string }) => o.id)).toEqual([first.id]);
    expect(overdue.body.counts.overdue).toBe(1);

    const csv = await t.app.request(`${s}/reports/matrix.csv`, { headers: owner.headers() });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toContain("Verdict");
    expect(lines).toHaveLength(1 + 2 * 7);
    expect(lines.some((line) => line.includes("PLC-D1") && line.includes("covered"))).toBe(true);
    expect(lines.some((line) => line.includes("Jump host MFA"))).toBe(true);
    // Reasons name assets, countermeasures and components as people do, never by internal id.
    expect(lines.slice(1).join("\n")).not.toMatch(/\b[0-9a-z]{26}\b/);

    const xlsx = await t.app.request(`${s}/reports/obligations.xlsx`, { headers: owner.headers() });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Obligations", "Matrix"]);
    expect(workbook.getWorksheet("Obligations")?.getRow(1).getCell(1).value).toBe("Status");
    expect(workbook.getWorksheet("Obligations")?.rowCount).toBe(1 + list.body.total);
  });
});

describe("who a countermeasure may make responsible", () => {
  const cm = (plcId: string, responsibleTenantId?: string) => ({
    name: "Port lockdown",
    scope: { kind: "asset", id: plcId },
    frs: [1],
    raisesTo: 2,
    responsibleParty: "supplier",
    ...(responsibleTenantId ? { responsibleTenantId } : {}),
  });

  async function sharedSite() {
    const model = await modelSite();
    const s = `/v1/sites/${model.site.id}`;
    const grant = await json(
      await call(owner, "POST", `${s}/grants`, { granteeSlug: integrator.tenant.slug, access: "write" }),
    );
    expect(grant.status).toBe(201);
    return { ...model, s, grantVersion: grant.body.version as number };
  }

  it.each([
    ["the owner itself", () => owner.tenant.id],
    ["a grantee", () => integrator.tenant.id],
    ["the supplier of a component on the site", () => supplier.tenant.id],
  ])("accepts %s", async (_label, tenantOf) => {
    const { plc, s } = await sharedSite();
    const res = await json(await call(owner, "POST", `${s}/countermeasures`, cm(plc.id, tenantOf())));
    expect(res.status).toBe(201);
    expect(res.body.responsibleTenantId).toBe(tenantOf());
  });

  it.each([
    ["an unrelated tenant, by the owner", () => owner, () => stranger.tenant.id],
    ["an unrelated tenant, by a write grantee", () => integrator, () => stranger.tenant.id],
    ["a tenant id that does not exist", () => owner, () => "01j0000000000000000000zzzz"],
  ])(
    "refuses %s with problem+json at /responsibleTenantId, changing nothing",
    async (_label, actorOf, tenantOf) => {
      const { plc, s } = await sharedSite();
      const before = await json(await call(owner, "GET", s));
      const res = await call(actorOf(), "POST", `${s}/countermeasures`, cm(plc.id, tenantOf()));
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = await res.json();
      expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(["/responsibleTenantId"]);
      expect(problem.detail).toMatch(/integrator|grantee|supplier/i);
      expect((await json(await call(owner, "GET", s))).body).toEqual(before.body);
      expect(
        (await json(await call(stranger, "GET", "/v1/obligations?scope=owed&limit=100"))).body.items,
      ).toEqual([]);
    },
  );

  it("refuses the change on edit too, and a revoked grantee no longer qualifies", async () => {
    const { plc, s, grantVersion } = await sharedSite();
    const created = await json(
      await call(owner, "POST", `${s}/countermeasures`, cm(plc.id, supplier.tenant.id)),
    );
    expect(created.status).toBe(201);
    const path = `${s}/countermeasures/${created.body.id}`;
    const moved = await call(
      owner,
      "PATCH",
      path,
      { responsibleTenantId: stranger.tenant.id },
      created.body.version,
    );
    expect(moved.status).toBe(400);
    expect((await moved.json()).errors[0].path).toBe("/responsibleTenantId");
    const renamed = await call(owner, "PATCH", path, { name: "Port lockdown v2" }, created.body.version);
    expect(renamed.status).toBe(200);
    const revoked = await call(
      owner,
      "DELETE",
      `${s}/grants/${integrator.tenant.id}`,
      undefined,
      grantVersion,
    );
    expect(revoked.status).toBe(200);
    const toGrantee = await call(
      owner,
      "PATCH",
      path,
      { responsibleTenantId: integrator.tenant.id },
      created.body.version + 1,
    );
    expect(toGrantee.status).toBe(400);
  });
});
