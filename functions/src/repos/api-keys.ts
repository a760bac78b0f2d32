import { type TApiKey, type TApiKeyScope, type TRole, ZApiKey } from "@assure/shared";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { z } from "zod";
import { displayPrefix, hashApiKey, newApiKeySecret } from "../auth/api-key-secret";
import type { Db } from "../db/client";
import { parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { transact } from "../db/transact";
import { auditPut } from "./audit";

const ZApiKeyLookup = z.object({ tenantId: z.string(), keyId: z.string() });

export async function createApiKey(
  db: Db,
  input: { tenantId: string; name: string; scopes: TApiKeyScope[]; role: TRole; actor: string; now: Date },
): Promise<{ apiKey: TApiKey; secret: string }> {
  const secret = newApiKeySecret();
  const hash = hashApiKey(secret);
  const apiKey = ZApiKey.parse({
    id: ulid().toLowerCase(),
    tenantId: input.tenantId,
    name: input.name,
    prefix: displayPrefix(secret),
    scopes: input.scopes,
    role: input.role,
    createdBy: input.actor,
    createdAt: input.now.toISOString(),
  });
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.apiKey(input.tenantId, apiKey.id), type: "apiKey", ...apiKey, hash },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.apiKeyHash(hash), type: "apiKeyHash", tenantId: input.tenantId, keyId: apiKey.id },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    auditPut(db, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: "api_key.create",
      subject: `api_key:${apiKey.id}`,
      after: apiKey,
      at: input.now,
    }),
  ]);
  return { apiKey, secret };
}

export async function listApiKeys(db: Db, tenantId: string): Promise<TApiKey[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.tenantPrefix(tenantId), ":prefix": keys.apiKeyPrefix },
    }),
  );
  return parseItems(ZApiKey, result.Items);
}

export async function getApiKey(db: Db, tenantId: string, keyId: string) {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.apiKey(tenantId, keyId) }),
  );
  return Item ? parseItem(ZApiKey.extend({ hash: z.string() }), Item) : undefined;
}

/** Resolves a presented secret to its live key, or undefined (unknown or revoked). */
export async function findApiKeyBySecret(db: Db, secret: string): Promise<TApiKey | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.apiKeyHash(hashApiKey(secret)) }),
  );
  if (!Item) return undefined;
  const lookup = parseItem(ZApiKeyLookup, Item);
  const apiKey = await getApiKey(db, lookup.tenantId, lookup.keyId);
  if (!apiKey || apiKey.revokedAt) return undefined;
  const { hash: _hash, ...rest } = apiKey;
  return rest;
}

/** Revoking deletes the hash lookup (so the secret stops working at once) and keeps the key's record. */
export async function revokeApiKey(
  db: Db,
  input: { tenantId: string; keyId: string; actor: string; now: Date },
): Promise<TApiKey | undefined> {
  const existing = await getApiKey(db, input.tenantId, input.keyId);
  if (!existing) return undefined;
  const { hash, ...apiKey } = existing;
  if (apiKey.revokedAt) return apiKey;
  const revokedAt = input.now.toISOString();
  await transact(db, [
    {
      Update: {
        TableName: db.tableName,
        Key: keys.apiKey(input.tenantId, input.keyId),
        UpdateExpression: "SET revokedAt = :at",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(revokedAt)",
        ExpressionAttributeValues: { ":at": revokedAt },
      },
    },
    { Delete: { TableName: db.tableName, Key: keys.apiKeyHash(hash) } },
    auditPut(db, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: "api_key.revoke",
      subject: `api_key:${input.keyId}`,
      before: apiKey,
      at: input.now,
    }),
  ]);
  return { ...apiKey, revokedAt };
}
