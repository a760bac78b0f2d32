import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./paths";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Build outputs and files the build itself rewrites do not count as source changes.
    if (["node_modules", ".next", ".open-next", "next-env.d.ts"].includes(entry.name)) continue;
    if (entry.name.endsWith(".tsbuildinfo")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the portal (`next build`) when there is no build, or its sources (or shared/) changed since. */
export function buildPortalIfStale() {
  const buildId = path.join(repoRoot, "web/.next/BUILD_ID");
  const sources = Math.max(
    newestMtime(path.join(repoRoot, "web")),
    newestMtime(path.join(repoRoot, "shared/src")),
  );
  if (existsSync(buildId) && statSync(buildId).mtimeMs > sources) return;
  const result = spawnSync("npx", ["next", "build"], { cwd: path.join(repoRoot, "web"), stdio: "inherit" });
  if (result.status !== 0) throw new Error("next build failed");
}
