import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, found from this file so tests and scripts work from any working directory. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Where the verified IEC 62443 reference files live: $ASSURE_REFERENCE (either the `iec62443` folder or its
 * parent), else `../shared/reference/iec62443` beside the repository. Undefined when absent, so tests can say so.
 */
export function findReferenceDirectory(): string | undefined {
  const configured = process.env.ASSURE_REFERENCE;
  const candidates = configured
    ? [join(configured, "iec62443"), configured]
    : [resolve(REPOSITORY_ROOT, "../shared/reference/iec62443")];
  return candidates.find((candidate) => existsSync(join(candidate, "62443-4-2.json")));
}
