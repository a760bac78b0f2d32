import { beforeAll, describe, expect, it } from "vitest";
import { signToken } from "../../functions/src/auth/tokens";
import { createUser } from "../../functions/src/repos/users";
import { hashPassword } from "../../functions/src/usecases/sign-in-with-password";
import { createTestApp, type TestApp } from "../support/app";

// Small limits so the tests reach them; the API's clock moves to end a window.
const LIMITS = { maxFailuresPerAccount: 3, maxFailuresPerAddress: 5, windowSeconds: 900 };
const PASSWORD = "correct horse battery staple";
let clock = Date.parse("2026-12-08T10:00:00Z");
let t: TestApp;
let serviceToken: string;
let counter = 0;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(clock), signInThrottle: LIMITS });
  serviceToken = await signToken(t.signingKey, { sub: "portal", scope: "session" });
});

async function account() {
  counter += 1;
  const email = `throttle-${counter}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  await createUser(t.db, {
    email,
    name: "Throttled",
    passwordHash: await hashPassword(PASSWORD),
    now: new Date(),
  });
  return email;
}

/** A sign-in as the portal makes it: with its service token, naming the browser's address. */
const viaPortal = (email: string, password: string, address: string) =>
  t.app.request("/v1/session/password", {
    method: "POST",
    headers: {
      authorization: `Bearer ${serviceToken}`,
      "x-assure-client-address": address,
      "content-type": "application/json",
    },
    body: JSON.stringify({ email, password }),
  });

/** A sign-in straight to the API: its address is the connection's, whatever headers it sends. */
const direct = (email: string, password: string, claimedAddress: string) =>
  t.app.request("/v1/session/password", {
    method: "POST",
    headers: { "x-assure-client-address": claimedAddress, "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

async function expectLimited(res: Response, detail: RegExp) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(LIMITS.windowSeconds);
  const body = await res.json();
  expect(body.code).toBe("rate_limited");
  expect(body.detail).toMatch(detail);
}

describe("password sign-in is rate-limited per account and per address", () => {
  it("refuses an account after its failures, even with the right password from a new address", async () => {
    const email = await account();
    for (let i = 0; i < LIMITS.maxFailuresPerAccount; i++) {
      expect((await viaPortal(email, "wrong", `198.51.100.${i + 1}`)).status).toBe(401);
    }
    await expectLimited(await viaPortal(email, PASSWORD, "198.51.100.99"), /this account/);
    // Another account is not affected.
    expect((await viaPortal(await account(), PASSWORD, "198.51.100.99")).status).toBe(200);
  });

  it("refuses an address after its failures across accounts; another address still signs in", async () => {
    for (let i = 0; i < LIMITS.maxFailuresPerAddress; i++) {
      expect((await viaPortal(await account(), "wrong", "203.0.113.7")).status).toBe(401);
    }
    const email = await account();
    await expectLimited(await viaPortal(email, PASSWORD, "203.0.113.7"), /your address/);
    // A success elsewhere does not reset the busy address's counter.
    expect((await viaPortal(email, PASSWORD, "203.0.113.8")).status).toBe(200);
    await expectLimited(await viaPortal(await account(), PASSWORD, "203.0.113.7"), /your address/);
  });

  it("does not count successful sign-ins", async () => {
    const email = await account();
    for (let i = 0; i < LIMITS.maxFailuresPerAccount + 2; i++) {
      expect((await viaPortal(email, PASSWORD, "192.0.2.10")).status).toBe(200);
    }
  });

  it("ignores the address header from callers without the portal's token", async () => {
    for (let i = 0; i < LIMITS.maxFailuresPerAddress; i++) {
      expect((await direct(await account(), "wrong", `192.0.2.${100 + i}`)).status).toBe(401);
    }
    await expectLimited(await direct(await account(), PASSWORD, "192.0.2.200"), /your address/);
  });

  it("lets an account sign in again once the window has passed", async () => {
    const email = await account();
    for (let i = 0; i < LIMITS.maxFailuresPerAccount; i++) await viaPortal(email, "wrong", "198.18.0.1");
    await expectLimited(await viaPortal(email, PASSWORD, "198.18.0.2"), /this account/);
    clock += LIMITS.windowSeconds * 1000;
    expect((await viaPortal(email, PASSWORD, "198.18.0.2")).status).toBe(200);
  });
});
