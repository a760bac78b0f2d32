import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createNotifier } from "../../functions/src/notify/notifier";
import { createWebhookSender, type OutboundMessage } from "../../functions/src/notify/sender";
import { listAuditEvents } from "../../functions/src/repos/audit";
import {
  getWebhookSecret,
  rotateWebhookSecret,
  WebhookSecretChanged,
} from "../../functions/src/repos/webhook-secrets";
import { createTestApp, type TestActor, type TestApp } from "../support/app";
import { guardLeadingKeys, interceptCommands, type LeadingKeysLog } from "../support/leading-keys-guard";
import { testResolver } from "../support/resolver";

/**
 * Webhooks are signed with the receiving tenant's own key: created by an admin, shown once, rotated at once,
 * never in settings or the audit trail. The routes run through the tenant-confined client (IAM LeadingKeys).
 */
const log: LeadingKeysLog = { partitionKeys: [], refused: [] };
let t: TestApp;
let admin: TestActor;
let other: TestActor;
let editor: TestActor;

beforeAll(async () => {
  t = await createTestApp({ tenantDb: (db) => (tenantId) => guardLeadingKeys(db, tenantId, log) });
  admin = await t.actor(["asset_owner"], "admin", "Rheinwasser Hooks");
  other = await t.actor(["asset_owner"], "owner", "Baltic Hooks");
  editor = await t.actor(["asset_owner"], "editor", "Editor Hooks");
});

const call = (actor: TestActor, method: string, path: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: actor.headers(),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const SIGNING = "/v1/advisories/settings/webhook-signing";

/** PUT /v1/advisories/settings with the ETag just read. */
async function putSettings(actor: TestActor, body: unknown) {
  const ifMatch = (await call(actor, "GET", "/v1/advisories/settings")).headers.get("etag") ?? "";
  return t.app.request("/v1/advisories/settings", {
    method: "PUT",
    headers: actor.headers({ "if-match": ifMatch }),
    body: JSON.stringify(body),
  });
}

describe("per-tenant webhook signing keys", () => {
  it("an admin creates a key shown once, rotates it, and it never appears in settings or the audit trail", async () => {
    expect(await (await call(admin, "GET", SIGNING)).json()).toEqual({ configured: false, createdAt: null });

    const created = await call(admin, "POST", SIGNING);
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const first = await created.json();
    expect(first.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await (await call(admin, "GET", SIGNING)).json()).toEqual({
      configured: true,
      createdAt: first.createdAt,
    });

    const rotated = await (await call(admin, "POST", SIGNING)).json();
    expect(rotated.secret).not.toBe(first.secret);

    const settings = await (await call(admin, "GET", "/v1/advisories/settings")).text();
    const audit = JSON.stringify(await listAuditEvents(t.db, admin.tenant.id, 50));
    for (const text of [settings, audit, await (await call(admin, "GET", SIGNING)).text()]) {
      expect(text).not.toContain(first.secret);
      expect(text).not.toContain(rotated.secret);
    }
    expect(audit).toContain("webhook_secret.create");
    expect(audit).toContain("webhook_secret.rotate");
    expect(log.refused).toEqual([]);
  });

  it("only admins create or rotate a key; another tenant's status is its own", async () => {
    const refused = await call(editor, "POST", SIGNING);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(await (await call(editor, "GET", SIGNING)).json()).toEqual({ configured: false, createdAt: null });
    expect(await (await call(other, "GET", SIGNING)).json()).toEqual({ configured: false, createdAt: null });
  });

  it("a tenant's webhook is signed with its own key; a tenant without one gets it unsigned", async () => {
    const key = (await (await call(other, "POST", SIGNING)).json()).secret as string;
    const hook = {
      strictCsafImport: false,
      notifyEmails: [],
      webhookUrl: "https://hooks.balticgrid.example/assure",
    };
    expect((await putSettings(other, hook)).status).toBe(200);
    const unsignedHook = { ...hook, webhookUrl: "https://hooks.editor.example/assure" };
    expect((await putSettings(editor, unsignedHook)).status).toBe(403);
    const noKeyTenant = await t.actor(["asset_owner"], "admin", "No Key Hooks");
    expect((await putSettings(noKeyTenant, unsignedHook)).status).toBe(200);

    const posted: { url: string; body: string; signature: string | undefined }[] = [];
    const sender = createWebhookSender({
      fetch: async (url, init) => {
        const headers = init.headers as Record<string, string>;
        posted.push({ url, body: String(init.body), signature: headers["x-assure-signature"] });
        return new Response(null, { status: 204 });
      },
      email: { kind: "test", send: async (_message: OutboundMessage) => undefined },
      target: { requireHttps: true, resolve: testResolver() },
    });
    const notifier = createNotifier({ db: t.db, sender, now: () => new Date() });
    for (const tenant of [other, noKeyTenant]) {
      await notifier.notify({
        tenantId: tenant.tenant.id,
        kind: "advisory_impact",
        title: "ICSA-26-002 affects 1 of your assets",
        body: "Substation Riga-3: RTU-7",
        link: "/advisories/icsa-26-002",
        subject: `advisory:icsa-26-002:rev:1:${tenant.tenant.id}`,
      });
    }
    const [signed, unsigned] = posted;
    expect(signed?.url).toBe(hook.webhookUrl);
    expect(signed?.signature).toBe(
      `sha256=${createHmac("sha256", key)
        .update(signed?.body ?? "")
        .digest("hex")}`,
    );
    expect(unsigned?.url).toBe(unsignedHook.webhookUrl);
    expect(unsigned?.signature).toBeUndefined();
  });

  it("of two rotations at once, the one that writes second fails instead of handing out a dead key", async () => {
    const tenant = await t.actor(["asset_owner"], "admin", "Race Hooks");
    const tenantId = tenant.tenant.id;
    await rotateWebhookSecret(t.db, { tenantId, actor: "user:a", now: new Date() });
    let winner: string | undefined;
    // A client that lets another admin's rotation complete just before this one writes.
    const racing = interceptCommands(t.db, async (command, next) => {
      if (command.constructor.name === "TransactWriteCommand" && winner === undefined) {
        winner = (await rotateWebhookSecret(t.db, { tenantId, actor: "user:b", now: new Date() })).secret;
      }
      return next(command);
    });
    await expect(rotateWebhookSecret(racing, { tenantId, actor: "user:a", now: new Date() })).rejects.toThrow(
      WebhookSecretChanged,
    );
    expect((await getWebhookSecret(t.db, tenantId))?.secret).toBe(winner);
  });
});
