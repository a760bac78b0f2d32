import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAllStreamHandlers } from "../../functions/src/events/handlers";
import { StreamHandlerRegistry } from "../../functions/src/events/registry";
import { type StreamPoller, startStreamPoller } from "../../functions/src/local/stream-poller";
import { createNotifier } from "../../functions/src/notify/notifier";
import { createFileSink } from "../../functions/src/notify/sender";
import { createLogger } from "../../functions/src/observability/logger";
import { buildComponentInput } from "../builders/component";
import { buildCsaf } from "../builders/csaf";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

/**
 * Catalog filters "certification valid" and "open advisories" (docs/adr/0033), through the API with the stream
 * running as in production: the facts follow a certificate's expiry (no write), its revocation, a new advisory, a
 * new advisory revision and a supplier's rejection; restricted components and restricted advisories are never
 * shown or counted for tenants that may not read them.
 */

let clock = new Date("2026-06-01T09:00:00Z");
let t: TestApp;
let poller: StreamPoller;
let operatorHeaders: () => Record<string, string>;
let supplier: TestActor;
let ownerA: TestActor;
let ownerB: TestActor;

const ids: Record<string, string> = {};
const certs: Record<string, { id: string; body: Record<string, unknown> }> = {};
const advisories: Record<string, string> = {};

const CVSS_CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

