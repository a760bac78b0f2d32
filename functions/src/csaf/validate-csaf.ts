import { compileCsafSchema } from "./compile-csaf-schema";
import { MANDATORY_TESTS } from "./mandatory-tests";
import type { TCsafFailure, TCsafValidation } from "./types";

function schemaFailures(doc: unknown): TCsafFailure[] {
  const validate = compileCsafSchema();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra =
      e.keyword === "additionalProperties"
        ? ` ("${String((e.params as { additionalProperty?: unknown }).additionalProperty)}")`
        : e.keyword === "enum"
          ? `: ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`
          : "";
    return { test: "schema", path: e.instancePath, message: `${e.message ?? e.keyword}${extra}` };
  });
}

/**
 * Validates a parsed CSAF 2.0 document: the strict JSON schema, then every mandatory test (§6.1). The tests run
 * even when the schema fails so that one pass reports everything; a test that throws on malformed input counts
 * as failed rather than passed.
 */
export function validateCsaf(doc: unknown): TCsafValidation {
  const errors = schemaFailures(doc);
  for (const test of MANDATORY_TESTS) {
    try {
      errors.push(...test.run(doc));
    } catch (error) {
      errors.push({ test: test.id, path: "", message: `test could not run: ${(error as Error).message}` });
    }
  }
  return { valid: errors.length === 0, errors };
}
