import { BatchWriteCommand, QueryCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { z } from "zod";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { type Key, keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** The stored state changed since the caller read it (412 over HTTP). */
export class StaleWrite extends Error {}
/** A condition other than the entity's own version failed: a parent is gone or access was revoked. */
export class GuardFailed extends Error {
  constructor(readonly guard: string) {
    super(guard);
  }
}

/** Who writes and under which guard: a grantee's writes also check its share is still active with write. */
export interface WriteContext {
  ownerTenantId: string;
  siteId: string;
  actor: string;
  now: Date;
  /** Set when an integrator writes through a grant. */
  granteeTenantId?: string | undefined;
}

/** Conditions every write of a site's children carries: the site exists and, for grantees, write access. */
export function siteGuards(db: Db, context: WriteContext): { item: TransactItem; name: string }[] {
  const guards = [
    {
      name: "site",
      item: {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.site(context.ownerTenantId, context.siteId),
          ConditionExpression: "attribute_exists(pk)",
        },
      },
    },
  ];
  if (context.granteeTenantId) {
    guards.push({
      name: "grant",
      item: {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.siteShare(context.granteeTenantId, context.siteId),
          ConditionExpression: "#access = :write",
          ExpressionAttributeNames: { "#access": "access" },
          ExpressionAttributeValues: { ":write": "write" },
        } as never,
      },
    });
  }
  return guards;
}

export function existsCheck(db: Db, key: Key, name: string) {
  return {
    name,
    item: {
      ConditionCheck: { TableName: db.tableName, Key: key, ConditionExpression: "attribute_exists(pk)" },
    } as TransactItem,
  };
}

/**
 * One entity write: Put (create when `expected` is undefined, else replace if the counter still equals
 * `expected`) or Delete, with the audit event, the site guards and any extra writes, all or nothing.
 */
export async function writeEntity(
  db: Db,
  context: WriteContext,
  input: {
    key: Key;
    /** The full item to put; undefined deletes. */
    item?: Record<string, unknown> | undefined;
    counter?: "version" | "revision";
    expected?: number | undefined;
    action: string;
    subject: string;
    before?: unknown;
    after?: unknown;
    checks?: { item: TransactItem; name: string }[];
    extra?: TransactItem[];
    /** The site item itself is being written: its own condition replaces the site guard. */
    isSite?: boolean;
  },
) {
  const counter = input.counter ?? "version";
  const condition =
    input.expected === undefined
      ? { ConditionExpression: "attribute_not_exists(pk)" }
      : {
          ConditionExpression: "#counter = :expected",
          ExpressionAttributeNames: { "#counter": counter },
          ExpressionAttributeValues: { ":expected": input.expected },
        };
  const main: TransactItem = input.item
    ? { Put: { TableName: db.tableName, Item: { ...input.item, ...input.key }, ...condition } }
    : { Delete: { TableName: db.tableName, Key: input.key, ...condition } };
  const guards = [
    ...siteGuards(db, context).filter((guard) => !(input.isSite && guard.name === "site")),
    ...(input.checks ?? []),
  ];
  try {
    await transact(db, [
      main,
      ...guards.map((guard) => guard.item),
      auditPut(db, {
        tenantId: context.ownerTenantId,
        actor: context.actor,
        action: input.action,
        subject: input.subject,
        before: input.before,
        after: input.after,
        at: context.now,
      }),
      ...(input.extra ?? []),
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

/** Every item of one sort-key prefix in a partition, all pages (a site's children are bounded by the limits). */
export async function queryAll<S extends z.ZodType>(
  db: Db,
  schema: S,
  pk: string,
  prefix: string,
): Promise<z.output<S>[]> {
  const items: z.output<S>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": prefix },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...parseItems(schema, page.Items));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Keys of every item under a prefix (for clean-up), all pages, keys only. */
export async function queryKeys(db: Db, pk: string, prefix: string): Promise<Key[]> {
  const found: Key[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": prefix },
        ProjectionExpression: "pk, sk",
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) found.push({ pk: String(item.pk), sk: String(item.sk) });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/** Unconditional puts and deletes in BatchWrite calls of 25, retrying unprocessed items. */
export async function batchWrite(
  db: Db,
  requests: ({ put: Record<string, unknown> } | { delete: Key })[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, unknown[]> | undefined = {
      [db.tableName]: requests
        .slice(i, i + 25)
        .map((request) =>
          "put" in request
            ? { PutRequest: { Item: request.put } }
            : { DeleteRequest: { Key: request.delete } },
        ),
    };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const result = await db.doc.send(new BatchWriteCommand({ RequestItems: pending as never }));
      pending = result.UnprocessedItems as typeof pending;
    }
  }
}