const call = (
  actor: TestActor,
  method: string,
  url: string,
  body?: unknown,
  extra: Record<string, string> = {},
) =>
  t.app.request(url, {
    method,
    headers: actor.headers(extra),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function ok<T = Record<string, unknown>>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const answer = await res;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function certification(key: string, overrides: Record<string, unknown>) {
  const body = {
    scheme: "ISASecure CSA",
    body: "exida",
    certificateNo: `CSA-${key}`,
    standardPart: "4-2",
    slC: [2, 2, 2, 2, 2, 2, 2],
    issued: "2025-01-01",
    ...overrides,
  };
  const created = await ok<{ id: string }>(call(supplier, "POST", "/v1/certifications", body), 201);
  certs[key] = { id: created.id, body };
}

async function component(
  key: string,
  name: string,
  input: { certification?: string; versions?: string[]; restrictedTo?: string[] } = {},
) {
  const body = buildComponentInput({
    name,
    vendor: "Acme Controls",
    componentType: "EDR",
    identifiers: { modelNumbers: [`MODEL-${key.toUpperCase()}`] },
    visibility: input.restrictedTo
      ? { kind: "restricted", tenantIds: input.restrictedTo }
      : { kind: "public" },
    versions: (input.versions ?? []).map((version) => ({ version })),
    slC: undefined,
    basis: undefined,
    claims: [
      {
        versionRange: "*",
        slC: [2, 2, 2, 2, 2, 2, 2],
        basis: input.certification ? "certified" : "self_declared",
        ...(input.certification ? { certificationId: certs[input.certification]?.id } : {}),
        securityContext: [],
      },
    ],
  });
  const created = await ok<{ id: string }>(call(supplier, "POST", "/v1/components", body), 201);
  await ok(call(supplier, "POST", `/v1/components/${created.id}/publish`, undefined, { "if-match": '"1"' }));
  ids[key] = created.id;
}

async function platformAdvisory(key: string, spec: Parameters<typeof buildCsaf>[0]) {
  const res = await t.app.request("/v1/advisories", {
    method: "POST",
    headers: operatorHeaders(),
    body: JSON.stringify(buildCsaf({ namespace: "https://psirt.acme.example", ...spec })),
  });
  const result = await ok<{ advisory: { id: string } }>(res, spec?.revision && spec.revision > 1 ? 200 : 201);
  advisories[key] = result.advisory.id;
}

async function authoredAdvisory(
  key: string,
  input: { title: string; componentKey: string; affected: string; tlp?: "AMBER"; restrictedTo?: string[] },
) {
  const result = await ok<{ advisory: { id: string } }>(
    call(
      supplier,
      "POST",
      "/v1/advisories/authored",
      {
        title: input.title,
        summary: "A crafted request to the web server stops the device.",
        tlp: input.tlp ?? "WHITE",
        restrictedTo: input.restrictedTo ?? [],
        products: [{ componentId: ids[input.componentKey], affectedVersions: input.affected }],
        vulnerabilities: [
          {
            cve: `CVE-2026-5${Object.keys(advisories).length}001`,
            title: "Denial of service",
            description: "A crafted request to the web server stops the device.",
            cvssVector: CVSS_CRITICAL,
          },
        ],
      },
      {},
    ),
    201,
  );
  advisories[key] = result.advisory.id;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const logger = createLogger({ service: "catalog-filters-test", level: "error", write: () => {} });
  const now = () => new Date();
  poller = await startStreamPoller({
    endpoint: inject("dynamoEndpoint"),
    tableName: t.db.tableName,
    registry: registerAllStreamHandlers(new StreamHandlerRegistry(), {
      advisoryDeps: () => ({
        db: t.db,
        now,
        logger,
        notifier: createNotifier({
          db: t.db,
          sender: createFileSink(mkdtempSync(path.join(tmpdir(), "assure-outbox-"))),
          now,
          logger,
        }),
      }),
    }),
    logger,
    idleDelayMs: 50,
  });
  const ops = await t.actor([], "owner", "Assure Platform Operations", { platformOperator: true });
  const opToken = ops.token;
  operatorHeaders = () => ({ authorization: `Bearer ${opToken}`, "content-type": "application/json" });
  supplier = await t.actor(["supplier"], "editor", "Acme Controls");
  ownerA = await t.actor(["asset_owner"], "editor", "Rheinwasser Utilities");
  ownerB = await t.actor(["asset_owner"], "viewer", "Baltic Grid Energy");

  await certification("expiring", { expires: "2026-06-30" });
  await certification("unlimited", {});
  await certification("future", { issued: "2026-09-01", expires: "2029-09-01" });

  await component("plc", "Filterprobe Certified PLC", {
    certification: "expiring",
    versions: ["2.4.0", "2.5.0"],
  });
  await component("switch", "Filterprobe Revocable Switch", {
    certification: "unlimited",
    versions: ["1.0"],
  });
  await component("rtu", "Filterprobe Future RTU", { certification: "future", versions: ["5.0"] });
  await component("hmi", "Filterprobe Declared HMI");
  await component("nda", "Filterprobe NDA Gateway", {
    certification: "expiring",
    versions: ["3.1"],
    restrictedTo: [ownerA.tenant.id],
  });

  // Fixed in the newest listed version 2.5.0: not open.
  await platformAdvisory("plc", {
    trackingId: "ACME-FP-001",
    product: "Filterprobe Certified PLC",
    affected: "<2.5.0",
    fixed: "2.5.0",
  });
  // No versions listed and the product is affected: open, for everyone.
  await platformAdvisory("hmi", {
    trackingId: "ACME-FP-002",
    product: "Filterprobe Declared HMI",
    affected: "<3.0",
  });
  // TLP:AMBER, readable by the supplier and owner A only.
  await authoredAdvisory("switch", {
    title: "Revocable Switch: denial of service",
    componentKey: "switch",
    affected: "<2.0",
    tlp: "AMBER",
    restrictedTo: [ownerA.tenant.id],
  });
  // Public advisory about the restricted component.
  await authoredAdvisory("nda", {
    title: "NDA Gateway: denial of service",
    componentKey: "nda",
    affected: "<4.0",
  });
  await poller.drain(60_000);
}, 120_000);

afterAll(async () => {
  await poller?.stop();
});

const NAMES = {
  plc: "Filterprobe Certified PLC",
  switch: "Filterprobe Revocable Switch",
  rtu: "Filterprobe Future RTU",
  hmi: "Filterprobe Declared HMI",
  nda: "Filterprobe NDA Gateway",
} as const;

type Entry = {
  id: string;
  name: string;
  signals: {
    openAdvisories: number;
    openSeverity: string | null;
    certification: { state: string } | null;
    certificationValid: boolean;
  };
};

async function catalog(actor: TestActor, qs: string): Promise<Entry[]> {
  return (await ok<{ items: Entry[] }>(call(actor, "GET", `/v1/catalog/components?q=filterprobe&${qs}`)))
    .items;
}

const keysOf = async (actor: TestActor, qs: string) =>
  (await catalog(actor, qs))
    .map((entry) => Object.entries(NAMES).find(([, name]) => name === entry.name)?.[0] ?? entry.name)
    .sort();

const viewers = { A: () => ownerA, B: () => ownerB, supplier: () => supplier } as const;

describe("catalog filters on 2026-06-01", () => {
  it.each([
    ["A", "", ["hmi", "nda", "plc", "rtu", "switch"]],
    ["B", "", ["hmi", "plc", "rtu", "switch"]],
    ["A", "certificationValid=true", ["nda", "plc", "switch"]],
    ["B", "certificationValid=true", ["plc", "switch"]],
    ["A", "certificationValid=false", ["hmi", "rtu"]],
    ["A", "openAdvisories=true", ["hmi", "nda", "switch"]],
    ["B", "openAdvisories=true", ["hmi"]],
    ["supplier", "openAdvisories=true", ["hmi", "switch"]],
    ["A", "openAdvisories=false", ["plc", "rtu"]],
    ["B", "openAdvisories=false", ["plc", "rtu", "switch"]],
    ["A", "certificationValid=true&openAdvisories=true", ["nda", "switch"]],
    ["B", "certificationValid=true&openAdvisories=true", []],
    ["A", "certificationValid=true&openAdvisories=false&componentType=EDR", ["plc"]],
    ["B", "certificationValid=false&openAdvisories=true&minSl=2,2,2,2,2,2,2", ["hmi"]],
  ] as const)("viewer %s, %s → %j", async (viewer, qs, expected) => {
    expect(await keysOf(viewers[viewer](), qs)).toEqual(expected);
  });

  it("pages through a filtered catalog without losing or repeating entries", async () => {
    const first = await ok<{ items: Entry[]; nextCursor?: string }>(
      call(ownerB, "GET", "/v1/catalog/components?q=filterprobe&openAdvisories=false&limit=2"),
    );
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await ok<{ items: Entry[]; nextCursor?: string }>(
      call(
        ownerB,
        "GET",
        `/v1/catalog/components?q=filterprobe&openAdvisories=false&limit=2&cursor=${first.nextCursor}`,
      ),
    );
    expect([...first.items, ...second.items].map((e) => e.name).sort()).toEqual([
      NAMES.plc,
      NAMES.rtu,
      NAMES.switch,
    ]);
  });

  it("counts only the open advisories the reader may read, with their highest severity", async () => {
    const byName = async (actor: TestActor) =>
      new Map((await catalog(actor, "")).map((entry) => [entry.name, entry.signals] as const));
    const a = await byName(ownerA);
    const b = await byName(ownerB);
    expect(a.get(NAMES.switch)).toMatchObject({ openAdvisories: 1, openSeverity: "critical" });
    expect(b.get(NAMES.switch)).toMatchObject({ openAdvisories: 0, openSeverity: null });
    expect(a.get(NAMES.hmi)).toMatchObject({ openAdvisories: 1, openSeverity: "high" });
    expect(b.get(NAMES.hmi)).toMatchObject({ openAdvisories: 1, openSeverity: "high" });
    expect(a.get(NAMES.plc)).toMatchObject({
      openAdvisories: 0,
      certificationValid: true,
      certification: { state: "expiring_soon" },
    });
    expect(a.get(NAMES.rtu)).toMatchObject({
      certificationValid: false,
      certification: { state: "not_yet_valid" },
    });
    expect(a.get(NAMES.hmi)?.certification).toBeNull();
    expect(a.get(NAMES.nda)).toMatchObject({ openAdvisories: 1, certificationValid: true });
    expect(b.has(NAMES.nda)).toBe(false);
  });

  it("rejects filter values it does not know, naming the parameter", async () => {
    const res = await call(ownerA, "GET", "/v1/catalog/components?certificationValid=yes&openAdvisories=1");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "/certificationValid",
      "/openAdvisories",
    ]);
  });
});

