import { beforeAll, describe, expect, it } from "vitest";
import { buildComponentInput } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let supplier: TestActor;
let otherSupplier: TestActor;
let owner: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  supplier = await t.actor(["supplier"], "editor", "Northwind Automation");
  otherSupplier = await t.actor(["supplier"], "owner");
  owner = await t.actor(["asset_owner"], "viewer");
});

async function create(actor: TestActor, body: unknown) {
  return t.app.request("/v1/components", {
    method: "POST",
    headers: actor.headers(),
    body: JSON.stringify(body),
  });
}

async function publish(actor: TestActor, id: string, version: number) {
  return t.app.request(`/v1/components/${id}/publish`, {
    method: "POST",
    headers: actor.headers({ "if-match": `"${version}"` }),
  });
}

describe("supplier publishing slice", () => {
  it("creates a draft, publishes it, and the catalog shows it to another tenant", async () => {
    const created = await create(
      supplier,
      buildComponentInput({ name: "Helix PLC 3000", slC: [3, 3, 2, 2, 3, 2, 2] }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    const draft = await created.json();
    expect(draft).toMatchObject({
      status: "draft",
      vendor: "Northwind Automation",
      draft: { versions: [], claims: [{ versionRange: "*", slC: [3, 3, 2, 2, 3, 2, 2] }] },
    });

    // Draft: invisible to every other tenant, by id and in the catalog.
    for (const other of [owner, otherSupplier]) {
      const res = await t.app.request(`/v1/components/${draft.id}`, { headers: other.headers() });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const before = await (
      await t.app.request("/v1/catalog/components?q=helix", { headers: owner.headers() })
    ).json();
    expect(before.items).toEqual([]);

    const published = await publish(supplier, draft.id, 1);
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({
      status: "published",
      published: { revision: 1, slC: [3, 3, 2, 2, 3, 2, 2] },
    });

    const catalog = await (
      await t.app.request("/v1/catalog/components?q=helix", { headers: owner.headers() })
    ).json();
    expect(catalog.items).toHaveLength(1);
    expect(catalog.items[0]).toMatchObject({
      id: draft.id,
      supplier: { name: "Northwind Automation", verified: false },
      published: { slC: [3, 3, 2, 2, 3, 2, 2] },
    });
    expect(catalog.items[0].draft).toBeUndefined();

    const page = await t.app.request(`/v1/components/${draft.id}`, { headers: owner.headers() });
    expect(page.status).toBe(200);
    expect((await page.json()).draft).toBeUndefined();
  });

  it("hides later draft edits from other tenants until republished", async () => {
    const draft = await (
      await create(supplier, buildComponentInput({ name: "Kestrel Switch", componentType: "NDR" }))
    ).json();
    await publish(supplier, draft.id, 1);
    const edit = await t.app.request(`/v1/components/${draft.id}`, {
      method: "PATCH",
      headers: supplier.headers({ "if-match": '"2"' }),
      body: JSON.stringify({ slC: [4, 4, 4, 4, 4, 4, 4] }),
    });
    expect(edit.status).toBe(200);
    const seen = await (
      await t.app.request(`/v1/components/${draft.id}`, { headers: owner.headers() })
    ).json();
    expect(seen.published.slC).toEqual(buildComponentInput().slC);
  });

  it("filters the catalog by type, vendor and minimum SL per FR", async () => {
    const strong = await (
      await create(
        supplier,
        buildComponentInput({ name: "Filter Strong HMI", componentType: "HDR", slC: [3, 3, 3, 3, 3, 3, 3] }),
      )
    ).json();
    const weak = await (
      await create(
        supplier,
        buildComponentInput({ name: "Filter Weak HMI", componentType: "HDR", slC: [1, 1, 1, 1, 1, 1, 1] }),
      )
    ).json();
    await publish(supplier, strong.id, 1);
    await publish(supplier, weak.id, 1);
    const query = async (qs: string) =>
      (
        (await (await t.app.request(`/v1/catalog/components?${qs}`, { headers: owner.headers() })).json())
          .items as { name: string }[]
      ).map((item) => item.name);
    expect(await query("q=filter&componentType=HDR")).toEqual(["Filter Strong HMI", "Filter Weak HMI"]);
    expect(await query("q=filter&minSl=2,0,0,0,0,0,3")).toEqual(["Filter Strong HMI"]);
    expect(await query("q=filter&componentType=EDR")).toEqual([]);
    expect(await query("q=filter&vendor=northwind")).toHaveLength(2);
    expect(await query("q=filter&vendor=acme")).toEqual([]);
  });

  it("paginates the catalog with a cursor and rejects a forged one", async () => {
    for (const n of [1, 2, 3]) {
      const c = await (
        await create(supplier, buildComponentInput({ name: `Paged Gateway ${n}`, componentType: "NDR" }))
      ).json();
      await publish(supplier, c.id, 1);
    }
    const first = await (
      await t.app.request("/v1/catalog/components?q=paged&limit=2", { headers: owner.headers() })
    ).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await (
      await t.app.request(`/v1/catalog/components?q=paged&limit=2&cursor=${first.nextCursor}`, {
        headers: owner.headers(),
      })
    ).json();
    expect(second.items.map((i: { name: string }) => i.name)).toEqual(["Paged Gateway 3"]);
    const forged = Buffer.from(JSON.stringify({ pk: `T#${supplier.tenant.id}`, sk: "X" })).toString(
      "base64url",
    );
    const bad = await t.app.request(`/v1/catalog/components?cursor=${forged}`, { headers: owner.headers() });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe("invalid_cursor");
  });

  it("restricts a component to named customers", async () => {
    const otherOwner = await t.actor(["asset_owner"]);
    const c = await (
      await create(
        supplier,
        buildComponentInput({
          name: "NDA Firewall",
          componentType: "NDR",
          visibility: { kind: "restricted", tenantIds: [owner.tenant.id] },
        }),
      )
    ).json();
    await publish(supplier, c.id, 1);
    expect((await t.app.request(`/v1/components/${c.id}`, { headers: owner.headers() })).status).toBe(200);
    expect((await t.app.request(`/v1/components/${c.id}`, { headers: otherOwner.headers() })).status).toBe(
      404,
    );
    const seenByOwner = await (
      await t.app.request("/v1/catalog/components?q=nda", { headers: owner.headers() })
    ).json();
    const seenByOther = await (
      await t.app.request("/v1/catalog/components?q=nda", { headers: otherOwner.headers() })
    ).json();
    expect(seenByOwner.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect(seenByOther.items).toEqual([]);
  });
});

describe("writes are guarded", () => {
  it("refuses a stale If-Match and a missing one, changing nothing", async () => {
    const c = await (await create(supplier, buildComponentInput({ name: "Guarded RTU" }))).json();
    const missing = await t.app.request(`/v1/components/${c.id}`, {
      method: "PATCH",
      headers: supplier.headers(),
      body: JSON.stringify({ name: "Renamed" }),
    });
    expect(missing.status).toBe(428);
    const first = await t.app.request(`/v1/components/${c.id}`, {
      method: "PATCH",
      headers: supplier.headers({ "if-match": '"1"' }),
      body: JSON.stringify({ name: "Renamed once" }),
    });
    expect(first.status).toBe(200);
    const stale = await t.app.request(`/v1/components/${c.id}`, {
      method: "PATCH",
      headers: supplier.headers({ "if-match": '"1"' }),
      body: JSON.stringify({ name: "Renamed twice" }),
    });
    expect(stale.status).toBe(412);
    const now = await (await t.app.request(`/v1/components/${c.id}`, { headers: supplier.headers() })).json();
    expect(now.name).toBe("Renamed once");
    expect(now.version).toBe(2);
  });

  it("replays a retried create with the same Idempotency-Key instead of creating twice", async () => {
    const body = JSON.stringify(buildComponentInput({ name: "Idempotent Historian", componentType: "SAR" }));
    const headers = supplier.headers({ "idempotency-key": "ci-run-42" });
    const a = await t.app.request("/v1/components", { method: "POST", headers, body });
    const b = await t.app.request("/v1/components", { method: "POST", headers, body });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect((await b.json()).id).toBe((await a.json()).id);
    const own = await (await t.app.request("/v1/components", { headers: supplier.headers() })).json();
    expect(own.items.filter((i: { name: string }) => i.name === "Idempotent Historian")).toHaveLength(1);
    const reused = await t.app.request("/v1/components", {
      method: "POST",
      headers,
      body: JSON.stringify(buildComponentInput({ name: "Different" })),
    });
    expect(reused.status).toBe(409);
  });

  it.each([
    ["a six-level vector", { slC: [1, 1, 1, 1, 1, 1] }, "/slC"],
    ["a level above 4", { slC: [5, 1, 1, 1, 1, 1, 1] }, "/slC/0"],
    ["an unknown component type", { componentType: "PLC" }, "/componentType"],
    ["a one-letter name", { name: "x" }, "/name"],
    ["a malformed CPE", { identifiers: { cpe: "cpe:/a:vendor", modelNumbers: [] } }, "/identifiers/cpe"],
  ])("rejects %s with problem+json naming the field", async (_label, override, path) => {
    const res = await create(supplier, { ...buildComponentInput(), ...override });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await res.json();
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it.each([
    ["an asset owner", () => owner, 403],
    ["a viewer of a supplier", async () => t.actor(["supplier"], "viewer"), 403],
  ])("forbids %s from creating components", async (_label, who, status) => {
    const actor = await who();
    expect((await create(actor, buildComponentInput())).status).toBe(status);
  });

  it("answers 401 without a token and with a token signed by another key", async () => {
    expect((await t.app.request("/v1/components")).status).toBe(401);
    const other = await createTestApp();
    const foreign = await other.actor(["supplier"]);
    const res = await t.app.request("/v1/components", { headers: foreign.headers() });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe("unauthenticated");
  });

  it("answers 413 naming the limit for a body over the limit", async () => {
    const small = await createTestApp({ maxBodyBytes: 1024 });
    const who = await small.actor(["supplier"]);
    const res = await small.app.request("/v1/components", {
      method: "POST",
      headers: { ...who.headers(), "content-length": "5000" },
      body: JSON.stringify({ ...buildComponentInput(), description: "x".repeat(4000) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toContain("1024 bytes");
  });

  it("answers 400 invalid body for malformed JSON", async () => {
    const res = await t.app.request("/v1/components", {
      method: "POST",
      headers: supplier.headers(),
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});
