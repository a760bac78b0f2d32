import { type TAsset, type TSiteAssetInput, type TSiteAssetPatch, ZAsset } from "@assure/shared";
import { ulid } from "ulid";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { existsCheck, queryAll, type WriteContext, writeEntity } from "./site-items";

/** The stored item: the byIdentifier attributes make "who runs component X" one Query (docs/adr/0040). */
export function assetItem(ownerTenantId: string, asset: TAsset) {
  return {
    ...keys.asset(ownerTenantId, asset.siteId, asset.id),
    ...keys.assetUsedBy(asset.componentId, ownerTenantId, asset.siteId, asset.id),
    type: "asset",
    ownerTenantId,
    ...asset,
  };
}

function locationCheck(db: Db, context: WriteContext, location: TAsset["location"]) {
  return location.kind === "zone"
    ? existsCheck(db, keys.zone(context.ownerTenantId, context.siteId, location.zoneId), "zone")
    : existsCheck(db, keys.conduit(context.ownerTenantId, context.siteId, location.conduitId), "conduit");
}

export function newAsset(
  siteId: string,
  input: TSiteAssetInput,
  now: Date,
  id = ulid().toLowerCase(),
): TAsset {
  const at = now.toISOString();
  return ZAsset.parse({ ...input, id, siteId, advisories: [], revision: 1, createdAt: at, updatedAt: at });
}

export async function createAsset(db: Db, context: WriteContext, input: TSiteAssetInput): Promise<TAsset> {
  const asset = newAsset(context.siteId, input, context.now);
  await writeEntity(db, context, {
    key: keys.asset(context.ownerTenantId, context.siteId, asset.id),
    item: assetItem(context.ownerTenantId, asset),
    counter: "revision",
    action: "asset.create",
    subject: `asset:${asset.id}`,
    after: asset,
    checks: [locationCheck(db, context, asset.location)],
  });
  return asset;
}

export async function updateAsset(
  db: Db,
  context: WriteContext,
  input: { before: TAsset; patch: TSiteAssetPatch; expectedRevision: number },
): Promise<TAsset> {
  const after = ZAsset.parse({
    ...input.before,
    ...Object.fromEntries(Object.entries(input.patch).filter(([, value]) => value !== undefined)),
    revision: input.before.revision + 1,
    updatedAt: context.now.toISOString(),
  });
  await writeEntity(db, context, {
    key: keys.asset(context.ownerTenantId, context.siteId, after.id),
    item: assetItem(context.ownerTenantId, after),
    counter: "revision",
    expected: input.expectedRevision,
    action: "asset.update",
    subject: `asset:${after.id}`,
    before: input.before,
    after,
    checks: input.patch.location ? [locationCheck(db, context, after.location)] : [],
  });
  return after;
}

/** Deletes the asset and the countermeasures recorded on it, together. */
export async function deleteAsset(
  db: Db,
  context: WriteContext,
  input: { before: TAsset; expectedRevision: number; countermeasureIds: string[] },
): Promise<void> {
  await writeEntity(db, context, {
    key: keys.asset(context.ownerTenantId, context.siteId, input.before.id),
    counter: "revision",
    expected: input.expectedRevision,
    action: "asset.delete",
    subject: `asset:${input.before.id}`,
    before: input.before,
    extra: input.countermeasureIds.map((id) => ({
      Delete: {
        TableName: db.tableName,
        Key: keys.countermeasure(context.ownerTenantId, context.siteId, id),
      },
    })),
  });
}

export async function listAssets(db: Db, ownerTenantId: string, siteId: string): Promise<TAsset[]> {
  return queryAll(db, ZAsset, keys.tenantPrefix(ownerTenantId), keys.assetPrefix(siteId));
}