describe("advisories naming a component", () => {
  type Listed = {
    items: { advisory: { id: string; trackingId: string }; status: string; version: string | null }[];
  };
  const listed = (actor: TestActor, key: string) =>
    call(actor, "GET", `/v1/catalog/components/${ids[key]}/advisories`);

  it.each([
    ["A", "plc", [["plc", "fixed", "2.5.0"]]],
    ["A", "hmi", [["hmi", "open", null]]],
    ["A", "switch", [["switch", "open", "1.0"]]],
    ["B", "switch", []],
    ["supplier", "switch", [["switch", "open", "1.0"]]],
    ["A", "nda", [["nda", "open", "3.1"]]],
    ["A", "rtu", []],
  ] as const)("viewer %s, component %s → %j", async (viewer, key, expected) => {
    const body = await ok<Listed>(listed(viewers[viewer](), key));
    expect(body.items.map((i) => [i.advisory.id, i.status, i.version])).toEqual(
      expected.map(([advisory, status, version]) => [advisories[advisory], status, version]),
    );
  });

  it("answers 404 for a restricted component to a tenant it is not shared with, on both routes", async () => {
    const problem = await listed(ownerB, "nda");
    expect(problem.status).toBe(404);
    expect(problem.headers.get("content-type")).toContain("application/problem+json");
    expect((await call(ownerB, "GET", `/v1/advisories?componentId=${ids.nda}`)).status).toBe(404);
    const shared = await ok<{ items: { id: string }[] }>(
      call(ownerA, "GET", `/v1/advisories?componentId=${ids.nda}`),
    );
    expect(shared.items.map((a) => a.id)).toEqual([advisories.nda]);
    expect(
      (await call(ownerB, "GET", "/v1/catalog/components/01jzzzzzzzzzzzzzzzzzzzzzzz/advisories")).status,
    ).toBe(404);
  });
});

