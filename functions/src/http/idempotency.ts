import { createHash } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import type { AppEnv } from "./env";
import { AppError } from "./errors";

const RETENTION_SECONDS = 24 * 3600;

const ZStoredResponse = z.object({
  fingerprint: z.string(),
  state: z.enum(["in_progress", "done"]),
  status: z.number().optional(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

/**
 * With an `Idempotency-Key` header, a retried POST replays the first answer instead of acting twice.
 * Keys are per tenant and kept for 24 hours; reusing a key for a different request is refused.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const idempotencyKey = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || !idempotencyKey) return next();
  if (idempotencyKey.length > 200)
    throw new AppError("validation_failed", "Idempotency-Key is limited to 200 characters.");
  const { db, now } = c.var.deps;
  const body = await c.req.raw.clone().text();
  const fingerprint = createHash("sha256").update(`${c.req.method} ${c.req.path}\n${body}`).digest("hex");
  const key = keys.idempotency(c.var.auth.tenantId, idempotencyKey);

  const existing = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
  );
  if (existing.Item) return replay(parseItem(ZStoredResponse, existing.Item), fingerprint);

  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...key,
          type: "idempotency",
          fingerprint,
          state: "in_progress",
          expiresAt: Math.floor(now().getTime() / 1000) + RETENTION_SECONDS,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new AppError(
        "conflict",
        "A request with this Idempotency-Key is still being processed; retry shortly.",
      );
    }
    throw error;
  }

  await next();

  if (c.res.status >= 500 || c.error) {
    // A failure may be retried with the same key.
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: key }));
    return;
  }
  const responseBody = await c.res.clone().text();
  const headers: Record<string, string> = {};
  for (const name of ["content-type", "etag", "location"]) {
    const value = c.res.headers.get(name);
    if (value) headers[name] = value;
  }
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...key,
        type: "idempotency",
        fingerprint,
        state: "done",
        status: c.res.status,
        body: responseBody,
        headers,
        expiresAt: Math.floor(now().getTime() / 1000) + RETENTION_SECONDS,
      },
    }),
  );
});

function replay(stored: z.infer<typeof ZStoredResponse>, fingerprint: string): Response {
  if (stored.fingerprint !== fingerprint) {
    throw new AppError("conflict", "This Idempotency-Key was used for a different request.");
  }
  if (stored.state === "in_progress") {
    throw new AppError(
      "conflict",
      "A request with this Idempotency-Key is still being processed; retry shortly.",
    );
  }
  return new Response(stored.body ?? null, {
    status: stored.status ?? 200,
    headers: { ...stored.headers, "idempotent-replayed": "true" },
  });
}
