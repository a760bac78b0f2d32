import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type GlobalSecondaryIndex,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import type { Db } from "./client";
import { TABLE } from "./table";

/**
 * Creates the table, or adds missing indexes and TTL to an existing one. Idempotent: `npm start`
 * runs it every time, tests run it per table. In AWS the CDK stack owns the table instead.
 */
export async function ensureTable(db: Db): Promise<{ created: boolean; addedIndexes: string[] }> {
  const existing = await describe(db);
  const attributeNames = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const index of TABLE.indexes) {
    attributeNames.add(index.partitionKey);
    attributeNames.add(index.sortKey);
  }
  const attributeDefinitions = [...attributeNames].map((name) => ({
    AttributeName: name,
    AttributeType: "S" as const,
  }));
  const gsi = (index: (typeof TABLE.indexes)[number]): GlobalSecondaryIndex => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: "HASH" },
      { AttributeName: index.sortKey, KeyType: "RANGE" },
    ],
    Projection: { ProjectionType: "ALL" },
  });

  if (!existing) {
    await db.raw.send(
      new CreateTableCommand({
        TableName: db.tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributeDefinitions,
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
          { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: TABLE.indexes.map(gsi),
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
    await enableTtl(db);
    return { created: true, addedIndexes: TABLE.indexes.map((index) => index.name) };
  }

  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = TABLE.indexes.filter((index) => !present.has(index.name));
  for (const index of missing) {
    // DynamoDB allows one index creation per UpdateTable call.
    await db.raw.send(
      new UpdateTableCommand({
        TableName: db.tableName,
        AttributeDefinitions: attributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }],
      }),
    );
  }
  await enableTtl(db);
  return { created: false, addedIndexes: missing.map((index) => index.name) };
}

async function describe(db: Db) {
  try {
    const result = await db.raw.send(new DescribeTableCommand({ TableName: db.tableName }));
    return result.Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function enableTtl(db: Db) {
  const ttl = await db.raw.send(new DescribeTimeToLiveCommand({ TableName: db.tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus === "ENABLED") return;
  await db.raw.send(
    new UpdateTimeToLiveCommand({
      TableName: db.tableName,
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
    }),
  );
}
