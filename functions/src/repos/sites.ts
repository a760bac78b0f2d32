import { type TAssuranceBasis, type TSite, type TZone, ZSite, ZZone } from "@assure/shared";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import type { Db } from "../db/client";
import { parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { transact } from "../db/transact";
import { auditPut } from "./audit";

export async function createSite(
  db: Db,
  input: {
    tenantId: string;
    name: string;
    location?: string;
    description?: string;
    actor: string;
    now: Date;
  },
): Promise<TSite> {
  const at = input.now.toISOString();
  const site = ZSite.parse({
    id: ulid().toLowerCase(),
    tenantId: input.tenantId,
    name: input.name,
    location: input.location ?? "",
    description: input.description ?? "",
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.site(input.tenantId, site.id), type: "site", ...site },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    auditPut(db, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: "site.create",
      subject: `site:${site.id}`,
      after: site,
      at: input.now,
    }),
  ]);
  return site;
}

export async function createZone(
  db: Db,
  input: {
    tenantId: string;
    siteId: string;
    name: string;
    description?: string;
    slT: number[];
    minimumBasis?: TAssuranceBasis;
    actor: string;
    now: Date;
  },
): Promise<TZone> {
  const at = input.now.toISOString();
  const zone = ZZone.parse({
    id: ulid().toLowerCase(),
    siteId: input.siteId,
    name: input.name,
    description: input.description ?? "",
    slT: input.slT,
    minimumBasis: input.minimumBasis ?? "self_declared",
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.zone(input.tenantId, input.siteId, zone.id), type: "zone", ...zone },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    {
      // The zone belongs to an existing site of the same tenant.
      ConditionCheck: {
        TableName: db.tableName,
        Key: keys.site(input.tenantId, input.siteId),
        ConditionExpression: "attribute_exists(pk)",
      },
    },
    auditPut(db, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: "zone.create",
      subject: `zone:${zone.id}`,
      after: zone,
      at: input.now,
    }),
  ]);
  return zone;
}

export async function listSites(db: Db, tenantId: string): Promise<TSite[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.tenantPrefix(tenantId), ":prefix": keys.sitePrefix },
    }),
  );
  return parseItems(ZSite, result.Items);
}

export async function getSite(db: Db, tenantId: string, siteId: string): Promise<TSite | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.site(tenantId, siteId) }),
  );
  return Item ? parseItem(ZSite, Item) : undefined;
}

export async function listZones(db: Db, tenantId: string, siteId: string): Promise<TZone[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.tenantPrefix(tenantId), ":prefix": keys.zonePrefix(siteId) },
    }),
  );
  return parseItems(ZZone, result.Items);
}
