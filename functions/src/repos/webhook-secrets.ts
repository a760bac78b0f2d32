import { randomBytes } from "node:crypto";
import { ZIsoDateTime } from "@assure/shared";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { Db } from "../db/client";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";

/**
 * A tenant's webhook signing key: each tenant verifies `x-assure-signature` with its own key, so no receiver can
 * sign messages another tenant would accept. Kept apart from the advisory settings; shown once, when created.
 */
export const ZWebhookSecret = z.object({
  secret: z.string().startsWith("whsec_"),
  createdAt: ZIsoDateTime,
  createdBy: z.string(),
});
export type TWebhookSecret = z.infer<typeof ZWebhookSecret>;

export async function getWebhookSecret(db: Db, tenantId: string): Promise<TWebhookSecret | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.webhookSecret(tenantId), ConsistentRead: true }),
  );
  return Item ? parseItem(ZWebhookSecret, Item) : undefined;
}

/** Another admin created or rotated the key between our read and our write: theirs stands, ours was not stored. */
export class WebhookSecretChanged extends Error {
  constructor() {
    super("the webhook signing key changed meanwhile");
  }
}

/**
 * Creates the tenant's signing key, or replaces it (the old one stops working at once); audited without it.
 * Conditional on the key read first, so two concurrent rotations cannot both hand out a key: the second fails.
 */
export async function rotateWebhookSecret(
  db: Db,
  input: { tenantId: string; actor: string; now: Date },
): Promise<TWebhookSecret> {
  const before = await getWebhookSecret(db, input.tenantId);
  const created: TWebhookSecret = {
    secret: `whsec_${randomBytes(32).toString("base64url")}`,
    createdAt: input.now.toISOString(),
    createdBy: input.actor,
  };
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.webhookSecret(input.tenantId), type: "webhookSecret", ...created },
        ...(before
          ? {
              ConditionExpression: "createdAt = :before",
              ExpressionAttributeValues: { ":before": before.createdAt },
            }
          : { ConditionExpression: "attribute_not_exists(pk)" }),
      },
    },
    auditPut(db, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: before ? "webhook_secret.rotate" : "webhook_secret.create",
      subject: `tenant:${input.tenantId}`,
      // The audit trail records when, never the key itself.
      before: before ? { createdAt: before.createdAt } : undefined,
      after: { createdAt: created.createdAt },
      at: input.now,
    }),
  ]).catch((error: unknown) => {
    if (error instanceof ConditionFailed) throw new WebhookSecretChanged();
    throw error;
  });
  return created;
}
