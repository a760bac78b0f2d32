import { type TSiteObligation, ZSiteObligation } from "@assure/shared";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";
import { GuardFailed, queryAll, StaleWrite, siteGuards, type TransactItem } from "./site-items";

/** Owed by another tenant: the byIdentifier attributes put it in that tenant's "owed" list (docs/adr/0040). */
export function obligationItem(obligation: TSiteObligation) {
  const owedElsewhere =
    obligation.obligeeTenantId !== undefined && obligation.obligeeTenantId !== obligation.ownerTenantId;
  return {
    ...keys.obligation(obligation.ownerTenantId, obligation.siteId, obligation.id),
    ...(owedElsewhere ? keys.obligationOwedBy(obligation.obligeeTenantId as string, obligation.id) : {}),
    type: "obligation",
    ...obligation,
  };
}

function putObligation(
  db: Db,
  obligation: TSiteObligation,
  expectedVersion: number | undefined,
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: obligationItem(obligation),
      ...(expectedVersion === undefined
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "#version = :expected",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":expected": expectedVersion },
          }),
    },
  };
}

/**
 * Writes regenerated obligations in transactions of up to 90, each with a version condition, and one
 * `site.obligations.sync` audit event per transaction. Throws StaleWrite when any changed under us.
 */
export async function writeObligationChanges(
  db: Db,
  input: {
    ownerTenantId: string;
    siteId: string;
    changes: { obligation: TSiteObligation; expectedVersion: number | undefined }[];
    actor: string;
    now: Date;
  },
): Promise<void> {
  for (let i = 0; i < input.changes.length; i += 90) {
    const chunk = input.changes.slice(i, i + 90);
    try {
      await transact(db, [
        ...chunk.map((change) => putObligation(db, change.obligation, change.expectedVersion)),
        auditPut(db, {
          tenantId: input.ownerTenantId,
          actor: input.actor,
          action: "site.obligations.sync",
          subject: `site:${input.siteId}`,
          after: chunk.map((change) => [change.obligation.id, change.obligation.version]),
          at: input.now,
        }),
      ]);
    } catch (error) {
      if (error instanceof ConditionFailed) throw new StaleWrite();
      throw error;
    }
  }
}

/**
 * One tracked obligation changed by a person (status, due date, evidence, waiver), on condition that its site
 * still exists and, for a grantee working through a write grant, that the grant still says write.
 */
export async function saveObligation(
  db: Db,
  input: {
    before: TSiteObligation;
    after: TSiteObligation;
    expectedVersion: number;
    action: string;
    actor: string;
    now: Date;
    granteeTenantId?: string | undefined;
  },
): Promise<void> {
  const guards = siteGuards(db, {
    ownerTenantId: input.before.ownerTenantId,
    siteId: input.before.siteId,
    actor: input.actor,
    now: input.now,
    granteeTenantId: input.granteeTenantId,
  });
  try {
    await transact(db, [
      putObligation(db, input.after, input.expectedVersion),
      ...guards.map((guard) => guard.item),
      auditPut(db, {
        tenantId: input.before.ownerTenantId,
        actor: input.actor,
        action: input.action,
        subject: `obligation:${input.before.id}`,
        before: input.before,
        after: input.after,
        at: input.now,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      if (error.index === 0) throw new StaleWrite();
      const guard = guards[error.index - 1];
      if (guard) throw new GuardFailed(guard.name);
    }
    throw error;
  }
}

export async function listSiteObligations(db: Db, ownerTenantId: string, siteId: string) {
  return queryAll(db, ZSiteObligation, keys.tenantPrefix(ownerTenantId), keys.obligationPrefix(siteId));
}

/** The owner's obligations over all its sites. */
export async function listTenantObligations(db: Db, ownerTenantId: string) {
  return queryAll(db, ZSiteObligation, keys.tenantPrefix(ownerTenantId), keys.obligationPrefix());
}

/** Obligations another tenant owes, from the byIdentifier index; optionally one by id. */
export async function listOwedObligations(
  db: Db,
  obligeeTenantId: string,
  obligationId?: string,
): Promise<TSiteObligation[]> {
  const found: TSiteObligation[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: "byIdentifier",
        KeyConditionExpression: obligationId ? "identPk = :pk AND identSk = :sk" : "identPk = :pk",
        ExpressionAttributeValues: {
          ":pk": keys.obligationOwedByPk(obligeeTenantId),
          ...(obligationId ? { ":sk": obligationId } : {}),
        },
        ExclusiveStartKey: startKey,
      }),
    );
    found.push(...parseItems(ZSiteObligation, page.Items));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}
