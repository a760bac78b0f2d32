import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root; every path in the stack is resolved from it, whatever the working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const repoPath = (...segments: string[]) => join(REPO_ROOT, ...segments);
