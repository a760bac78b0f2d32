import type { TCsafFailure } from "./types";

const PROFILE_VALUES = [
  "csaf_base",
  "csaf_security_incident_response",
  "csaf_informational_advisory",
  "csaf_security_advisory",
  "csaf_vex",
];

// Compared after removing hyphen, minus, white space and underscore (§6.1.26): names without the csaf_ prefix
// and the full values of every profile other than CSAF Base.
const strip = (s: string) => s.replace(/[-\u2212_\s]+/gu, "").toLowerCase();
const PROHIBITED = new Set(
  PROFILE_VALUES.filter((v) => v !== "csaf_base").flatMap((v) => [strip(v), strip(v.slice("csaf_".length))]),
);

/**
 * CSAF 2.0 §6.1.26 Prohibited Document Category Name. Own implementation because csaf-validator-lib 2.0.10
 * compares only the names without prefix and so accepts OASIS failing example 6-1-26-04 ("csafsecurityadvisory").
 */
export function checkProhibitedCategory(doc: unknown): TCsafFailure[] {
  const category = (doc as { document?: { category?: unknown } } | null)?.document?.category;
  if (typeof category !== "string" || PROFILE_VALUES.includes(category)) return [];
  if (category.toLowerCase().startsWith("csaf_")) {
    return [
      { test: "6.1.26", path: "/document/category", message: `"${category}" uses the reserved prefix csaf_` },
    ];
  }
  if (PROHIBITED.has(strip(category))) {
    return [
      {
        test: "6.1.26",
        path: "/document/category",
        message: `"${category}" is too close to the name of another CSAF profile`,
      },
    ];
  }
  return [];
}
