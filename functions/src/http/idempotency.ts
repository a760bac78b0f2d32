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
/**
 * How long a request holds its key. Longer than any request can run (API Gateway ends one after 30 s, the
 * Lambda after 15 s), so a key whose lease has run out belongs to a request that died without answering.
 */
export const LEASE_MS = 60_000;

const ZStoredResponse = z.object({
  fingerprint: z.string(),
  state: z.enum(["in_progress", "done"]),
  leaseUntil: z.number().optional(),
  status: z.number().optional(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** The answer carried a secret and was not stored. */
  secret: z.boolean().optional(),
});
type TStoredResponse = z.infer<typeof ZStoredResponse>;

const stillRunning = () =>
  new AppError("conflict", "A request with this Idempotency-Key is still being processed; retry shortly.");

/**
 * With an `Idempotency-Key` header, a retried POST replays the first answer instead of acting twice. Runs as
 * the last guard of each route (http/route-access.ts), after the caller was authorised for it and its body
 * limit applied. Keys are per caller (user or API key) within the tenant, so nobody replays another's answer;
 * they are kept for 24 hours, and reusing one for a different request is refused. A request holds its key for
 * a lease; a retry after the lease ran out takes the key over. Answers with secrets (`secretResponse`) are never
 * stored: their replay is a 409 saying where the resource is.
 */
export const idempotency = (options: { secretResponse?: string | undefined }) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const idempotencyKey = c.req.header("idempotency-key");
    const auth = c.get("auth");
    if (c.req.method !== "POST" || !idempotencyKey || !auth) return next();
    if (idempotencyKey.length > 200)
      throw new AppError("validation_failed", "Idempotency-Key is limited to 200 characters.");
    const { db, now } = c.var.deps;
    const body = new Uint8Array(await c.req.raw.clone().arrayBuffer());
    const fingerprint = createHash("sha256")
      .update(`${c.req.method} ${c.req.path}\n`)
      .update(body)
      .digest("hex");
    const key = keys.idempotency(auth.tenantId, auth.actor, idempotencyKey);
    const record = (fields: Partial<TStoredResponse>) => ({
      ...key,
      type: "idempotency",
      fingerprint,
      ...fields,
      expiresAt: Math.floor(now().getTime() / 1000) + RETENTION_SECONDS,
    });

    const existing = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
    );
    const stored = existing.Item ? parseItem(ZStoredResponse, existing.Item) : undefined;
    if (stored && stored.fingerprint !== fingerprint) {
      throw new AppError("conflict", "This Idempotency-Key was used for a different request.");
    }
    if (stored?.state === "done") return replay(stored, options.secretResponse);
    if (stored && (stored.leaseUntil ?? 0) > now().getTime()) throw stillRunning();

    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: record({ state: "in_progress", leaseUntil: now().getTime() + LEASE_MS }),
          // A new key, or the stale lease read above: of two retries taking it over, one wins.
          ...(stored
            ? {
                ConditionExpression: "#state = :inProgress AND leaseUntil = :stale",
                ExpressionAttributeNames: { "#state": "state" },
                ExpressionAttributeValues: { ":inProgress": "in_progress", ":stale": stored.leaseUntil ?? 0 },
              }
            : { ConditionExpression: "attribute_not_exists(pk)" }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw stillRunning();
      throw error;
    }

    await next();

    if (c.res.status >= 500 || c.error) {
      // A failure may be retried with the same key.
      await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: key }));
      return;
    }
    const answer =
      options.secretResponse && c.res.ok
        ? { secret: true }
        : { body: await c.res.clone().text(), headers: replayedHeaders(c.res.headers) };
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: record({ state: "done", status: c.res.status, ...answer }),
      }),
    );
  });

function replayedHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ["content-type", "etag", "location"]) {
    const value = headers.get(name);
    if (value) kept[name] = value;
  }
  return kept;
}

function replay(stored: TStoredResponse, secretResponse: string | undefined): Response {
  if (stored.secret) {
    throw new AppError(
      "conflict",
      `A request with this Idempotency-Key already succeeded. ${secretResponse ?? "Its answer held a secret, which is shown only once."}`,
    );
  }
  return new Response(stored.body ?? null, {
    status: stored.status ?? 200,
    headers: { ...stored.headers, "idempotent-replayed": "true" },
  });
}
