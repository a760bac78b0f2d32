import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { localPlatformTarget } from "../csaf/import/local-target";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import type { EvidenceStore } from "../storage/evidence-store";

const MARKER = keys.meta("demo-advisories-1");
const DIRECTORY = path.join(path.dirname(fileURLToPath(import.meta.url)), "demo-advisories");

/**
 * A first `npm start` imports a handful of real CISA advisories that name demo catalog products (see the folder's
 * README), as the platform and through the same use case as `assure csaf import --local`, so advisories, their
 * impact on the demo site and the suppliers' fix requests show at once. A marker item makes later starts skip it
 * (imports are idempotent anyway); the full CISA set stays a command.
 */
export async function seedDemoAdvisoriesOnce(
  db: Db,
  options: { documents?: EvidenceStore; now?: Date } = {},
): Promise<{ ran: false } | { ran: true; imported: number; rejected: string[] }> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: MARKER, ConsistentRead: true }),
  );
  if (Item) return { ran: false };
  const target = localPlatformTarget(db, {
    strict: false,
    actor: "local:demo-advisories",
    ...(options.documents ? { documents: options.documents } : {}),
  });
  const files = readdirSync(DIRECTORY)
    .filter((file) => file.endsWith(".json"))
    .sort();
  const rejected: string[] = [];
  let imported = 0;
  for (const file of files) {
    const result = await target(new Uint8Array(readFileSync(path.join(DIRECTORY, file))), file);
    if (result.outcome === "rejected") rejected.push(file);
    else imported += 1;
  }
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...MARKER,
          type: "meta",
          doneAt: (options.now ?? new Date()).toISOString(),
          imported,
          rejected,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return { ran: true, imported, rejected };
}
