import { createApp } from "./app";
import { createDb } from "./db/client";

// Built once per process: at Lambda cold start, or when the local server starts.
export const app = createApp({
  db: createDb({ tableName: process.env.TABLE_NAME ?? "assure", endpoint: process.env.DYNAMODB_ENDPOINT }),
});
