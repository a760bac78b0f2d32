import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { backfillCatalogFacts } from "../repos/catalog-facts";
import { listTenants } from "../repos/tenants";

const MARKER = keys.meta("catalog-facts-1");

/**
 * A table from before the catalog facts (docs/adr/0033) gets them derived once: the certification windows and the
 * advisory facts of every published component. A marker item makes later starts skip it; the stream keeps them
 * current afterwards.
 */
export async function backfillCatalogFactsOnce(
  db: Db,
  now = new Date(),
): Promise<{ ran: false } | { ran: true; components: number }> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: MARKER, ConsistentRead: true }),
  );
  if (Item) return { ran: false };
  const suppliers = (await listTenants(db)).filter((tenant) => tenant.kinds.includes("supplier"));
  const result = await backfillCatalogFacts(
    db,
    suppliers.map((tenant) => tenant.id),
  );
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...MARKER, type: "meta", doneAt: now.toISOString(), ...result },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return { ran: true, components: result.components };
}
