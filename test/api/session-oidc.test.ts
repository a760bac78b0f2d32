import { beforeAll, describe, expect, it } from "vitest";
import { signToken } from "../../functions/src/auth/tokens";
import { getUserForSignIn } from "../../functions/src/repos/users";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let member: TestActor;
let serviceToken: string;

beforeAll(async () => {
  t = await createTestApp();
  member = await t.actor(["asset_owner"], "owner", "OIDC Owner");
  serviceToken = await signToken(t.signingKey, { sub: "portal", scope: "session" });
});

const oidc = (body: Record<string, unknown>, token = serviceToken) =>
  t.app.request("/v1/session/oidc", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("OIDC sign-in links or creates accounts only for e-mail addresses the IdP verified", () => {
  it.each([
    ["an existing user's e-mail, not verified", () => member.user.email, { emailVerified: false }, 403],
    ["an existing user's e-mail, verification not stated", () => member.user.email, {}, 400],
    ["a new e-mail, not verified", () => "newcomer-unverified@example.test", { emailVerified: false }, 403],
  ])("refuses %s", async (_label, email, extra, status) => {
    const res = await oidc({ email: email(), name: "Someone", ...extra });
    expect(res.status).toBe(status);
    const body = await res.json();
    if (status === 403) expect(body.detail).toMatch(/identity provider has not verified/);
    else expect(body.errors.map((e: { path: string }) => e.path)).toContain("/emailVerified");
  });

  it("creates no account for an unverified e-mail", async () => {
    await oidc({ email: "ghost@example.test", name: "Ghost", emailVerified: false });
    expect(await getUserForSignIn(t.db, "ghost@example.test")).toBeUndefined();
  });

  it("links a verified e-mail to the existing user, with their memberships", async () => {
    const res = await oidc({ email: member.user.email.toUpperCase(), name: "Someone", emailVerified: true });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user.id).toBe(member.user.id);
    expect(body.memberships.map((m: { tenantId: string }) => m.tenantId)).toEqual([member.tenant.id]);
  });

  it("creates a user without memberships for a new verified e-mail", async () => {
    const res = await oidc({
      email: "verified-newcomer@example.test",
      name: "Newcomer",
      emailVerified: true,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).memberships).toEqual([]);
  });

  it("needs the portal's service token", async () => {
    const res = await oidc({ email: member.user.email, name: "x", emailVerified: true }, member.token);
    expect(res.status).toBe(401);
  });
});
