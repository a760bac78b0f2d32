import {
  type TAssuranceBasis,
  type TSite,
  type TSitePatch,
  type TZone,
  type TZonePatch,
  ZSite,
  ZZone,
} from "@assure/shared";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import type { Db } from "../db/client";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";
import { queryAll, StaleWrite, type WriteContext, writeEntity } from "./site-items";

export const siteItem = (site: TSite) => ({ ...keys.site(site.tenantId, site.id), type: "site", ...site });

export async function createSite(
  db: Db,
  input: {
    tenantId: string;
    name: string;
    location?: string;
    description?: string;
    actor: string;
    now: Date;
    /** Writes that must succeed with the site (an import's audit, nothing else). */
    id?: string;
  },
): Promise<TSite> {
  const at = input.now.toISOString();
  const site = ZSite.parse({
    id: input.id ?? ulid().toLowerCase(),
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
        Item: siteItem(site),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    auditPut(db, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: input.id ? "site.import" : "site.create",
      subject: `site:${site.id}`,
      after: site,
      at: input.now,
    }),
  ]);
  return site;
}

export async function updateSite(
  db: Db,
  input: {
    before: TSite;
    patch: TSitePatch;
    expectedVersion: number;
    actor: string;
    now: Date;
    /** Set when an integrator edits through a grant: the write then also needs the grant to still say write. */
    granteeTenantId?: string | undefined;
  },
): Promise<TSite> {
  const { integratorTenantId, ...fields } = input.patch;
  const after = ZSite.parse({
    ...input.before,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    ...(integratorTenantId === undefined
      ? {}
      : { integratorTenantId: integratorTenantId === null ? undefined : integratorTenantId }),
    version: input.before.version + 1,
    updatedAt: input.now.toISOString(),
  });
  const checks =
    integratorTenantId && integratorTenantId !== input.before.integratorTenantId
      ? [
          {
            name: "integrator",
            item: {
              ConditionCheck: {
                TableName: db.tableName,
                Key: keys.siteShare(integratorTenantId, input.before.id),
                ConditionExpression: "attribute_exists(pk)",
              },
            },
          },
        ]
      : [];
  await writeEntity(
    db,
    {
      ownerTenantId: after.tenantId,
      siteId: after.id,
      actor: input.actor,
      now: input.now,
      granteeTenantId: input.granteeTenantId,
    },
    {
      key: keys.site(after.tenantId, after.id),
      item: siteItem(after),
      expected: input.expectedVersion,
      action: "site.update",
      subject: `site:${after.id}`,
      before: input.before,
      after,
      checks,
      isSite: true,
    },
  );
  return after;
}

/**
 * Deletes the site item (the commit point: everything below a site is reached through it), then removes its
 * children and the grantees' pointers in batches. See docs/adr/0040.
 */
export async function deleteSiteItem(
  db: Db,
  input: { site: TSite; expectedVersion: number; actor: string; now: Date },
): Promise<void> {
  try {
    await transact(db, [
      {
        Delete: {
          TableName: db.tableName,
          Key: keys.site(input.site.tenantId, input.site.id),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": input.expectedVersion },
        },
      },
      auditPut(db, {
        tenantId: input.site.tenantId,
        actor: input.actor,
        action: "site.delete",
        subject: `site:${input.site.id}`,
        before: input.site,
        at: input.now,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new StaleWrite();
    throw error;
  }
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
    granteeTenantId?: string | undefined;
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
  await writeEntity(db, writeContext(input), {
    key: keys.zone(input.tenantId, input.siteId, zone.id),
    item: { type: "zone", ...zone },
    action: "zone.create",
    subject: `zone:${zone.id}`,
    after: zone,
  });
  return zone;
}

const writeContext = (input: {
  tenantId: string;
  siteId: string;
  actor: string;
  now: Date;
  granteeTenantId?: string | undefined;
}): WriteContext => ({
  ownerTenantId: input.tenantId,
  siteId: input.siteId,
  actor: input.actor,
  now: input.now,
  granteeTenantId: input.granteeTenantId,
});

export async function updateZone(
  db: Db,
  context: WriteContext,
  input: { before: TZone; patch: TZonePatch; expectedVersion: number },
): Promise<TZone> {
  const after = ZZone.parse({
    ...input.before,
    ...Object.fromEntries(Object.entries(input.patch).filter(([, value]) => value !== undefined)),
    version: input.before.version + 1,
    updatedAt: context.now.toISOString(),
  });
  await writeEntity(db, context, {
    key: keys.zone(context.ownerTenantId, context.siteId, after.id),
    item: { type: "zone", ...after },
    expected: input.expectedVersion,
    action: "zone.update",
    subject: `zone:${after.id}`,
    before: input.before,
    after,
  });
  return after;
}

export async function deleteZone(
  db: Db,
  context: WriteContext,
  input: { before: TZone; expectedVersion: number; countermeasureIds: string[] },
): Promise<void> {
  await writeEntity(db, context, {
    key: keys.zone(context.ownerTenantId, context.siteId, input.before.id),
    expected: input.expectedVersion,
    action: "zone.delete",
    subject: `zone:${input.before.id}`,
    before: input.before,
    extra: input.countermeasureIds.map((id) => ({
      Delete: {
        TableName: db.tableName,
        Key: keys.countermeasure(context.ownerTenantId, context.siteId, id),
      },
    })),
  });
}

export async function listSites(db: Db, tenantId: string): Promise<TSite[]> {
  return queryAll(db, ZSite, keys.tenantPrefix(tenantId), keys.sitePrefix);
}

export async function getSite(db: Db, tenantId: string, siteId: string): Promise<TSite | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.site(tenantId, siteId), ConsistentRead: true }),
  );
  return Item ? parseItem(ZSite, Item) : undefined;
}

export async function listZones(db: Db, tenantId: string, siteId: string): Promise<TZone[]> {
  return queryAll(db, ZZone, keys.tenantPrefix(tenantId), keys.zonePrefix(siteId));
}
