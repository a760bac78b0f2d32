import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classifyForImport } from "./classify-for-import";
import { MANDATORY_TESTS } from "./mandatory-tests";
import { validateCsaf } from "./validate-csaf";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const corpus = process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus");
const oasisData = path.join(corpus, "csaf/oasis/csaf_2.0/test/validator/data");
const cisaDir = path.join(corpus, "csaf/cisa-ics");
const hasOasis = existsSync(path.join(oasisData, "testcases.json"));
const hasCisa = existsSync(cisaDir);
if (!hasOasis) console.warn(`skipped: CSAF corpus not found at ${oasisData}`);
if (!hasCisa) console.warn(`skipped: CSAF corpus not found at ${cisaDir}`);

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, "utf8"));

const minimal = () => ({
  document: {
    category: "csaf_base",
    csaf_version: "2.0",
    publisher: { category: "vendor", name: "Example", namespace: "https://example.com" },
    title: "Minimal",
    tracking: {
      current_release_date: "2024-01-02T00:00:00Z",
      id: "EX-1",
      initial_release_date: "2024-01-01T00:00:00Z",
      revision_history: [{ date: "2024-01-01T00:00:00Z", number: "1", summary: "Initial" }],
      status: "final",
      version: "1",
    },
  },
});

describe("validateCsaf", () => {
  it("registers every mandatory test of CSAF 2.0 §6.1 once", () => {
    const ids = MANDATORY_TESTS.map((t) => t.id);
    const expected = [
      ...Array.from({ length: 26 }, (_, i) => `6.1.${i + 1}`),
      ...Array.from({ length: 11 }, (_, i) => `6.1.27.${i + 1}`),
      ...Array.from({ length: 6 }, (_, i) => `6.1.${i + 28}`),
    ];
    expect(ids).toEqual(expected);
  });

  it("accepts a minimal valid document", () => {
    expect(validateCsaf(minimal())).toEqual({ valid: true, errors: [] });
  });

  it("rejects unknown properties (strict schema) with a JSON pointer", () => {
    const doc = minimal();
    Object.assign(doc.document, { colour: "red" });
    const result = validateCsaf(doc);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual({
      test: "schema",
      path: "/document",
      message: 'must NOT have additional properties ("colour")',
    });
  });

  it("checks formats (date-time needs a zone)", () => {
    const doc = minimal();
    doc.document.tracking.current_release_date = "2024-01-02 10:00";
    expect(validateCsaf(doc).errors.map((e) => [e.test, e.path])).toContainEqual([
      "schema",
      "/document/tracking/current_release_date",
    ]);
  });

  it("reports a wrong CWE name as 6.1.11 at the name", () => {
    const doc = {
      ...minimal(),
      vulnerabilities: [{ cwe: { id: "CWE-79", name: "Cross-site scripting" } }],
    };
    const result = validateCsaf(doc);
    expect(result.errors).toEqual([
      { test: "6.1.11", path: "/vulnerabilities/0/cwe/name", message: expect.any(String) },
    ]);
    expect(classifyForImport(result, { strict: false })).toBe("accept_with_warning");
    expect(classifyForImport(result, { strict: true })).toBe("reject");
  });

  it("orders same-date revisions by number for 6.1.21 and reports a gap", () => {
    const doc = minimal();
    doc.document.tracking.revision_history = [
      { date: "2024-01-01T00:00:00Z", number: "3", summary: "Third" },
      { date: "2024-01-01T00:00:00Z", number: "1", summary: "Initial" },
    ];
    doc.document.tracking.version = "3";
    expect(validateCsaf(doc).errors.filter((e) => e.test === "6.1.21")).toEqual([
      { test: "6.1.21", path: "/document/tracking/revision_history", message: expect.stringContaining("2") },
    ]);
  });

  it("does not throw on arbitrary JSON", () => {
    for (const input of [null, 3, "x", [], {}, { document: null }, { product_tree: { branches: "x" } }]) {
      const result = validateCsaf(input);
      expect(result.valid).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});

describe("classifyForImport", () => {
  const failure = (test: string) => ({ test, path: "", message: "" });
  it("accepts valid, warns on cosmetic-only, rejects the rest", () => {
    expect(classifyForImport({ valid: true, errors: [] }, { strict: true })).toBe("accept");
    expect(classifyForImport({ valid: false, errors: [failure("6.1.11")] }, { strict: false })).toBe(
      "accept_with_warning",
    );
    expect(
      classifyForImport({ valid: false, errors: [failure("6.1.11"), failure("6.1.1")] }, { strict: false }),
    ).toBe("reject");
    expect(classifyForImport({ valid: false, errors: [failure("schema")] }, { strict: false })).toBe(
      "reject",
    );
  });
});

type TTestCases = {
  tests: { id: string; group: string; failures?: { name: string }[]; valid?: { name: string }[] }[];
};

describe.runIf(hasOasis)("OASIS CSAF 2.0 mandatory conformance files", () => {
  const cases = hasOasis
    ? (readJson(path.join(oasisData, "testcases.json")) as TTestCases).tests.filter(
        (t) => t.group === "mandatory",
      )
    : [];
  const invalid = cases.flatMap((t) => (t.failures ?? []).map((f) => [t.id, f.name] as const));
  const valid = cases.flatMap((t) => (t.valid ?? []).map((f) => [t.id, f.name] as const));

  it("indexes all 43 mandatory tests", () => {
    expect(cases).toHaveLength(43);
    expect(invalid.length).toBeGreaterThan(60);
  });

  it.each(invalid)("%s rejects %s with that test id", (id, name) => {
    const result = validateCsaf(readJson(path.join(oasisData, name)));
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.test)).toContain(id);
  });

  it.each(valid)("%s accepts %s", (_id, name) => {
    expect(validateCsaf(readJson(path.join(oasisData, name))).errors).toEqual([]);
  });
});

describe.runIf(hasCisa)("CISA ICS advisories", () => {
  it("accepts all but the three documents with a stale CWE name (6.1.11)", () => {
    const files = readdirSync(cisaDir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBe(1655);
    const invalid: Record<string, string[]> = {};
    for (const file of files) {
      const result = validateCsaf(readJson(path.join(cisaDir, file)));
      if (!result.valid) invalid[file] = [...new Set(result.errors.map((e) => `${e.test} ${e.path}`))];
    }
    expect(invalid).toEqual({
      "icsa-19-099-04.json": ["6.1.11 /vulnerabilities/4/cwe/name"],
      "icsa-21-068-10.json": ["6.1.11 /vulnerabilities/4/cwe/name"],
      "icsa-21-259-01.json": ["6.1.11 /vulnerabilities/2/cwe/name"],
    });
  }, 120_000);
});
