import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { generateSigningJwk } from "../auth/tokens";
import { createDb } from "../db/client";
import { ensureTable } from "../db/migrate";
import { ENGINE_NODE_FLAGS } from "../engine-node-flags";
import { backfillCatalogFactsOnce } from "./backfill-catalog-facts";
import { DEMO_PASSWORD, demoUsers } from "./demo-data";
import { JAVA_MISSING_MESSAGE, javaMajorVersion, startDynamoLocal } from "./dynamo-local";
import {
  dataDir,
  localPaths,
  readJsonFile,
  repoRoot,
  type TLocalKeys,
  type TLocalStackState,
  writeJsonFile,
  ZLocalKeys,
  ZLocalStackState,
} from "./paths";
import { buildPortalIfStale } from "./portal-build";
import { killGroup, waitForHttp } from "./processes";
import { seedDemoData } from "./seed";
import { seedDemoAdvisoriesOnce } from "./seed-demo-advisories";
import { type StreamPoller, startLocalStreamPoller } from "./stream-poller";

/**
 * `npm start`: DynamoDB Local on disk, the table, the demo seed (once), the API and the portal.
 * Every child runs in its own process group; Ctrl-C (or any child dying) stops them all.
 */
const devMode = process.argv.includes("--dev");
const ports = {
  dynamo: Number(process.env.ASSURE_DYNAMO_PORT ?? 8000),
  api: Number(process.env.ASSURE_API_PORT ?? 4000),
  portal: Number(process.env.ASSURE_PORTAL_PORT ?? 3000),
};
const tableName = process.env.TABLE_NAME ?? "assure";
const children: ChildProcess[] = [];
let stopping = false;
let streamPoller: StreamPoller | undefined;

// Ends every child group if this process ends without stopAll (a crash, kill -9): see functions/bin/reaper.mjs.
const reaper = spawn(process.execPath, [path.join(repoRoot, "functions/bin/reaper.mjs")], {
  detached: true,
  stdio: ["pipe", "ignore", "ignore"],
});
reaper.stdin?.on("error", () => undefined);
reaper.unref();

/** The process groups this start runs, written to the state file so a later start can name leftovers. */
const started: Array<{ name: string; pgid: number }> = [];

/** Hands a detached child's process group to the reaper, and takes it back when the child ends. */
function tether(name: string, child: ChildProcess) {
  if (child.pid === undefined) return;
  const pgid = child.pid;
  reaper.stdin?.write(`+ ${pgid}\n`);
  started.push({ name, pgid });
  child.on("exit", () => reaper.stdin?.write(`- ${pgid}\n`));
}

function log(message: string) {
  process.stdout.write(`\x1b[36m[assure]\x1b[0m ${message}\n`);
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  // The poller and the children stop together; the poller gives up on a long batch (it is read again next start).
  const poller = streamPoller?.stop().catch(() => undefined);
  for (const child of children) killGroup(child, "SIGTERM");
  await poller;
  const deadline = Date.now() + 2500;
  while (children.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const child of children) killGroup(child, "SIGKILL");
  process.exit(code);
}

function run(name: string, command: string, args: string[], env: Record<string, string>, cwd = repoRoot) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = `\x1b[90m[${name}]\x1b[0m `;
  const forward = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let buffer = "";
    stream.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) out.write(`${prefix}${line}\n`);
    });
  };
  if (child.stdout) forward(child.stdout, process.stdout);
  if (child.stderr) forward(child.stderr, process.stderr);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping everything.`);
      void stopAll(code ?? 1);
    }
  });
  children.push(child);
  tether(name, child);
  return child;
}

/** What an earlier `npm start` that is no longer running left behind, and how to stop it. */
function leftoversOfEarlierStart(): string[] {
  let state: TLocalStackState | undefined;
  try {
    state = readJsonFile(ZLocalStackState, localPaths.state);
  } catch {
    return [];
  }
  if (!state || processAlive(state.pid)) return [];
  const left = (state.processes ?? []).filter((p) => processAlive(p.pgid));
  if (left.length === 0) return [];
  return [
    `An earlier npm start (pid ${state.pid}) has ended but left these running:`,
    ...left.map((p) => `  ${p.name} (process group ${p.pgid})`),
    `Stop them with: kill -- ${left.map((p) => `-${p.pgid}`).join(" ")}`,
  ];
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function loadOrCreateKeys(): Promise<TLocalKeys> {
  const existing = readJsonFile(ZLocalKeys, localPaths.keys);
  if (existing) return existing;
  const { privateJwk, publicJwk } = await generateSigningJwk("local-portal");
  const keys = { privateJwk, publicJwk, nextAuthSecret: randomBytes(32).toString("base64url") };
  writeJsonFile(localPaths.keys, keys);
  log(`created the portal's signing key in ${path.relative(repoRoot, localPaths.keys)}`);
  return keys;
}

