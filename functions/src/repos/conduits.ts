import { type TConduit, type TConduitInput, type TConduitPatch, ZConduit } from "@assure/shared";
import { ulid } from "ulid";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { existsCheck, queryAll, type WriteContext, writeEntity } from "./site-items";

const conduitItem = (conduit: TConduit) => ({ type: "conduit", ...conduit });

function zoneChecks(db: Db, context: WriteContext, conduit: Pick<TConduit, "fromZoneId" | "toZoneId">) {
  return [
    existsCheck(db, keys.zone(context.ownerTenantId, context.siteId, conduit.fromZoneId), "fromZone"),
    existsCheck(db, keys.zone(context.ownerTenantId, context.siteId, conduit.toZoneId), "toZone"),
  ];
}

export function newConduit(
  siteId: string,
  input: TConduitInput,
  now: Date,
  id = ulid().toLowerCase(),
): TConduit {
  const at = now.toISOString();
  return ZConduit.parse({ ...input, id, siteId, version: 1, createdAt: at, updatedAt: at });
}

export async function createConduit(db: Db, context: WriteContext, input: TConduitInput): Promise<TConduit> {
  const conduit = newConduit(context.siteId, input, context.now);
  await writeEntity(db, context, {
    key: keys.conduit(context.ownerTenantId, context.siteId, conduit.id),
    item: conduitItem(conduit),
    action: "conduit.create",
    subject: `conduit:${conduit.id}`,
    after: conduit,
    checks: zoneChecks(db, context, conduit),
  });
  return conduit;
}

export async function updateConduit(
  db: Db,
  context: WriteContext,
  input: { before: TConduit; patch: TConduitPatch; expectedVersion: number },
): Promise<TConduit> {
  const { slT, ...fields } = input.patch;
  const merged = {
    ...input.before,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    version: input.before.version + 1,
    updatedAt: context.now.toISOString(),
  };
  if (slT === null) delete merged.slT;
  else if (slT) merged.slT = slT;
  const after = ZConduit.parse(merged);
  await writeEntity(db, context, {
    key: keys.conduit(context.ownerTenantId, context.siteId, after.id),
    item: conduitItem(after),
    expected: input.expectedVersion,
    action: "conduit.update",
    subject: `conduit:${after.id}`,
    before: input.before,
    after,
    checks: input.patch.fromZoneId || input.patch.toZoneId ? zoneChecks(db, context, after) : [],
  });
  return after;
}

export async function deleteConduit(
  db: Db,
  context: WriteContext,
  input: { before: TConduit; expectedVersion: number; countermeasureIds: string[] },
): Promise<void> {
  await writeEntity(db, context, {
    key: keys.conduit(context.ownerTenantId, context.siteId, input.before.id),
    expected: input.expectedVersion,
    action: "conduit.delete",
    subject: `conduit:${input.before.id}`,
    before: input.before,
    extra: input.countermeasureIds.map((id) => ({
      Delete: {
        TableName: db.tableName,
        Key: keys.countermeasure(context.ownerTenantId, context.siteId, id),
      },
    })),
  });
}

export async function listConduits(db: Db, ownerTenantId: string, siteId: string): Promise<TConduit[]> {
  return queryAll(db, ZConduit, keys.tenantPrefix(ownerTenantId), keys.conduitPrefix(siteId));
}
