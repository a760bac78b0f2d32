import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { generateSigningJwk } from "../../functions/src/auth/tokens";
import { createDb } from "../../functions/src/db/client";
import { ensureTable } from "../../functions/src/db/migrate";
import { freePort } from "../../functions/src/local/dynamo-local";
import { repoRoot } from "../../functions/src/local/paths";
import { buildPortalIfStale } from "../../functions/src/local/portal-build";
import { killGroup, waitForHttp } from "../../functions/src/local/processes";
import { seedDemoData } from "../../functions/src/local/seed";

declare module "vitest" {
  export interface ProvidedContext {
    portalUrl: string;
    apiUrl: string;
    e2eTable: string;
    artifactsDir: string;
  }
}

/**
 * The whole stack for end-to-end tests: a seeded table in the run's DynamoDB Local, the API and the
 * built portal (`next start`), each in its own process group so teardown leaves nothing behind.
 */
export default async function setup(project: TestProject) {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error("global-dynamo must run before global-stack");
  const tableName = `e2e-${randomBytes(4).toString("hex")}`;
  const db = createDb({ tableName, endpoint });
  await ensureTable(db);
  await seedDemoData(db);

  buildPortalIfStale();

  const { privateJwk, publicJwk } = await generateSigningJwk("e2e-portal");
  const [apiPort, portalPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const portalUrl = `http://localhost:${portalPort}`;
  const artifactsDir = path.join(repoRoot, "test/.artifacts/e2e");
  mkdirSync(artifactsDir, { recursive: true });
  const children: ChildProcess[] = [];
  const start = (name: string, command: string, args: string[], cwd: string, env: Record<string, string>) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("exit", () => writeFileSync(path.join(artifactsDir, `${name}.log`), output));
    children.push(child);
    return () => output;
  };

  const apiLog = start(
    "api",
    process.execPath,
    [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "functions/src/local/server.ts"],
    repoRoot,
    {
      PORT: String(apiPort),
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: endpoint,
      AUTH_JWKS: JSON.stringify({ keys: [publicJwk] }),
      ASSURE_MODE: "local",
      // Evidence uploaded by the tests stays with the run's artifacts, not in the local stack's .data/.
      EVIDENCE_DIR: path.join(artifactsDir, `evidence-${tableName}`),
    },
  );
  const portalLog = start(
    "portal",
    "npx",
    ["next", "start", "--port", String(portalPort)],
    path.join(repoRoot, "web"),
    {
      PORT: String(portalPort),
      ASSURE_API_URL: apiUrl,
      PORTAL_SIGNING_JWK: JSON.stringify(privateJwk),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: portalUrl,
      ASSURE_AUTH_PROVIDER: "credentials",
    },
  );
  try {
    await waitForHttp(`${apiUrl}/health`, 60_000);
    await waitForHttp(`${portalUrl}/login`, 120_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- api ---\n${apiLog()}\n--- portal ---\n${portalLog()}`);
  }

  project.provide("portalUrl", portalUrl);
  project.provide("apiUrl", apiUrl);
  project.provide("e2eTable", tableName);
  project.provide("artifactsDir", artifactsDir);

  return async () => {
    for (const child of children) killGroup(child, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const child of children) killGroup(child, "SIGKILL");
  };
}
