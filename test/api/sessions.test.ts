import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { keys } from "../../functions/src/db/keys";
import { addMembership } from "../../functions/src/repos/users";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

// The API's clock, moved forward by tests that need the 60-second membership cache to expire.
let clock = Date.now();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(clock) });
});

const removeMember = (actor: TestActor) =>
  t.db.doc.send(
    new DeleteCommand({ TableName: t.db.tableName, Key: keys.membership(actor.tenant.id, actor.user.id) }),
  );

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

async function problemOf(res: Response) {
  return { status: res.status, ...((await res.json()) as { code: string; detail: string }) };
}

describe("the API rechecks membership, role and operator flag on every user call", () => {
  it.each([
    ["a removed member", async (a: TestActor) => removeMember(a), "/v1/sites", 401, /no longer a member/],
    [
      "a demoted admin",
      async (a: TestActor) =>
        addMembership(t.db, {
          tenant: a.tenant,
          user: a.user,
          role: "viewer",
          actor: "test",
          now: new Date(),
        }),
      "/v1/tenants/current/audit",
      403,
      /admin role or higher; you are viewer/,
    ],
  ])("refuses %s whose token still says otherwise", async (_label, change, path, status, detail) => {
    const actor = await t.actor(["asset_owner"], "admin");
    await change(actor);
    const answer = await problemOf(await t.app.request(path, { headers: actor.headers() }));
    expect(answer.status).toBe(status);
    expect(answer.detail).toMatch(detail);
  });

  it("ignores an operator flag the stored user does not have", async () => {
    const actor = await t.actor(["asset_owner"]);
    const claimed = await t.tokenFor(actor.user, actor.tenant, "owner", { op: true });
    const res = await t.app.request("/v1/tenants", { headers: bearer(claimed) });
    expect(res.status).toBe(403);
  });

  it("uses the stored role, not the token's", async () => {
    const viewer = await t.actor(["asset_owner"], "viewer");
    const claimed = await t.tokenFor(viewer.user, viewer.tenant, "owner");
    const res = await t.app.request("/v1/tenants/current/audit", { headers: bearer(claimed) });
    expect(res.status).toBe(403);
    const me = await (await t.app.request("/v1/me", { headers: bearer(claimed) })).json();
    expect(me.role).toBe("viewer");
  });

  it("caches the membership for at most a minute", async () => {
    const actor = await t.actor(["asset_owner"], "admin");
    expect((await t.app.request("/v1/sites", { headers: actor.headers() })).status).toBe(200);
    await removeMember(actor);
    // Within the minute the cached membership may still answer; after it, the removal shows.
    clock += 61_000;
    const after = await problemOf(await t.app.request("/v1/sites", { headers: actor.headers() }));
    expect(after.status).toBe(401);
  });

  it("refuses a user token that does not say when its portal session began", async () => {
    const actor = await t.actor(["asset_owner"]);
    const token = await t.tokenFor(actor.user, actor.tenant, "owner", { sat: undefined });
    const answer = await problemOf(await t.app.request("/v1/sites", { headers: bearer(token) }));
    expect(answer.status).toBe(401);
    expect(answer.detail).toMatch(/session/);
  });
});

describe("revoking sessions", () => {
  it("lets a user sign out everywhere: older sessions are refused in every tenant, newer ones work", async () => {
    const actor = await t.actor(["asset_owner"], "viewer");
    const other = await t.actor(["supplier"]);
    await addMembership(t.db, {
      tenant: other.tenant,
      user: actor.user,
      role: "editor",
      actor: "test",
      now: new Date(),
    });
    const before = Date.now() - 1_000;
    const elsewhere = await t.tokenFor(actor.user, other.tenant, "editor", { sat: before });
    expect((await t.app.request("/v1/components", { headers: bearer(elsewhere) })).status).toBe(200);

    const revoked = await t.app.request("/v1/me/sessions/revoke", {
      method: "POST",
      headers: actor.headers(),
    });
    expect(revoked.status).toBe(200);
    const { sessionsRevokedAt } = await revoked.json();
    expect(Date.parse(sessionsRevokedAt)).toBe(clock);

    for (const token of [actor.token, elsewhere]) {
      const answer = await problemOf(await t.app.request("/v1/me", { headers: bearer(token) }));
      expect(answer.status).toBe(401);
      expect(answer.detail).toMatch(/signed out .*sign in again/i);
    }
    const fresh = await t.tokenFor(actor.user, actor.tenant, "viewer", { sat: clock + 1 });
    expect((await t.app.request("/v1/me", { headers: bearer(fresh) })).status).toBe(200);
  });

  it("lets an admin sign a member out of this tenant only", async () => {
    const admin = await t.actor(["asset_owner"], "admin");
    const member = await t.actor(["supplier"], "editor");
    await addMembership(t.db, {
      tenant: admin.tenant,
      user: member.user,
      role: "editor",
      actor: "test",
      now: new Date(),
    });
    const inAdminTenant = await t.tokenFor(member.user, admin.tenant, "editor", { sat: clock - 1_000 });
    expect((await t.app.request("/v1/sites", { headers: bearer(inAdminTenant) })).status).toBe(200);

    const res = await t.app.request(`/v1/tenants/current/members/${member.user.id}/sessions/revoke`, {
      method: "POST",
      headers: admin.headers(),
    });
    expect(res.status).toBe(200);
    expect((await t.app.request("/v1/sites", { headers: bearer(inAdminTenant) })).status).toBe(401);
    // Its own tenant is not the admin's to sign it out of.
    expect((await t.app.request("/v1/components", { headers: member.headers() })).status).toBe(200);
    const audit = await (
      await t.app.request("/v1/tenants/current/audit", { headers: admin.headers() })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain("membership.sessions_revoke");
  });

  it.each([
    ["an editor", "editor" as const, "owner" as const, 403],
    ["an admin, for an owner", "admin" as const, "owner" as const, 403],
  ])("refuses %s revoking a member's sessions", async (_label, callerRole, targetRole, status) => {
    const caller = await t.actor(["asset_owner"], callerRole);
    const target = await t.actor(["supplier"]);
    await addMembership(t.db, {
      tenant: caller.tenant,
      user: target.user,
      role: targetRole,
      actor: "test",
      now: new Date(),
    });
    const res = await t.app.request(`/v1/tenants/current/members/${target.user.id}/sessions/revoke`, {
      method: "POST",
      headers: caller.headers(),
    });
    expect(res.status).toBe(status);
  });

  it("answers 404 for a user who is not a member of the admin's tenant", async () => {
    const admin = await t.actor(["asset_owner"], "owner");
    const stranger = await t.actor(["asset_owner"]);
    const res = await t.app.request(`/v1/tenants/current/members/${stranger.user.id}/sessions/revoke`, {
      method: "POST",
      headers: admin.headers(),
    });
    expect(res.status).toBe(404);
    expect((await t.app.request("/v1/sites", { headers: stranger.headers() })).status).toBe(200);
  });

  it("refuses API keys", async () => {
    const admin = await t.actor(["asset_owner"], "owner");
    const key = await t.app.request("/v1/api-keys", {
      method: "POST",
      headers: admin.headers(),
      body: JSON.stringify({ name: "ci", scopes: ["sites:read"] }),
    });
    const { secret } = await key.json();
    const res = await t.app.request("/v1/me/sessions/revoke", { method: "POST", headers: bearer(secret) });
    expect(res.status).toBe(403);
  });
});