async function main() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stopAll(0));

  const java = javaMajorVersion();
  if (java === null || java < 17) {
    process.stderr.write(`${JAVA_MISSING_MESSAGE}\n`);
    process.exit(1);
  }
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portFree(port))) {
      const variable = `ASSURE_${name.toUpperCase()}_PORT`;
      throw new Error(
        [
          `Port ${port} (${name}) is in use. Stop what uses it, or set ${variable} to another port.`,
          ...leftoversOfEarlierStart(),
        ].join("\n"),
      );
    }
  }
  mkdirSync(localPaths.dynamo, { recursive: true });
  const keys = await loadOrCreateKeys();

  log(
    `starting DynamoDB Local on port ${ports.dynamo} (data in ${path.relative(repoRoot, localPaths.dynamo)}/)`,
  );
  const dynamo = await startDynamoLocal({ dbPath: localPaths.dynamo, port: ports.dynamo, detached: true });
  children.push(dynamo.process);
  tether("DynamoDB Local", dynamo.process);
  dynamo.process.on("exit", (code) => {
    if (!stopping) {
      log(`DynamoDB Local exited (${code}); stopping everything.`);
      void stopAll(1);
    }
  });

  const db = createDb({ tableName, endpoint: dynamo.endpoint });
  const migration = await ensureTable(db);
  log(migration.created ? `created table ${tableName}` : `table ${tableName} is ready`);
  const seed = await seedDemoData(db);
  log(
    seed.seeded ? "seeded the demo tenants, users, components and site" : "demo data already present (kept)",
  );
  const backfill = await backfillCatalogFactsOnce(db);
  if (backfill.ran) log(`derived the catalog facts of ${backfill.components} published components`);

  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const portalUrl = `http://localhost:${ports.portal}`;
  const writeState = () =>
    writeJsonFile(
      localPaths.state,
      { dynamoEndpoint: dynamo.endpoint, tableName, apiUrl, portalUrl, pid: process.pid, processes: started },
      0o644,
    );
  writeState();

  // Follow-up work (advisory impact, notifications) runs from DynamoDB Local's stream, like the stream Lambda.
  streamPoller = await startLocalStreamPoller({ db, endpoint: dynamo.endpoint, portalUrl, dataDir });
  log(
    `stream poller started (e-mail and webhook messages go to ${path.relative(repoRoot, dataDir)}/outbox/)`,
  );
  const demoAdvisories = await seedDemoAdvisoriesOnce(db);
  if (demoAdvisories.ran)
    log(
      `imported ${demoAdvisories.imported} CISA advisories that name demo products` +
        (demoAdvisories.rejected.length ? ` (refused: ${demoAdvisories.rejected.join(", ")})` : "") +
        "; all 1,655: npm run -s assure -- csaf import ../shared/corpus/csaf/cisa-ics --local",
    );

  const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
  run("api", process.execPath, [tsx, "functions/src/local/server.ts"], {
    // Through NODE_OPTIONS, as in Lambda: tsx runs the server in a child process that inherits it.
    NODE_OPTIONS: [process.env.NODE_OPTIONS, ...ENGINE_NODE_FLAGS].filter(Boolean).join(" "),
    PORT: String(ports.api),
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AUTH_JWKS: JSON.stringify({ keys: [keys.publicJwk] }),
    ASSURE_MODE: "local",
    PORTAL_ORIGIN: portalUrl,
  });

  const portalEnv = {
    PORT: String(ports.portal),
    ASSURE_API_URL: apiUrl,
    PORTAL_SIGNING_JWK: JSON.stringify(keys.privateJwk),
    NEXTAUTH_SECRET: keys.nextAuthSecret,
    NEXTAUTH_URL: portalUrl,
    ASSURE_AUTH_PROVIDER: "credentials",
  };
  if (devMode) {
    run(
      "portal",
      "npx",
      ["next", "dev", "--port", String(ports.portal)],
      portalEnv,
      path.join(repoRoot, "web"),
    );
  } else {
    log("checking the portal build (next build runs when web/ or shared/ changed)…");
    buildPortalIfStale();
    run(
      "portal",
      "npx",
      ["next", "start", "--port", String(ports.portal)],
      portalEnv,
      path.join(repoRoot, "web"),
    );
  }

  writeState();
  await waitForHttp(`${apiUrl}/health`, 60_000);
  await waitForHttp(`${portalUrl}/login`, 180_000);
  const width = Math.max(...demoUsers.map((u) => u.email.length));
  const lines = [
    "",
    "The assurance portal is running.",
    `  Portal   ${portalUrl}`,
    `  API      ${apiUrl}   (docs: ${apiUrl}/docs, OpenAPI: ${apiUrl}/openapi.json)`,
    `  DynamoDB ${dynamo.endpoint}   (data: ${path.relative(repoRoot, dataDir)}/)`,
    "",
    `Demo logins (password for all: ${DEMO_PASSWORD})`,
    ...demoUsers.map((u) => `  ${u.email.padEnd(width)}  ${u.as}`),
    "",
    "CLI: npm run -s assure -- dev tenants   |   Ctrl-C stops everything.",
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`\nassure: ${error.message}\n`);
  void stopAll(1);
});
