import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { decideAffected } from "@assure/shared";
import { describe, expect, it } from "vitest";
import { validateCsafFiles } from "../../csaf/validate-csaf-files";
import { formatDecision, formatValidationReport } from "./csaf";

const repositoryRoot = resolve(import.meta.dirname, "../../../..");
const work = mkdtempSync(join(tmpdir(), "assure-csaf-"));

const advisory = (cweName: string) => ({
  document: {
    category: "csaf_security_advisory",
    csaf_version: "2.0",
    notes: [{ category: "summary", text: "Test." }],
    publisher: { category: "vendor", name: "Example", namespace: "https://example.com" },
    references: [{ category: "self", summary: "Self", url: "https://example.com/ex-1.json" }],
    title: "Example advisory",
    tracking: {
      current_release_date: "2024-01-02T00:00:00Z",
      id: "EX-1",
      initial_release_date: "2024-01-01T00:00:00Z",
      revision_history: [{ date: "2024-01-01T00:00:00Z", number: "1", summary: "Initial" }],
      status: "final",
      version: "1",
    },
  },
  product_tree: {
    branches: [
      {
        category: "vendor",
        name: "Example Inc.",
        branches: [
          {
            category: "product_name",
            name: "Controller X",
            branches: [
              {
                category: "product_version_range",
                name: "<= 6.3.5.11 ",
                product: { product_id: "P1", name: "X" },
              },
            ],
          },
        ],
      },
    ],
  },
  vulnerabilities: [
    {
      cve: "CVE-2024-0001",
      cwe: { id: "CWE-79", name: cweName },
      notes: [{ category: "description", text: "XSS" }],
      product_status: { known_affected: ["P1"] },
      remediations: [{ category: "vendor_fix", details: "Update.", product_ids: ["P1"] }],
      threats: [{ category: "impact", details: "Bad.", product_ids: ["P1"] }],
    },
  ],
});
const GOOD_CWE = "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')";

const folder = join(work, "feed");
mkdirSync(join(folder, "sub"), { recursive: true });
writeFileSync(join(folder, "good.json"), JSON.stringify(advisory(GOOD_CWE)));
writeFileSync(join(folder, "sub", "stale-cwe.json"), JSON.stringify(advisory("XSS")));
writeFileSync(join(folder, "notes.txt"), "ignored");
const broken = join(work, "broken.json");
writeFileSync(broken, "{ not json");

describe("validateCsafFiles", () => {
  it("walks folders recursively and reports bad input without stopping", async () => {
    const report = await validateCsafFiles([folder, broken, join(work, "missing.json")]);
    expect(report.valid).toBe(1);
    expect(report.invalid).toBe(3);
    expect(
      report.results.map((r) => [r.file.replace(work, ""), r.valid, r.errors.map((e) => e.test)]),
    ).toEqual([
      ["/feed/good.json", true, []],
      ["/feed/sub/stale-cwe.json", false, ["6.1.11"]],
      ["/broken.json", false, ["input"]],
      ["/missing.json", false, ["input"]],
    ]);
    expect(report.results[2]?.errors[0]?.message).toMatch(/^not JSON/);
    const text = formatValidationReport(report);
    expect(text).toContain("6.1.11   /vulnerabilities/0/cwe/name:");
    expect(text).toContain("1 valid, 3 invalid");
  });
});

describe("assure csaf (CLI)", () => {
  it("validate --json prints the report and exits 2 when a document is invalid", () => {
    const run = spawnSync("npx", ["tsx", "functions/src/cli/main.ts", "csaf", "validate", "--json", folder], {
      cwd: repositoryRoot,
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as { valid: number; invalid: number; results: unknown[] };
    expect(Object.keys(report)).toEqual(["valid", "invalid", "results"]);
    expect([report.valid, report.invalid]).toEqual([1, 1]);
  }, 60_000);

  it("affected answers with the branch, range and status", () => {
    const run = spawnSync(
      "npx",
      [
        "tsx",
        "functions/src/cli/main.ts",
        "csaf",
        "affected",
        join(folder, "good.json"),
        "--vendor",
        "Example",
        "--product",
        "controller x",
        "--version",
        "6.3.5.11",
        "--json",
      ],
      { cwd: repositoryRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      affected: true,
      status: "known_affected",
      branch: ["Example Inc.", "Controller X", "<= 6.3.5.11 "],
    });
  }, 60_000);

  it("formats a decision for people", () => {
    const text = formatDecision(
      decideAffected(advisory(GOOD_CWE), { vendor: "Example", product: "Controller X", version: "7.0" }),
    );
    expect(text).toContain("affected: false");
    expect(text).toContain("range: <= 6.3.5.11 [text]");
  });
});
