import { createHash } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../db/client";
import { type Key, keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";

const digest = (value: string) => createHash("sha256").update(value).digest("hex");

export interface AttemptCounters {
  account: Key;
  address: Key;
}

/** The two counters of one sign-in attempt in the window starting at `windowStart`. */
export function attemptCounters(email: string, address: string, windowStart: number): AttemptCounters {
  return {
    account: keys.signInAttempts("account", digest(email.toLowerCase()), windowStart),
    address: keys.signInAttempts("address", digest(address), windowStart),
  };
}

/**
 * Takes one slot from both counters, all or nothing, unless one is full: then answers which one (nothing taken).
 * The items expire (TTL) a minute after their window.
 */
export async function takeAttempt(
  db: Db,
  counters: AttemptCounters,
  limits: { account: number; address: number },
  expiresAt: number,
): Promise<"taken" | "account" | "address"> {
  const update = (key: Key, limit: number) => ({
    Update: {
      TableName: db.tableName,
      Key: key,
      UpdateExpression:
        "SET attempts = if_not_exists(attempts, :zero) + :one, expiresAt = :expires, #type = :type",
      ConditionExpression: "attribute_not_exists(attempts) OR attempts < :limit",
      ExpressionAttributeNames: { "#type": "type" },
      ExpressionAttributeValues: {
        ":zero": 0,
        ":one": 1,
        ":limit": limit,
        ":expires": expiresAt,
        ":type": "signInAttempts",
      },
    },
  });
  try {
    await transact(db, [update(counters.account, limits.account), update(counters.address, limits.address)]);
    return "taken";
  } catch (error) {
    if (error instanceof ConditionFailed) return error.index === 0 ? "account" : "address";
    throw error;
  }
}

/** Gives a successful sign-in's slots back to its own two counters (never below zero). */
export async function returnAttempt(db: Db, counters: AttemptCounters): Promise<void> {
  await Promise.all(
    [counters.account, counters.address].map((key) =>
      db.doc
        .send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: key,
            UpdateExpression: "SET attempts = attempts - :one",
            ConditionExpression: "attempts > :zero",
            ExpressionAttributeValues: { ":one": 1, ":zero": 0 },
          }),
        )
        .catch((error: unknown) => {
          // The window's item expired or was already back at zero: nothing to give back.
          if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
        }),
    ),
  );
}
