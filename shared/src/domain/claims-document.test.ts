import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPOSITORY_ROOT } from "../catalog/reference-location";
import { checkClaimSet } from "./claim-check";
import { claimsDocumentJsonSchema, ZClaimsDocument } from "./claims-document";

const SCHEMA_FILE = "docs/schemas/claims-document.schema.json";
const EXAMPLE = "docs/examples/publish/claims.yaml";

describe("claims document", () => {
  it(`${SCHEMA_FILE} is up to date (regenerate: npx tsx shared/src/domain/write-claims-schema.ts)`, () => {
    const path = join(REPOSITORY_ROOT, SCHEMA_FILE);
    expect(existsSync(path)).toBe(true);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(
      JSON.parse(JSON.stringify(claimsDocumentJsonSchema())),
    );
  });

  it("the documented example is valid for the zod schema, the JSON Schema and the publish checks", () => {
    const example = parse(readFileSync(join(REPOSITORY_ROOT, EXAMPLE), "utf8"));
    const parsed = ZClaimsDocument.parse(example);
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(claimsDocumentJsonSchema() as object);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    for (const component of parsed.components) {
      const claims = component.claims.map(({ certification, ...claim }) => ({
        ...claim,
        ...(certification ? { certificationId: "01jaaaaaaaaaaaaaaaaaaaaaaa" } : {}),
      }));
      expect(checkClaimSet(component.componentType, { versions: component.versions, claims }).errors).toEqual(
        [],
      );
    }
  });

  it("rejects a document with an unknown field and the JSON Schema agrees", () => {
    const example = parse(readFileSync(join(REPOSITORY_ROOT, EXAMPLE), "utf8"));
    const broken = { ...example, components: [{ ...example.components[0], colour: "blue" }] };
    expect(ZClaimsDocument.safeParse(broken).success).toBe(false);
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(
      claimsDocumentJsonSchema() as object,
    );
    expect(validate(broken)).toBe(false);
  });
});
