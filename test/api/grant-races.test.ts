import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../functions/src/db/client";
import { keys } from "../../functions/src/db/keys";
import { createTestApp, type TestActor, type TestApp } from "../support/app";
import { interceptCommands, type TSentCommand } from "../support/leading-keys-guard";

/**
 * A grantee's write that was authorised when it was read must still hold a write grant when it is written: the
 * owner revokes (or downgrades) the grant between the grantee's read and its transaction, and the write fails.
 */

let t: TestApp;
let owner: TestActor;
let integrator: TestActor;
/** Runs once, just before the next transaction whose audit event has this action. */
let hook: { action: string; run: () => Promise<void> } | undefined;

const auditActionOf = (command: TSentCommand) =>
  command.constructor.name === "TransactWriteCommand"
    ? (command.input.TransactItems as { Put?: { Item?: { type?: string; action?: string } } }[]).find(
        (entry) => entry.Put?.Item?.type === "audit",
      )?.Put?.Item?.action
    : undefined;

const racing = (db: Db) =>
  interceptCommands(db, async (command, next) => {
    const armed = hook;
    if (armed && auditActionOf(command) === armed.action) {
      hook = undefined;
      await armed.run();
    }
    return next(command);
  });

beforeAll(async () => {
  t = await createTestApp({ wrapDb: racing });
  owner = await t.actor(["asset_owner"], "owner", "Race Owner");
  integrator = await t.actor(["integrator"], "editor", "Race Integrator");
});

async function call(actor: TestActor, method: string, path: string, body?: unknown, ifMatch?: number) {
  const res = await t.app.request(path, {
    method,
    headers: actor.headers(ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** A site shared with the integrator for writing, with the obligations the site generates. */
async function sharedSite(name: string) {
  const site = (await call(owner, "POST", "/v1/sites", { name })).body;
  const grant = await call(owner, "POST", `/v1/sites/${site.id}/grants`, {
    granteeSlug: integrator.tenant.slug,
    access: "write",
  });
  expect(grant.status).toBe(201);
  const obligations = (await call(integrator, "GET", `/v1/sites/${site.id}/obligations`)).body.items;
  expect(obligations.length).toBeGreaterThan(0);
  return { site, grantVersion: grant.body.version as number, obligation: obligations[0] };
}

const withdrawals = {
  revoked: (siteId: string, version: number) =>
    call(owner, "DELETE", `/v1/sites/${siteId}/grants/${integrator.tenant.id}`, undefined, version),
  "made read-only": (siteId: string, version: number) =>
    call(owner, "PATCH", `/v1/sites/${siteId}/grants/${integrator.tenant.id}`, { access: "read" }, version),
};

describe("a grantee's write racing the withdrawal of its grant fails and changes nothing", () => {
  it.each(Object.keys(withdrawals) as (keyof typeof withdrawals)[])(
    "editing the site while the grant is %s",
    async (how) => {
      const { site, grantVersion } = await sharedSite(`Race site ${how}`);
      hook = {
        action: "site.update",
        run: async () => expect((await withdrawals[how](site.id, grantVersion)).status).toBe(200),
      };
      const res = await call(integrator, "PATCH", `/v1/sites/${site.id}`, { name: "Renamed" }, site.version);
      expect(hook).toBeUndefined();
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/write access .* withdrawn/);
      expect((await call(owner, "GET", `/v1/sites/${site.id}`)).body.name).toBe(`Race site ${how}`);
    },
  );

  it.each(Object.keys(withdrawals) as (keyof typeof withdrawals)[])(
    "working on an obligation while the grant is %s",
    async (how) => {
      const { site, grantVersion, obligation } = await sharedSite(`Race obligations ${how}`);
      hook = {
        action: "obligation.update",
        run: async () => expect((await withdrawals[how](site.id, grantVersion)).status).toBe(200),
      };
      const path = `/v1/sites/${site.id}/obligations/${obligation.id}`;
      const res = await call(integrator, "PATCH", path, { status: "in_progress" }, obligation.version);
      expect(hook).toBeUndefined();
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/write access .* withdrawn/);
      expect((await call(owner, "GET", path)).body.status).toBe(obligation.status);
    },
  );

  it("an obligation write racing the deletion of its site fails", async () => {
    const { site, obligation } = await sharedSite("Race deleted site");
    // Deleting a site removes the site item first (the commit point), then its children: the race is the gap.
    hook = {
      action: "obligation.update",
      run: async () => {
        await t.db.doc.send(
          new DeleteCommand({ TableName: t.db.tableName, Key: keys.site(owner.tenant.id, site.id) }),
        );
      },
    };
    const path = `/v1/sites/${site.id}/obligations/${obligation.id}`;
    const res = await call(owner, "PATCH", path, { status: "in_progress" }, obligation.version);
    expect(hook).toBeUndefined();
    expect(res.status).toBe(404);
  });
});
