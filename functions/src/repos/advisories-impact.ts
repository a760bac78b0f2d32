import {
  type TAdvisoryImpact,
  type TAsset,
  type TEvaluationAdvisory,
  ZAdvisoryImpact,
  ZAsset,
} from "@assure/shared";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";
import { batchWrite } from "./site-items";

/**
 * Advisory impact per asset owner: which of a tenant's assets an advisory hits. Items live in the asset owner's
 * partition (`IMPACT#<site>#<asset>#<advisory>`), so a tenant only ever reads its own.
 */

/** An asset as the byIdentifier index returns it: the asset plus the tenant that owns it. */
export const ZUsedAsset = ZAsset.extend({ ownerTenantId: z.string() });
export type TUsedAsset = z.infer<typeof ZUsedAsset>;

/** Which assets run a component: one query on `USEDBY#<component>` (optionally one tenant's only). */
export async function listAssetsUsingComponent(
  db: Db,
  componentId: string,
  tenantId?: string,
): Promise<TUsedAsset[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: "byIdentifier",
        KeyConditionExpression: tenantId
          ? "identPk = :pk AND begins_with(identSk, :tenant)"
          : "identPk = :pk",
        ExpressionAttributeValues: {
          ":pk": keys.assetUsedByPk(componentId),
          ...(tenantId ? { ":tenant": `${tenantId}#` } : {}),
        },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return parseItems(ZUsedAsset, items);
}

export const impactKey = (
  i: Pick<TAdvisoryImpact, "tenantId" | "siteId" | "assetId"> & { advisoryId: string },
) => keys.advisoryImpact(i.tenantId, i.siteId, i.assetId, i.advisoryId);

export async function getImpacts(
  db: Db,
  wanted: (Pick<TAdvisoryImpact, "tenantId" | "siteId" | "assetId"> & { advisoryId: string })[],
): Promise<TAdvisoryImpact[]> {
  return parseItems(ZAdvisoryImpact, await batchGetItems(db, wanted.map(impactKey)));
}

export async function putImpacts(db: Db, impacts: TAdvisoryImpact[]): Promise<void> {
  await batchWrite(
    db,
    impacts.map((impact) => ({
      put: { ...impactKey({ ...impact, advisoryId: impact.advisory.id }), type: "advisoryImpact", ...impact },
    })),
  );
}

/** A tenant's impact items, all or one site's (one query, all pages). */
export async function listImpacts(db: Db, tenantId: string, siteId?: string): Promise<TAdvisoryImpact[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: {
          ":pk": keys.tenantPrefix(tenantId),
          ":prefix": keys.advisoryImpactPrefix(siteId),
        },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return parseItems(ZAdvisoryImpact, items);
}

export async function listImpactsOfAsset(
  db: Db,
  tenantId: string,
  siteId: string,
  assetId: string,
): Promise<TAdvisoryImpact[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: {
        ":pk": keys.tenantPrefix(tenantId),
        ":prefix": `${keys.advisoryImpactPrefix(siteId)}${assetId}#`,
      },
    }),
  );
  return parseItems(ZAdvisoryImpact, result.Items);
}

export class AssetChanged extends Error {}

export interface AssetAdvisoriesWrite {
  ownerTenantId: string;
  asset: TAsset;
  advisories: TEvaluationAdvisory[];
}

/**
 * Replaces the advisories recorded on assets (what the engine reads to mark an asset at risk and to create
 * remediation obligations), each conditional on the asset's revision and audited in its owner's trail; up to
 * 50 assets per transaction. A stale asset fails its whole transaction with AssetChanged.
 */
export async function setAssetAdvisories(
  db: Db,
  writes: AssetAdvisoriesWrite[],
  context: { actor: string; now: Date },
): Promise<void> {
  for (let i = 0; i < writes.length; i += 50) {
    const chunk = writes.slice(i, i + 50);
    try {
      await transact(
        db,
        chunk.flatMap(({ ownerTenantId, asset, advisories }) => [
          {
            Update: {
              TableName: db.tableName,
              Key: keys.asset(ownerTenantId, asset.siteId, asset.id),
              UpdateExpression: "SET advisories = :advisories, revision = :next, updatedAt = :at",
              ConditionExpression: "revision = :expected",
              ExpressionAttributeValues: {
                ":advisories": advisories,
                ":next": asset.revision + 1,
                ":expected": asset.revision,
                ":at": context.now.toISOString(),
              },
            },
          },
          auditPut(db, {
            tenantId: ownerTenantId,
            actor: context.actor,
            action: "asset.advisories",
            subject: `asset:${asset.id}`,
            before: asset.advisories,
            after: advisories,
            at: context.now,
          }),
        ]),
      );
    } catch (error) {
      if (error instanceof ConditionFailed) throw new AssetChanged();
      throw error;
    }
  }
}

/** A tenant's impact of one advisory: its partition's impact items, filtered in DynamoDB. */
export async function listImpactsForAdvisory(
  db: Db,
  tenantId: string,
  advisoryId: string,
): Promise<TAdvisoryImpact[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        FilterExpression: "#advisory.#id = :id",
        ExpressionAttributeNames: { "#advisory": "advisory", "#id": "id" },
        ExpressionAttributeValues: {
          ":pk": keys.tenantPrefix(tenantId),
          ":prefix": keys.advisoryImpactPrefix(),
          ":id": advisoryId,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return parseItems(ZAdvisoryImpact, items);
}
