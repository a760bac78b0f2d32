#!/usr/bin/env node
// `npm start`: install dependencies when they are missing, then hand over to the TypeScript orchestrator.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const lock = path.join(root, "package-lock.json");
const marker = path.join(root, "node_modules", ".package-lock.json");
const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);

if (stale) {
  console.log("Installing dependencies (first start, or package-lock.json changed)…");
  const install = spawnSync("npm", [existsSync(marker) ? "install" : "ci", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: "inherit",
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const child = spawn(
  process.execPath,
  [tsx, path.join(root, "functions/src/local/start.ts"), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
);
// Pass Ctrl-C and friends on, then leave when the orchestrator has stopped everything.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 0)));
