import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { z } from "zod";
import type { Db } from "../db/client";
import { digest, parseItems } from "../db/items";
import { keys } from "../db/keys";

export const ZAuditEvent = z.object({
  id: z.string(),
  tenantId: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  beforeDigest: z.string().optional(),
  afterDigest: z.string().optional(),
  at: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export interface AuditInput {
  tenantId: string;
  actor: string;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** The Put of an append-only audit event, to be written in the same transaction as the change it records. */
export function auditPut(db: Db, input: AuditInput) {
  const id = ulid().toLowerCase();
  const at = input.at.toISOString();
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.audit(input.tenantId, at, id),
        type: "audit",
        id,
        tenantId: input.tenantId,
        actor: input.actor,
        action: input.action,
        subject: input.subject,
        beforeDigest: input.before === undefined ? undefined : digest(input.before),
        afterDigest: input.after === undefined ? undefined : digest(input.after),
        at,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

export async function listAuditEvents(db: Db, tenantId: string, limit = 50): Promise<TAuditEvent[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.auditPk(tenantId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return parseItems(ZAuditEvent, result.Items);
}
