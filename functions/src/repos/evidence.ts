import { type TEvidence, ZEvidence } from "@assure/shared";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";

export class EvidenceVersionMismatch extends Error {}

function evidenceItem(evidence: TEvidence) {
  return { ...keys.evidence(evidence.tenantId, evidence.id), type: "evidence", ...evidence };
}

/** Records an evidence file (pending or already stored) with its audit event. */
export async function createEvidence(db: Db, evidence: TEvidence, actor: string, now: Date) {
  const item = ZEvidence.parse(evidence);
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: evidenceItem(item),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    auditPut(db, {
      tenantId: item.tenantId,
      actor,
      action: item.state === "stored" ? "evidence.upload" : "evidence.announce",
      subject: `evidence:${item.id}`,
      after: item,
      at: now,
    }),
  ]);
  return item;
}

/** Marks a pending upload stored, once its bytes were checked (version-conditioned). */
export async function markEvidenceStored(
  db: Db,
  input: { before: TEvidence; actor: string; now: Date },
): Promise<TEvidence> {
  const after = ZEvidence.parse({
    ...input.before,
    state: "stored",
    storedAt: input.now.toISOString(),
    version: input.before.version + 1,
  });
  try {
    await transact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: evidenceItem(after),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": input.before.version },
        },
      },
      auditPut(db, {
        tenantId: after.tenantId,
        actor: input.actor,
        action: "evidence.upload",
        subject: `evidence:${after.id}`,
        before: input.before,
        after,
        at: input.now,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new EvidenceVersionMismatch();
    throw error;
  }
  return after;
}

export async function getEvidence(db: Db, tenantId: string, evidenceId: string) {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.evidence(tenantId, evidenceId),
      ConsistentRead: true,
    }),
  );
  return Item ? parseItem(ZEvidence, Item) : undefined;
}

/** Many evidence records of one tenant in one BatchGet (e.g. a certification's documents). */
export async function getEvidenceMany(db: Db, tenantId: string, evidenceIds: string[]) {
  const items = await batchGetItems(
    db,
    evidenceIds.map((id) => keys.evidence(tenantId, id)),
  );
  return new Map(parseItems(ZEvidence, items).map((evidence) => [evidence.id, evidence]));
}
