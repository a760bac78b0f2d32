import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { keys } from "../../functions/src/db/keys";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let owner: TestActor;
let supplier: TestActor;
let plc: { id: string; supplierTenantId: string };

const send = (actor: TestActor, method: string, path: string, body: unknown) =>
  t.app.request(path, { method, headers: actor.headers(), body: JSON.stringify(body) });

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "owner", "Text Owner");
  supplier = await t.actor(["supplier"], "owner", "Text Supplier");
  plc = await createPublishedComponent(t.db, {
    supplier: supplier.tenant,
    component: buildComponentInput({ name: "Text PLC" }),
  });
});

/** A site with a zone and an asset, for the child resources. */
async function site() {
  const created = await send(owner, "POST", "/v1/sites", { name: "Plant Text" });
  const s = `/v1/sites/${(await created.json()).id}`;
  const zone = await (
    await send(owner, "POST", `${s}/zones`, { name: "Cell", slT: [1, 1, 1, 1, 1, 1, 1] })
  ).json();
  const asset = await (
    await send(owner, "POST", `${s}/assets`, {
      name: "PLC-1",
      location: { kind: "zone", zoneId: zone.id },
      supplierTenantId: plc.supplierTenantId,
      componentId: plc.id,
      version: "1.0",
      count: 1,
    })
  ).json();
  return { s, zone, asset };
}

type TCase = [
  label: string,
  actor: () => TestActor,
  path: (ids: Awaited<ReturnType<typeof site>>) => string,
  body: (ids: Awaited<ReturnType<typeof site>>) => Record<string, unknown>,
  pointer: string,
  message: RegExp,
];

const cases: TCase[] = [
  [
    "a site name with NUL and a lone surrogate",
    () => owner,
    () => "/v1/sites",
    () => ({ name: "\u0000\ud800" }),
    "/name",
    /^Name contains a control character \(U\+0000\); remove it$/,
  ],
  [
    "a site name with a lone surrogate",
    () => owner,
    () => "/v1/sites",
    () => ({ name: "Plant \ud800" }),
    "/name",
    /^Name contains an invalid character/,
  ],
  [
    "a site name with a lone low surrogate",
    () => owner,
    () => "/v1/sites",
    () => ({ name: "\udc00 Plant" }),
    "/name",
    /invalid character/,
  ],
  [
    "a site name on two lines",
    () => owner,
    () => "/v1/sites",
    () => ({ name: "Plant\nNord" }),
    "/name",
    /^Name must be one line/,
  ],
  [
    "a site location with a C1 control",
    () => owner,
    () => "/v1/sites",
    () => ({ name: "P", location: "Essen\u0085" }),
    "/location",
    /^Location contains a control character \(U\+0085\)/,
  ],
  [
    "a site description with ESC",
    () => owner,
    () => "/v1/sites",
    () => ({ name: "P", description: "ok\u001b[31m" }),
    "/description",
    /^Description contains a control character \(U\+001B\)/,
  ],
  [
    "a zone name with DEL",
    () => owner,
    ({ s }) => `${s}/zones`,
    () => ({ name: "Cell\u007f", slT: [1, 1, 1, 1, 1, 1, 1] }),
    "/name",
    /^Name contains a control character \(U\+007F\)/,
  ],
  [
    "a conduit protocol with NUL",
    () => owner,
    ({ s }) => `${s}/conduits`,
    ({ zone }) => ({ name: "C", fromZoneId: zone.id, toZoneId: zone.id, protocols: ["Modbus\u0000"] }),
    "/protocols/0",
    /^Protocol contains a control character/,
  ],
  [
    "an asset's notes with a form feed",
    () => owner,
    ({ s }) => `${s}/assets`,
    ({ zone }) => ({
      name: "A",
      location: { kind: "zone", zoneId: zone.id },
      supplierTenantId: plc.supplierTenantId,
      componentId: plc.id,
      version: "1.0",
      count: 1,
      notes: "page\u000cbreak",
    }),
    "/notes",
    /^Notes contains a control character \(U\+000C\)/,
  ],
  [
    "a countermeasure name with NUL",
    () => owner,
    ({ s }) => `${s}/countermeasures`,
    ({ asset }) => ({ name: "MFA\u0000", scope: { kind: "asset", id: asset.id }, frs: [1], raisesTo: 2 }),
    "/name",
    /^Name contains a control character/,
  ],
  [
    "a component name with a lone surrogate",
    () => supplier,
    () => "/v1/components",
    () => ({ ...buildComponentInput(), name: "RTU \ud83d" }),
    "/name",
    /^Name contains an invalid character/,
  ],
  [
    "an API key name with a bell",
    () => owner,
    () => "/v1/api-keys",
    () => ({ name: "ci\u0007", scopes: ["sites:read"] }),
    "/name",
    /^Name contains a control character \(U\+0007\)/,
  ],
];

