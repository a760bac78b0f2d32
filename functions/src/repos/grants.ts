import { type TGrantAccess, type TSite, type TSiteGrant, type TTenant, ZSiteGrant } from "@assure/shared";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { Db } from "../db/client";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";
import { queryAll, StaleWrite } from "./site-items";

/** The grantee's pointer: proof of access (read consistently) and its "shared with me" list. */
export const ZSiteShare = z.object({
  siteId: z.string(),
  ownerTenantId: z.string(),
  access: z.enum(["read", "write"]),
  grantedAt: z.string(),
});
export type TSiteShare = z.infer<typeof ZSiteShare>;

const grantItem = (grant: TSiteGrant) => ({
  ...keys.siteGrant(grant.ownerTenantId, grant.siteId, grant.granteeTenantId),
  type: "siteGrant",
  ...grant,
});

/**
 * Grants (or changes) a tenant's access to a site: the grant in the owner's partition and the pointer in the
 * grantee's, one transaction with an audit event in both tenants' trails.
 */
export async function putGrant(
  db: Db,
  input: {
    site: TSite;
    grantee: TTenant;
    access: TGrantAccess;
    before: TSiteGrant | undefined;
    expectedVersion?: number | undefined;
    actor: string;
    now: Date;
  },
): Promise<TSiteGrant> {
  const at = input.now.toISOString();
  const active = input.before && !input.before.revokedAt ? input.before : undefined;
  const grant = ZSiteGrant.parse({
    siteId: input.site.id,
    ownerTenantId: input.site.tenantId,
    granteeTenantId: input.grantee.id,
    granteeName: input.grantee.name,
    granteeSlug: input.grantee.slug,
    access: input.access,
    grantedBy: active?.grantedBy ?? input.actor,
    grantedAt: active?.grantedAt ?? at,
    version: (input.before?.version ?? 0) + 1,
    updatedAt: at,
  });
  const expected = input.expectedVersion ?? input.before?.version;
  try {
    await transact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: grantItem(grant),
          ...(expected === undefined
            ? { ConditionExpression: "attribute_not_exists(pk)" }
            : {
                ConditionExpression: "#version = :expected",
                ExpressionAttributeNames: { "#version": "version" },
                ExpressionAttributeValues: { ":expected": expected },
              }),
        },
      },
      {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.site(input.site.tenantId, input.site.id),
          ConditionExpression: "attribute_exists(pk)",
        },
      },
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.siteShare(input.grantee.id, input.site.id),
            type: "siteShare",
            siteId: input.site.id,
            ownerTenantId: input.site.tenantId,
            access: input.access,
            grantedAt: grant.grantedAt,
          },
        },
      },
      auditPut(db, {
        tenantId: input.site.tenantId,
        actor: input.actor,
        action: active ? "site.grant.update" : "site.grant",
        subject: `site:${input.site.id}/grantee:${input.grantee.id}`,
        before: input.before,
        after: grant,
        at: input.now,
      }),
      auditPut(db, {
        tenantId: input.grantee.id,
        actor: input.actor,
        action: "site.granted_to_me",
        subject: `site:${input.site.id}`,
        after: { access: input.access },
        at: input.now,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new StaleWrite();
    throw error;
  }
  return grant;
}

/** Revokes: the grant stays (revokedAt), the pointer goes, and a revoked integrator stops being responsible. */
export async function revokeGrant(
  db: Db,
  input: { site: TSite; before: TSiteGrant; expectedVersion: number; actor: string; now: Date },
): Promise<TSiteGrant> {
  const at = input.now.toISOString();
  const after = ZSiteGrant.parse({
    ...input.before,
    revokedAt: at,
    revokedBy: input.actor,
    version: input.before.version + 1,
    updatedAt: at,
  });
  const clearsIntegrator = input.site.integratorTenantId === input.before.granteeTenantId;
  try {
    await transact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: grantItem(after),
          ConditionExpression: "#version = :expected AND attribute_not_exists(revokedAt)",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": input.expectedVersion },
        },
      },
      {
        Delete: {
          TableName: db.tableName,
          Key: keys.siteShare(input.before.granteeTenantId, input.site.id),
        },
      },
      ...(clearsIntegrator
        ? [
            {
              Update: {
                TableName: db.tableName,
                Key: keys.site(input.site.tenantId, input.site.id),
                UpdateExpression: "REMOVE integratorTenantId SET #version = #version + :one, updatedAt = :at",
                ConditionExpression: "integratorTenantId = :grantee",
                ExpressionAttributeNames: { "#version": "version" },
                ExpressionAttributeValues: { ":one": 1, ":at": at, ":grantee": input.before.granteeTenantId },
              },
            },
          ]
        : []),
      auditPut(db, {
        tenantId: input.site.tenantId,
        actor: input.actor,
        action: "site.grant.revoke",
        subject: `site:${input.site.id}/grantee:${input.before.granteeTenantId}`,
        before: input.before,
        after,
        at: input.now,
      }),
      auditPut(db, {
        tenantId: input.before.granteeTenantId,
        actor: input.actor,
        action: "site.revoked_from_me",
        subject: `site:${input.site.id}`,
        at: input.now,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new StaleWrite();
    throw error;
  }
  return after;
}

export async function listGrants(db: Db, ownerTenantId: string, siteId: string): Promise<TSiteGrant[]> {
  return queryAll(db, ZSiteGrant, keys.tenantPrefix(ownerTenantId), keys.siteGrantPrefix(siteId));
}

export async function getGrant(
  db: Db,
  ownerTenantId: string,
  siteId: string,
  granteeTenantId: string,
): Promise<TSiteGrant | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.siteGrant(ownerTenantId, siteId, granteeTenantId),
      ConsistentRead: true,
    }),
  );
  return Item ? parseItem(ZSiteGrant, Item) : undefined;
}

/** The grantee's active share of a site, read consistently so a revocation takes effect at once. */
export async function getShare(
  db: Db,
  granteeTenantId: string,
  siteId: string,
): Promise<TSiteShare | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.siteShare(granteeTenantId, siteId),
      ConsistentRead: true,
    }),
  );
  return Item ? parseItem(ZSiteShare, Item) : undefined;
}

export async function listShares(db: Db, granteeTenantId: string): Promise<TSiteShare[]> {
  return queryAll(db, ZSiteShare, keys.tenantPrefix(granteeTenantId), keys.siteSharePrefix);
}
