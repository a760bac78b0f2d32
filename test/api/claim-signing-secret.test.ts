import { beforeAll, describe, expect, it, vi } from "vitest";
import { cachedSecretString } from "../../functions/src/aws/secrets";
import { claimSignerFromSecret, verifySignedClaim } from "../../functions/src/signing/claim-signer";
import { nextSigningKeySet, parseSigningKeySet } from "../../functions/src/signing/key-set";
import { buildComponentInput } from "../builders/component";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

// In AWS the claim-signing key is a secret the stack rotates (CLAIM_SIGNING_KEY_SECRET_ID, docs/deploy.md):
// read when a request needs it, re-read after the cache time, every previous key kept in the JWKS.
const TTL_MS = 5 * 60_000;
let clock = Date.parse("2026-12-01T08:00:00Z");
let secret = JSON.stringify({ keys: [], bootstrap: "value before the first rotation" });
const reads: string[] = [];

let t: TestApp;
let supplier: TestActor;
let customer: TestActor;

beforeAll(async () => {
  const read = async (secretId: string) => {
    reads.push(secretId);
    return secret;
  };
  t = await createTestApp({
    loadClaimSigner: claimSignerFromSecret(
      cachedSecretString("assure/dev/api/claim-signing-key", { ttlMs: TTL_MS, read, now: () => clock }),
    ),
  });
  supplier = await t.actor(["supplier"], "editor");
  customer = await t.actor(["asset_owner"], "viewer");
});

const call = (
  actor: TestActor | undefined,
  method: string,
  path: string,
  extra: Record<string, string> = {},
) => t.app.request(path, { method, headers: actor ? actor.headers(extra) : extra });

async function createAndPublish(name: string) {
  const created = await (
    await t.app.request("/v1/components", {
      method: "POST",
      headers: supplier.headers(),
      body: JSON.stringify(buildComponentInput({ name })),
    })
  ).json();
  const etag = (await call(supplier, "GET", `/v1/components/${created.id}`)).headers.get("etag") ?? "";
  return {
    id: created.id as string,
    res: await call(supplier, "POST", `/v1/components/${created.id}/publish`, { "if-match": etag }),
  };
}

const rotate = (kid: string) => {
  secret = JSON.stringify(nextSigningKeySet(parseSigningKeySet(secret), new Date(clock), kid, "all"));
};

describe("claim-signing key from a rotated secret", () => {
  it("reads the secret only for requests that sign or publish keys", async () => {
    await t.app.request("/health");
    await call(customer, "GET", "/v1/catalog");
    expect((await call(undefined, "GET", "/v1/components/x")).status).toBe(401);
    expect(reads).toEqual([]);
    expect(await (await t.app.request("/.well-known/claims-jwks.json")).json()).toEqual({ keys: [] });
    expect(reads).toEqual(["assure/dev/api/claim-signing-key"]);
  });

  it("refuses to publish while the secret holds the stack's bootstrap value", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { res } = await createAndPublish("Before Rotation Switch");
    error.mockRestore();
    expect(res.status).toBe(500);
    expect((await res.json()).detail).toContain("no claim-signing key");
  });

  it("signs with the rotated key once the cached value expires, and keeps every old key verifiable", async () => {
    rotate("claims-2026-a");
    // Still the cached bootstrap value: no key yet.
    expect(await (await t.app.request("/.well-known/claims-jwks.json")).json()).toEqual({ keys: [] });
    clock += TTL_MS;
    const first = await createAndPublish("Rotation Switch A");
    expect(first.res.status).toBe(200);
    const signedA = await (
      await call(customer, "GET", `/v1/components/${first.id}/revisions/1/signed`)
    ).json();
    expect(signedA.kid).toBe("claims-2026-a");

    rotate("claims-2026-b");
    clock += TTL_MS;
    const second = await createAndPublish("Rotation Switch B");
    const signedB = await (
      await call(customer, "GET", `/v1/components/${second.id}/revisions/1/signed`)
    ).json();
    expect(signedB.kid).toBe("claims-2026-b");

    const jwks = await (await t.app.request("/.well-known/claims-jwks.json")).json();
    expect(jwks.keys.map((key: { kid: string }) => key.kid)).toEqual(["claims-2026-b", "claims-2026-a"]);
    for (const key of jwks.keys) expect(key).not.toHaveProperty("d");
    expect((await verifySignedClaim(signedA.jws, jwks)).ok).toBe(true);
    expect((await verifySignedClaim(signedB.jws, jwks)).ok).toBe(true);
    // One read per cache period, however many requests needed the key.
    expect(reads).toHaveLength(3);
  });

  it("keeps the last value when a re-read fails, and fails only without one", async () => {
    let fail = false;
    const read = async () => {
      if (fail) throw new Error("throttled");
      return "v1";
    };
    let now = 0;
    const value = cachedSecretString("s", { ttlMs: 10, read, now: () => now });
    expect(await value()).toBe("v1");
    fail = true;
    now = 20;
    expect(await value()).toBe("v1");
    const fresh = cachedSecretString("s", { ttlMs: 10, read, now: () => now });
    await expect(fresh()).rejects.toThrow("throttled");
  });
});
