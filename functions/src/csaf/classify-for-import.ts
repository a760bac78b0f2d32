import type { TCsafValidation } from "./types";

/**
 * Mandatory tests whose failure does not change what a document says about products and vulnerabilities.
 * 6.1.11: the CWE name differs from the catalogue name for the id (3 of 1,655 CISA advisories; CWE renames).
 * Documented in docs/csaf.md; extend only with the same argument.
 */
export const COSMETIC_TESTS: readonly string[] = ["6.1.11"];

export type TImportDecision = "accept" | "accept_with_warning" | "reject";

/** Import policy: valid → accept; only cosmetic failures → accept with a warning (reject when strict); else reject. */
export function classifyForImport(result: TCsafValidation, options: { strict: boolean }): TImportDecision {
  if (result.errors.length === 0) return "accept";
  if (options.strict) return "reject";
  return result.errors.every((e) => COSMETIC_TESTS.includes(e.test)) ? "accept_with_warning" : "reject";
}
