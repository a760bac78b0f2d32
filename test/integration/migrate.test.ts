import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { ensureTable } from "../../functions/src/db/migrate";
import { TABLE } from "../../functions/src/db/table";
import { createTestDb } from "../support/db";

describe("ensureTable", () => {
  it("creates the table with every index, a stream and TTL, and is idempotent", async () => {
    const db = await createTestDb("migrate");
    const second = await ensureTable(db);
    expect(second).toEqual({ created: false, addedIndexes: [] });
    const { Table } = await db.raw.send(new DescribeTableCommand({ TableName: db.tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      TABLE.indexes.map((i) => i.name).sort(),
    );
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" });
    const ttl = await db.raw.send(new DescribeTimeToLiveCommand({ TableName: db.tableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(TABLE.ttlAttribute);
  });
});