describe("the filters stay correct as things change", () => {
  it("a certificate that expires leaves the filter the next day, without any write", async () => {
    clock = new Date("2026-06-30T22:00:00Z");
    expect(await keysOf(ownerA, "certificationValid=true")).toEqual(["nda", "plc", "switch"]);
    clock = new Date("2026-07-01T06:00:00Z");
    expect(await keysOf(ownerA, "certificationValid=true")).toEqual(["switch"]);
    expect(await keysOf(ownerA, "certificationValid=false")).toEqual(["hmi", "nda", "plc", "rtu"]);
    const plc = (await catalog(ownerA, "")).find((e) => e.name === NAMES.plc);
    expect(plc?.signals).toMatchObject({ certificationValid: false, certification: { state: "expired" } });
  });

  it("a revoked certificate leaves the filter once the stream has run", async () => {
    const current = await call(supplier, "GET", `/v1/certifications/${certs.unlimited?.id}`);
    await ok(
      call(
        supplier,
        "PUT",
        `/v1/certifications/${certs.unlimited?.id}`,
        { ...certs.unlimited?.body, status: "revoked" },
        { "if-match": current.headers.get("etag") ?? "" },
      ),
    );
    await poller.drain(30_000);
    expect(await keysOf(ownerA, "certificationValid=true")).toEqual([]);
    const sw = (await catalog(ownerB, "")).find((e) => e.name === NAMES.switch);
    expect(sw?.signals).toMatchObject({ certificationValid: false, certification: { state: "revoked" } });
  });

  it("a new advisory, a new revision that widens the range, and a rejected match move components", async () => {
    await platformAdvisory("rtu", {
      trackingId: "ACME-FP-003",
      product: "Filterprobe Future RTU",
      affected: "<6.0",
    });
    // Revision 2 of ACME-FP-001: 2.5.0 turned out affected too, the fix is 2.6.0.
    await platformAdvisory("plc", {
      trackingId: "ACME-FP-001",
      product: "Filterprobe Certified PLC",
      affected: "<2.6.0",
      fixed: "2.6.0",
      revision: 2,
    });
    // The supplier rejects the match of ACME-FP-002 to its HMI (it is another product).
    await ok(
      call(supplier, "POST", `/v1/advisories/${advisories.hmi}/matches/${ids.hmi}/decision`, {
        verdict: "rejected",
        note: "Different product line",
      }),
    );
    await poller.drain(30_000);
    expect(await keysOf(ownerB, "openAdvisories=true")).toEqual(["plc", "rtu"]);
    expect(await keysOf(ownerB, "openAdvisories=false")).toEqual(["hmi", "switch"]);
    expect(await keysOf(ownerA, "openAdvisories=true")).toEqual(["nda", "plc", "rtu", "switch"]);
    const hmi = await ok<{ items: { status: string }[] }>(
      call(ownerB, "GET", `/v1/catalog/components/${ids.hmi}/advisories`),
    );
    expect(hmi.items.map((i) => i.status)).toEqual(["rejected"]);
  });

  it("a republished component with a newer fixed version closes the advisory", async () => {
    const current = await call(supplier, "GET", `/v1/components/${ids.plc}`);
    const etag = current.headers.get("etag") ?? "";
    await ok(
      call(
        supplier,
        "PATCH",
        `/v1/components/${ids.plc}`,
        { versions: [{ version: "2.4.0" }, { version: "2.5.0" }, { version: "2.6.0" }] },
        { "if-match": etag },
      ),
    );
    const edited = await call(supplier, "GET", `/v1/components/${ids.plc}`);
    await ok(
      call(supplier, "POST", `/v1/components/${ids.plc}/publish`, undefined, {
        "if-match": edited.headers.get("etag") ?? "",
      }),
    );
    await poller.drain(30_000);
    expect(await keysOf(ownerB, "openAdvisories=true")).toEqual(["rtu"]);
    const plc = await ok<{ items: { status: string; version: string }[] }>(
      call(ownerB, "GET", `/v1/catalog/components/${ids.plc}/advisories`),
    );
    expect(plc.items).toMatchObject([{ status: "fixed", version: "2.6.0" }]);
  });

  it("a supplier's draft edit keeps the catalog facts (they are not part of the content)", async () => {
    const before = await catalog(ownerA, "openAdvisories=true");
    const current = await call(supplier, "GET", `/v1/components/${ids.rtu}`);
    await ok(
      call(
        supplier,
        "PATCH",
        `/v1/components/${ids.rtu}`,
        { description: "Edited draft only." },
        {
          "if-match": current.headers.get("etag") ?? "",
        },
      ),
    );
    await poller.drain(30_000);
    expect((await catalog(ownerA, "openAdvisories=true")).map((e) => e.name)).toEqual(
      before.map((e) => e.name),
    );
  });
});
