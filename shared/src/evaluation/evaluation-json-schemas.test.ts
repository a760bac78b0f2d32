import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../catalog/reference-location";
import { evaluate } from "./evaluate";
import { EVALUATION_SCHEMA_FILES } from "./evaluation-json-schemas";
import { component, documentWith } from "./test-support";

describe("published JSON Schemas", () => {
  it.each(Object.entries(EVALUATION_SCHEMA_FILES))(
    "%s is up to date (regenerate with npm run -s schemas)",
    (file, build) => {
      const path = join(REPOSITORY_ROOT, file);
      expect(existsSync(path), `${file} is missing`).toBe(true);
      expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(JSON.parse(JSON.stringify(build())));
    },
  );

  it("accept a real document and its result, and reject a broken one", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const [inputSchema, outputSchema] = Object.values(EVALUATION_SCHEMA_FILES).map((build) => build());
    const validateInput = ajv.compile(inputSchema as object);
    const validateOutput = ajv.compile(outputSchema as object);
    const document = documentWith({
      components: [
        component("c1", [2, 1, 2, 2, 2, 2, 2], { requirements: { "CR 1.1": "n/a" }, basis: "certified" }),
      ],
      countermeasures: [{ id: "m1", scope: { zone: "z1" }, frs: [2], raisesTo: 2 }],
    });
    expect(validateInput(document), JSON.stringify(validateInput.errors)).toBe(true);
    expect(validateOutput(evaluate(document)), JSON.stringify(validateOutput.errors)).toBe(true);
    expect(validateInput({ ...document, zones: [{ id: "z1", slT: [1, 2] }] })).toBe(false);
  });
});
