import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createDb, type Db } from "../../functions/src/db/client";
import { ensureTable } from "../../functions/src/db/migrate";

/** A fresh table in the run's shared DynamoDB Local, so test files never see each other's data. */
export async function createTestDb(prefix = "test"): Promise<Db> {
  const endpoint = inject("dynamoEndpoint");
  const db = createDb({ tableName: `${prefix}-${randomUUID().slice(0, 8)}`, endpoint });
  await ensureTable(db);
  return db;
}