describe("text fields refuse control characters and lone surrogates", () => {
  it.each(cases)("refuses %s, naming the field", async (_label, actor, path, body, pointer, message) => {
    const ids = await site();
    const before = await (await t.app.request(`${ids.s}`, { headers: owner.headers() })).json();
    const res = await send(actor(), "POST", path(ids), body(ids));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json();
    const error = problem.errors.find((e: { path: string }) => e.path === pointer);
    expect(error?.message).toMatch(message);
    expect(await (await t.app.request(`${ids.s}`, { headers: owner.headers() })).json()).toEqual(before);
  });

  it("keeps tab and line breaks in multi-line fields, and any printable text anywhere", async () => {
    const res = await send(owner, "POST", "/v1/sites", {
      name: "Wasserwerk Süd — 浄水場 😀",
      description: "Line one\r\nLine two\n\tindented",
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.name).toBe("Wasserwerk Süd — 浄水場 😀");
    expect(created.description).toBe("Line one\r\nLine two\n\tindented");
  });

  it("refuses the same on edit", async () => {
    const { s } = await site();
    const current = await (await t.app.request(s, { headers: owner.headers() })).json();
    const res = await t.app.request(s, {
      method: "PATCH",
      headers: owner.headers({ "if-match": `"${current.version}"` }),
      body: JSON.stringify({ name: "Renamed\u0000" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({
      path: "/name",
      message: expect.stringMatching(/^Name contains/),
    });
  });
});

describe("site documents", () => {
  it("an import with a control character in a name is refused whole, naming the field", async () => {
    const { s } = await site();
    const exported = await (await t.app.request(`${s}/export`, { headers: owner.headers() })).json();
    const before = await (await t.app.request("/v1/sites?limit=100", { headers: owner.headers() })).json();
    const res = await send(owner, "POST", "/v1/sites/import", { ...exported, site: { name: "Copy\u0000" } });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors).toContainEqual(
      expect.objectContaining({
        path: "/site/name",
        message: "Name contains a control character (U+0000); remove it",
      }),
    );
    const after = await (await t.app.request("/v1/sites?limit=100", { headers: owner.headers() })).json();
    expect(after.total).toBe(before.total);
  });
});

describe("text stored before the rule", () => {
  it("stays readable: refused characters show as U+FFFD instead of failing the read", async () => {
    const { s, asset } = await site();
    const siteId = s.split("/").pop() ?? "";
    const created = await (
      await send(owner, "POST", `${s}/countermeasures`, {
        name: "MFA",
        description: "two\nlines",
        scope: { kind: "asset", id: asset.id },
        frs: [1],
        raisesTo: 2,
      })
    ).json();
    await t.db.doc.send(
      new UpdateCommand({
        TableName: t.db.tableName,
        Key: keys.countermeasure(owner.tenant.id, siteId, created.id),
        UpdateExpression: "SET #n = :n, #d = :d",
        ExpressionAttributeNames: { "#n": "name", "#d": "description" },
        ExpressionAttributeValues: { ":n": "MFA\u0000\u0007", ":d": "two\nlines\u001b" },
      }),
    );
    const res = await t.app.request(s, { headers: owner.headers() });
    expect(res.status).toBe(200);
    const [countermeasure] = (await res.json()).countermeasures;
    expect(countermeasure.name).toBe("MFA\ufffd\ufffd");
    expect(countermeasure.description).toBe("two\nlines\ufffd");
  });
});
