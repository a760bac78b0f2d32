import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface DbConfig {
  tableName: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string | undefined;
  region?: string | undefined;
  /** Credentials other than the process's own (the tenant-scoped role's sessions, aws/tenant-scoped-db.ts). */
  credentials?: DynamoDBClientConfig["credentials"];
}

export interface Db {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  tableName: string;
}

export function createDb(config: DbConfig): Db {
  const raw = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? "eu-central-1",
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // DynamoDB Local accepts any credentials; with -sharedDb they all see one database.
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : config.credentials
        ? { credentials: config.credentials }
        : {}),
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, raw, tableName: config.tableName };
}
