import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { LEASE_MS } from "../../functions/src/http/idempotency";
import { DEFAULT_MAX_CSAF_DOCUMENT_BYTES } from "../../functions/src/usecases/import-advisory";
import { createTestApp, type TestActor, type TestApp } from "../support/app";
import { interceptCommands } from "../support/leading-keys-guard";

/**
 * A retried POST with an Idempotency-Key replays the first answer — to the same caller only, after checking the
 * caller may make the request now, never with a secret in it, and not for ever if the first request died.
 */

let clock = new Date("2026-12-08T06:00:00Z");
/** Fails the write that would store one request's answer, as a Lambda timing out after the handler would. */
let crashAfterHandler = false;
let t: TestApp;
let owner: TestActor;

beforeAll(async () => {
  t = await createTestApp({
    now: () => clock,
    wrapDb: (db) =>
      interceptCommands(db, (command, next) => {
        const item = command.input.Item as { type?: string; state?: string } | undefined;
        if (crashAfterHandler && item?.type === "idempotency" && item.state === "done") {
          crashAfterHandler = false;
          return Promise.reject(new Error("Task timed out after 15.00 seconds"));
        }
        return next(command);
      }),
  });
  owner = await t.actor(["asset_owner"], "admin", "Idempotent Owner");
});

const post = (actor: TestActor, path: string, key: string, body: unknown = {}) =>
  t.app.request(path, {
    method: "POST",
    headers: actor.headers({ "idempotency-key": key }),
    body: JSON.stringify(body),
  });

async function sitesNamed(actor: TestActor, name: string) {
  const res = await t.app.request(`/v1/sites?q=${encodeURIComponent(name)}&limit=100`, {
    headers: actor.headers(),
  });
  return ((await res.json()).items as { name: string }[]).filter((site) => site.name === name);
}

async function storedIdempotencyRecords() {
  const { Items } = await t.db.doc.send(
    new ScanCommand({
      TableName: t.db.tableName,
      FilterExpression: "#type = :type",
      ExpressionAttributeNames: { "#type": "type" },
      ExpressionAttributeValues: { ":type": "idempotency" },
    }),
  );
  return JSON.stringify(Items ?? []);
}

describe("idempotent replay is per caller and authorised", () => {
  it.each([
    ["a viewer of the same tenant is refused, not replayed", "viewer", 403],
    ["another editor acts for themselves instead of getting the first answer", "editor", 201],
  ] as const)("%s", async (_label, role, status) => {
    const name = `Replay plant ${role}`;
    const first = await post(owner, "/v1/sites", `create-${role}`, { name });
    expect(first.status).toBe(201);
    const firstSite = await first.json();

    const other = await t.member(owner.tenant, role);
    const second = await post(other, "/v1/sites", `create-${role}`, { name });
    expect(second.status).toBe(status);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    if (status === 201) expect((await second.json()).id).not.toBe(firstSite.id);
    else expect((await second.json()).code).toBe("forbidden");

    // The first caller still gets its own answer back.
    const again = await post(owner, "/v1/sites", `create-${role}`, { name });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe(firstSite.id);
  });
});

describe("answers with secrets are never stored", () => {
  it.each([
    ["an API key", "/v1/api-keys", { name: "Replayed CI", scopes: ["sites:read"] }, "GET /v1/api-keys"],
    [
      "the webhook signing key",
      "/v1/advisories/settings/webhook-signing",
      {},
      "GET /v1/advisories/settings/webhook-signing",
    ],
  ])("%s: a replay answers 409 pointing at the resource", async (_label, path, body, pointer) => {
    const key = `secret-${path}`;
    const created = await post(owner, path, key, body);
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    expect(secret.length).toBeGreaterThan(20);
    expect(await storedIdempotencyRecords()).not.toContain(secret);

    const replayed = await post(owner, path, key, body);
    expect(replayed.status).toBe(409);
    expect(replayed.headers.get("content-type")).toContain("application/problem+json");
    const text = await replayed.text();
    expect(text).not.toContain(secret);
    expect(JSON.parse(text).detail).toContain(pointer);
    expect(await storedIdempotencyRecords()).not.toContain(secret);
  });

  it("the replayed API-key creation made no second key", async () => {
    const keys = await (await t.app.request("/v1/api-keys", { headers: owner.headers() })).json();
    expect(keys.items.filter((k: { name: string }) => k.name === "Replayed CI")).toHaveLength(1);
  });
});

describe("a request that died holds its key only for a lease", () => {
  it("a retry is refused while the lease runs and proceeds once it ran out", async () => {
    const name = "Crashed plant";
    crashAfterHandler = true;
    const crashed = await post(owner, "/v1/sites", "crash-1", { name });
    expect(crashed.status).toBe(500);

    const early = await post(owner, "/v1/sites", "crash-1", { name });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toContain("still being processed");

    clock = new Date(clock.getTime() + LEASE_MS + 1000);
    // Two retries race for the stale key: one takes it over, the other is refused or gets its answer.
    const retries = await Promise.all([
      post(owner, "/v1/sites", "crash-1", { name }),
      post(owner, "/v1/sites", "crash-1", { name }),
    ]);
    const statuses = retries.map((res) => res.status).sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    expect(
      retries.filter((res) => res.status === 201 && !res.headers.get("idempotent-replayed")),
    ).toHaveLength(1);
    // The crashed request's site and the one retry's: never a third.
    expect(await sitesNamed(owner, name)).toHaveLength(2);

    const later = await post(owner, "/v1/sites", "crash-1", { name });
    expect(later.headers.get("idempotent-replayed")).toBe("true");
  });
});

describe("route body limits apply before the idempotency layer reads the body", () => {
  it("an oversized CSAF document is refused with 413 after reading little of it, and nothing is stored", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const total = DEFAULT_MAX_CSAF_DOCUMENT_BYTES * 4;
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await t.app.request(
      new Request("http://localhost/v1/advisories", {
        method: "POST",
        headers: owner.headers({ "idempotency-key": "huge-1" }),
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe("payload_too_large");
    expect(pulled).toBeLessThan(DEFAULT_MAX_CSAF_DOCUMENT_BYTES + 4 * chunk.byteLength);

    // The key is free: the same key with another body is not "a different request".
    const retry = await post(owner, "/v1/advisories", "huge-1", { document: {} });
    expect(retry.status).not.toBe(409);
    expect(await storedIdempotencyRecords()).not.toContain("huge-1");
  });
});
