import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** Everything the local stack keeps: the database, keys, evidence files. Delete it to start over. */
export const dataDir = process.env.ASSURE_DATA_DIR ?? path.join(repoRoot, ".data");

export const localPaths = {
  dynamo: path.join(dataDir, "dynamodb"),
  keys: path.join(dataDir, "keys.json"),
  state: path.join(dataDir, "local-stack.json"),
  evidence: path.join(dataDir, "evidence"),
  claimSigningKey: path.join(dataDir, "claim-signing-key.json"),
};

export const ZLocalKeys = z.object({
  privateJwk: z.record(z.string(), z.unknown()),
  publicJwk: z.record(z.string(), z.unknown()),
  nextAuthSecret: z.string().min(32),
});
export type TLocalKeys = z.infer<typeof ZLocalKeys>;

/** Where the running local stack listens, written by `npm start` for the CLI. */
export const ZLocalStackState = z.object({
  dynamoEndpoint: z.string(),
  tableName: z.string(),
  apiUrl: z.string(),
  portalUrl: z.string(),
  pid: z.number(),
  /** The process groups that start runs (DynamoDB Local, API, portal), to name them if they outlive it. */
  processes: z.array(z.object({ name: z.string(), pgid: z.number().int() })).optional(),
});
export type TLocalStackState = z.infer<typeof ZLocalStackState>;

export function readJsonFile<S extends z.ZodType>(schema: S, file: string): z.output<S> | undefined {
  if (!existsSync(file)) return undefined;
  return schema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export function writeJsonFile(file: string, value: unknown, mode = 0o600) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode });
}
