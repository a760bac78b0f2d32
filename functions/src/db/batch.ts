import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import type { Key } from "./keys";

/**
 * Reads many items in BatchGet calls of 100, retrying unprocessed keys; order is not preserved. `consistent`
 * asks for strongly consistent reads (follow-up work that must see a write it was triggered by).
 */
export async function batchGetItems(
  db: Db,
  itemKeys: Key[],
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(itemKeys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> | undefined = {
      [db.tableName]: {
        Keys: unique.slice(i, i + 100) as unknown as Record<string, unknown>[],
        ...(options.consistent ? { ConsistentRead: true } : {}),
      },
    };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const result = await db.doc.send(new BatchGetCommand({ RequestItems: pending }));
      items.push(...(result.Responses?.[db.tableName] ?? []));
      pending = result.UnprocessedKeys as typeof pending;
    }
  }
  return items;
}
