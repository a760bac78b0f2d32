import { createHash } from "node:crypto";
import {
  type TNotification,
  type TNotificationKind,
  ZNotification,
} from "@assure/shared/domain/notification";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { decodeCursor, encodeCursor, parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";

/**
 * A tenant's inbox: one item per notification under `T#<tenant>#INBOX` (sorted by time) and an unread
 * counter beside the tenant, changed in the same transaction as the notification it counts.
 */

/** The same (tenant, kind, subject) is delivered once, however often a stream record is retried. */
export function notificationIdOf(tenantId: string, kind: TNotificationKind, subject: string): string {
  return createHash("sha256").update(`${tenantId}|${kind}|${subject}`).digest("hex").slice(0, 26);
}

const ZCounter = z.object({ unread: z.number().int() });

/** Writes the notification unless it exists; true when it was new (and the counter went up). */
export async function deliverNotification(
  db: Db,
  input: Omit<TNotification, "id" | "readAt" | "createdAt"> & { at: Date },
): Promise<TNotification | undefined> {
  const id = notificationIdOf(input.tenantId, input.kind, input.subject);
  const createdAt = input.at.toISOString();
  const notification = ZNotification.parse({ ...input, id, createdAt, readAt: null });
  try {
    await transact(db, [
      {
        // A marker makes the id unique regardless of the time in the sort key.
        Put: {
          TableName: db.tableName,
          Item: { pk: keys.inboxPk(input.tenantId), sk: `ID#${id}`, type: "notificationId", createdAt },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.notification(input.tenantId, createdAt, id),
            type: "notification",
            ...notification,
          },
        },
      },
      {
        Update: {
          TableName: db.tableName,
          Key: keys.inboxCounter(input.tenantId),
          UpdateExpression: "ADD unread :one SET #type = :type",
          ExpressionAttributeNames: { "#type": "type" },
          ExpressionAttributeValues: { ":one": 1, ":type": "inboxCounter" },
        },
      },
    ]);
    return notification;
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) return undefined;
    throw error;
  }
}

export async function unreadCount(db: Db, tenantId: string): Promise<number> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.inboxCounter(tenantId), ConsistentRead: true }),
  );
  return Item ? Math.max(0, parseItem(ZCounter, Item).unread) : 0;
}

/** Newest first; `unreadOnly` filters in DynamoDB. */
export async function listNotifications(
  db: Db,
  input: { tenantId: string; limit: number; cursor?: string | undefined; unreadOnly?: boolean },
): Promise<{ items: TNotification[]; nextCursor?: string | undefined }> {
  const pk = keys.inboxPk(input.tenantId);
  const items: TNotification[] = [];
  let startKey = decodeCursor(input.cursor, { attributes: ["pk", "sk"], fixed: { pk } });
  let more = true;
  while (items.length < input.limit && more) {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        // Time-sorted keys start with a digit; the ID# markers sort after them and are excluded.
        KeyConditionExpression: "pk = :pk AND sk < :markers",
        FilterExpression: input.unreadOnly ? "attribute_type(readAt, :null)" : undefined,
        ExpressionAttributeValues: {
          ":pk": pk,
          ":markers": "ID#",
          ...(input.unreadOnly ? { ":null": "NULL" } : {}),
        },
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
        Limit: input.limit,
      }),
    );
    const rows = page.Items ?? [];
    const taken = rows.slice(0, input.limit - items.length);
    items.push(...parseItems(ZNotification, taken));
    const last = taken.at(-1);
    if (last && taken.length < rows.length) {
      startKey = { pk: last.pk, sk: last.sk };
      break;
    }
    startKey = page.LastEvaluatedKey;
    more = Boolean(startKey);
  }
  return { items, nextCursor: more ? encodeCursor(startKey) : undefined };
}

export class NotificationNotFound extends Error {}

const ZMarker = z.object({ sk: z.string(), createdAt: z.string() });

/**
 * Marks notifications read: the id markers and the notifications are read in two BatchGets, then the unread
 * ones are updated with the counter in transactions of up to 99. Unknown ids are refused; read ones are skipped.
 */
export async function markNotificationsRead(
  db: Db,
  input: { tenantId: string; ids: readonly string[]; at: Date },
): Promise<number> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return 0;
  const pk = keys.inboxPk(input.tenantId);
  for (let attempt = 0; ; attempt++) {
    const markers = parseItems(
      ZMarker,
      await batchGetItems(
        db,
        ids.map((id) => ({ pk, sk: `ID#${id}` })),
      ),
    );
    const createdAtById = new Map(markers.map((m) => [m.sk.slice(3), m.createdAt]));
    const missing = ids.find((id) => !createdAtById.has(id));
    if (missing) throw new NotificationNotFound(missing);
    const notifications = parseItems(
      ZNotification,
      await batchGetItems(
        db,
        ids.map((id) => keys.notification(input.tenantId, createdAtById.get(id) ?? "", id)),
      ),
    );
    const unread = notifications.filter((n) => n.readAt === null);
    try {
      for (let i = 0; i < unread.length; i += 99) {
        const chunk = unread.slice(i, i + 99);
        await transact(db, [
          ...chunk.map((n) => ({
            Update: {
              TableName: db.tableName,
              Key: keys.notification(input.tenantId, n.createdAt, n.id),
              UpdateExpression: "SET readAt = :at",
              ConditionExpression: "attribute_exists(pk) AND attribute_type(readAt, :null)",
              ExpressionAttributeValues: { ":at": input.at.toISOString(), ":null": "NULL" },
            },
          })),
          {
            Update: {
              TableName: db.tableName,
              Key: keys.inboxCounter(input.tenantId),
              UpdateExpression: "ADD unread :minus",
              ExpressionAttributeValues: { ":minus": -chunk.length },
            },
          },
        ]);
      }
      return unread.length;
    } catch (error) {
      // Someone read one of them meanwhile: read the state again.
      if (error instanceof ConditionFailed && attempt < 2) continue;
      throw error;
    }
  }
}

/** Every unread notification id (read-all), newest first. */
export async function listUnreadIds(db: Db, tenantId: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND sk < :markers",
        FilterExpression: "attribute_type(readAt, :null)",
        ExpressionAttributeValues: { ":pk": keys.inboxPk(tenantId), ":markers": "ID#", ":null": "NULL" },
        ExclusiveStartKey: startKey,
      }),
    );
    ids.push(...parseItems(ZNotification, page.Items).map((n) => n.id));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ids;
}
