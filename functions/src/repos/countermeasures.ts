import {
  type TSiteCountermeasure,
  type TSiteCountermeasureInput,
  type TSiteCountermeasurePatch,
  ZSiteCountermeasure,
} from "@assure/shared";
import { ulid } from "ulid";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { existsCheck, queryAll, type WriteContext, writeEntity } from "./site-items";

const countermeasureItem = (countermeasure: TSiteCountermeasure) => ({
  type: "countermeasure",
  ...countermeasure,
});

function targetCheck(db: Db, context: WriteContext, scope: TSiteCountermeasure["scope"]) {
  const key =
    scope.kind === "asset"
      ? keys.asset(context.ownerTenantId, context.siteId, scope.id)
      : scope.kind === "zone"
        ? keys.zone(context.ownerTenantId, context.siteId, scope.id)
        : keys.conduit(context.ownerTenantId, context.siteId, scope.id);
  return existsCheck(db, key, scope.kind);
}

export function newCountermeasure(
  siteId: string,
  input: TSiteCountermeasureInput,
  now: Date,
  id = ulid().toLowerCase(),
): TSiteCountermeasure {
  const at = now.toISOString();
  return ZSiteCountermeasure.parse({ ...input, id, siteId, version: 1, createdAt: at, updatedAt: at });
}

export async function createCountermeasure(
  db: Db,
  context: WriteContext,
  input: TSiteCountermeasureInput,
): Promise<TSiteCountermeasure> {
  const countermeasure = newCountermeasure(context.siteId, input, context.now);
  await writeEntity(db, context, {
    key: keys.countermeasure(context.ownerTenantId, context.siteId, countermeasure.id),
    item: countermeasureItem(countermeasure),
    action: "countermeasure.create",
    subject: `countermeasure:${countermeasure.id}`,
    after: countermeasure,
    checks: [targetCheck(db, context, countermeasure.scope)],
  });
  return countermeasure;
}

export async function updateCountermeasure(
  db: Db,
  context: WriteContext,
  input: { before: TSiteCountermeasure; patch: TSiteCountermeasurePatch; expectedVersion: number },
): Promise<TSiteCountermeasure> {
  const after = ZSiteCountermeasure.parse({
    ...input.before,
    ...Object.fromEntries(Object.entries(input.patch).filter(([, value]) => value !== undefined)),
    version: input.before.version + 1,
    updatedAt: context.now.toISOString(),
  });
  await writeEntity(db, context, {
    key: keys.countermeasure(context.ownerTenantId, context.siteId, after.id),
    item: countermeasureItem(after),
    expected: input.expectedVersion,
    action: "countermeasure.update",
    subject: `countermeasure:${after.id}`,
    before: input.before,
    after,
    checks: input.patch.scope ? [targetCheck(db, context, after.scope)] : [],
  });
  return after;
}

export async function deleteCountermeasure(
  db: Db,
  context: WriteContext,
  input: { before: TSiteCountermeasure; expectedVersion: number },
): Promise<void> {
  await writeEntity(db, context, {
    key: keys.countermeasure(context.ownerTenantId, context.siteId, input.before.id),
    expected: input.expectedVersion,
    action: "countermeasure.delete",
    subject: `countermeasure:${input.before.id}`,
    before: input.before,
  });
}

export async function listCountermeasures(
  db: Db,
  ownerTenantId: string,
  siteId: string,
): Promise<TSiteCountermeasure[]> {
  return queryAll(
    db,
    ZSiteCountermeasure,
    keys.tenantPrefix(ownerTenantId),
    keys.countermeasurePrefix(siteId),
  );
}
