import type { ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import csafSchema from "./schemas/csaf_json_schema.json";
import cvss20 from "./schemas/cvss-v2.0_strict.json";
import cvss30 from "./schemas/cvss-v3.0_strict.json";
import cvss31 from "./schemas/cvss-v3.1_strict.json";

type TJson = null | boolean | number | string | TJson[] | { [key: string]: TJson };

/**
 * Strict mode of CSAF 2.0 (§9.1.14 "CSAF basic validator", as in the BSI and csaf-rs validators): every
 * object that declares `properties` rejects unknown ones. The published schema leaves this open.
 */
export function makeStrict(schema: TJson): TJson {
  if (Array.isArray(schema)) return schema.map(makeStrict);
  if (schema === null || typeof schema !== "object") return schema;
  const out: { [key: string]: TJson } = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` maps names to schemas; its keys are never keywords, so only its values are descended into.
    out[key] =
      key === "properties" && value !== null && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, makeStrict(v)]))
        : makeStrict(value);
  }
  if (out.properties !== undefined && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

/** The FIRST schemas are draft-04/07; CSAF references them by their un-dated id. */
function asReferencedCvssSchema(schema: { [key: string]: TJson }, id: string): { [key: string]: TJson } {
  const { $schema: _s, id: _id, $id: _id2, ...rest } = schema;
  return { ...rest, $id: id };
}

let compiled: ValidateFunction | undefined;

/** Compiles once per process (about 100 ms); ajv's `strict` mode also rejects unknown keywords in the schema. */
export function compileCsafSchema(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // FIRST's schemas carry their licence text in a non-standard `license` keyword.
  ajv.addVocabulary(["license"]);
  addFormats(ajv);
  ajv.addSchema(asReferencedCvssSchema(cvss20, "https://www.first.org/cvss/cvss-v2.0.json"));
  ajv.addSchema(asReferencedCvssSchema(cvss30, "https://www.first.org/cvss/cvss-v3.0.json"));
  ajv.addSchema(asReferencedCvssSchema(cvss31, "https://www.first.org/cvss/cvss-v3.1.json"));
  compiled = ajv.compile(makeStrict(csafSchema as TJson) as object);
  return compiled;
}
