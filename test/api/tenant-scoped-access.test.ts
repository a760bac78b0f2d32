import { beforeAll, describe, expect, it } from "vitest";
import { deliverNotification, listNotifications } from "../../functions/src/repos/notifications";
import { createTestApp, type TestActor, type TestApp } from "../support/app";
import { guardLeadingKeys, type LeadingKeysLog } from "../support/leading-keys-guard";

/**
 * In AWS the inbox and tenant-settings routes sign as the tenant-scoped role, which IAM confines to the caller's
 * partitions with dynamodb:LeadingKeys. DynamoDB Local has no IAM, so a guard with the same rule stands in for
 * it: these routes must work under it (or they would fail in AWS) and the guard must refuse a foreign key.
 */
const log: LeadingKeysLog = { partitionKeys: [], refused: [] };
const tenantsSeen: string[] = [];
let t: TestApp;
let owner: TestActor;

beforeAll(async () => {
  t = await createTestApp({
    tenantDb: (db) => (tenantId) => {
      tenantsSeen.push(tenantId);
      return guardLeadingKeys(db, tenantId, log);
    },
  });
  owner = await t.actor(["asset_owner"], "owner", "Rheinwasser Scoped");
});

const request = (path: string, init: { method?: string; body?: unknown; ifMatch?: string | null } = {}) =>
  t.app.request(path, {
    method: init.method ?? "GET",
    headers: owner.headers(init.ifMatch ? { "if-match": init.ifMatch } : {}),
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

describe("routes confined to the caller's tenant", () => {
  it("read and mark the inbox and read and change advisory settings through the tenant-confined client only", async () => {
    const delivered = await deliverNotification(t.db, {
      tenantId: owner.tenant.id,
      kind: "advisory_impact",
      title: "ICSA-26-001 affects 3 of your assets",
      body: "Klärwerk Süd: PLC-1 ×2, HMI-1",
      link: "/advisories/icsa-26-001",
      subject: "advisory:icsa-26-001:rev:1",
      at: new Date(),
    });
    expect(delivered).toBeDefined();

    const inbox = await request("/v1/inbox");
    expect(inbox.status).toBe(200);
    expect(await inbox.json()).toMatchObject({
      unread: 1,
      items: [{ title: "ICSA-26-001 affects 3 of your assets" }],
    });
    expect(await (await request("/v1/inbox/unread")).json()).toEqual({ unread: 1 });
    const marked = await request("/v1/inbox/read", { method: "POST", body: { ids: [delivered?.id] } });
    expect(await marked.json()).toEqual({ marked: 1, unread: 0 });
    expect((await request("/v1/inbox/read-all", { method: "POST" })).status).toBe(200);

    const settings = {
      strictCsafImport: true,
      notifyEmails: ["ot-security@rheinwasser.example"],
      webhookUrl: null,
    };
    const ifMatch = (await request("/v1/advisories/settings")).headers.get("etag");
    expect(
      (await request("/v1/advisories/settings", { method: "PUT", body: settings, ifMatch })).status,
    ).toBe(200);
    expect(await (await request("/v1/advisories/settings")).json()).toMatchObject(settings);

    expect(new Set(tenantsSeen)).toEqual(new Set([owner.tenant.id]));
    expect(log.refused).toEqual([]);
    // Every command went through the guard: notifications, the unread counter, settings and their audit events.
    expect(log.partitionKeys).toEqual(
      expect.arrayContaining([
        `T#${owner.tenant.id}#INBOX`,
        `T#${owner.tenant.id}`,
        `T#${owner.tenant.id}#AUDIT`,
      ]),
    );
  });

  it("the guard refuses a key outside the tenant, as IAM would", async () => {
    const refusals: LeadingKeysLog = { partitionKeys: [], refused: [] };
    const confinedToOther = guardLeadingKeys(t.db, "01jzzzzzzzzzzzzzzzzzzzzzzz", refusals);
    await expect(
      listNotifications(confinedToOther, { tenantId: owner.tenant.id, limit: 10 }),
    ).rejects.toThrow(/AccessDeniedException/);
    expect(refusals.refused).toEqual([`T#${owner.tenant.id}#INBOX`]);
  });
});
