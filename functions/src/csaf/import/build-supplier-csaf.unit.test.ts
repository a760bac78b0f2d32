import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSupplierCsaf, cvss3BaseScore, summarizeCsaf, ZAuthoredAdvisoryInput } from "@assure/shared";
import { describe, expect, it } from "vitest";
import { validateCsaf } from "../validate-csaf";

const component = {
  id: "01jaaaaaaaaaaaaaaaaaaaaaaa",
  vendor: "Northwind Automation",
  name: "NW-PLC 5200 Controller",
  identifiers: { modelNumbers: ["NW5200-CPU"] },
};

const input = ZAuthoredAdvisoryInput.parse({
  title: "NW-PLC 5200 web server: authentication bypass",
  summary: "A crafted request bypasses authentication of the web server.",
  tlp: "WHITE",
  products: [{ componentId: component.id, affectedVersions: "<2.4.1", fixedVersion: "2.4.1" }],
  vulnerabilities: [
    {
      cve: "CVE-2026-10001",
      title: "Authentication bypass",
      description: "The web server does not check the session on the configuration endpoint.",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    },
    { title: "Reflected XSS", description: "The search page reflects its query unescaped." },
  ],
  remediations: [
    { category: "vendor_fix", details: "Update the firmware to 2.4.1.", url: "https://northwind.example/fw" },
  ],
});

const build = (history: { number: string; date: string; summary: string }[] = []) =>
  buildSupplierCsaf({
    advisory: input,
    components: [component],
    publisher: { name: "Northwind Automation", namespace: "https://assure.example/suppliers/northwind" },
    trackingId: "NORTHWIND-SA-2026-001",
    history,
    initialReleaseDate: history[0]?.date,
    now: "2026-03-01T10:00:00.000Z",
  });

describe("buildSupplierCsaf", () => {
  it("builds a CSAF 2.0 security advisory that passes the strict schema and every mandatory test", () => {
    const { document, declaredProducts, revision } = build();
    const result = validateCsaf(document);
    expect(result.errors).toEqual([]);
    expect(revision).toBe("1");
    expect([...declaredProducts]).toEqual([
      ["CSAFPID-01jaaaaaaaaaaaaaaaaaaaaaaa-A", component.id],
      ["CSAFPID-01jaaaaaaaaaaaaaaaaaaaaaaa-F", component.id],
    ]);
    const summary = summarizeCsaf(document);
    expect(summary).toMatchObject({
      cvssMax: 9.8,
      severity: "critical",
      cves: ["CVE-2026-10001"],
      tlp: "WHITE",
    });
    expect(summary.products.map((p) => [p.version, p.status])).toEqual([
      ["<2.4.1", "affected"],
      ["2.4.1", "fixed"],
    ]);
  });

  it("appends a revision whose number follows the history (still valid)", () => {
    const { document, revision } = build([
      { number: "1", date: "2026-02-01T10:00:00.000Z", summary: "Initial release" },
    ]);
    expect(revision).toBe("2");
    expect(validateCsaf(document).errors).toEqual([]);
    expect(summarizeCsaf(document).initialReleaseDate).toBe("2026-02-01T10:00:00.000Z");
  });

  it("refuses ranges it cannot read and duplicate CVEs, with the field path", () => {
    const bad = ZAuthoredAdvisoryInput.safeParse({
      ...input,
      products: [{ componentId: component.id, affectedVersions: "the red ones" }],
      vulnerabilities: [input.vulnerabilities[0], input.vulnerabilities[0]],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("/"))).toEqual(
      expect.arrayContaining(["products/0/affectedVersions", "vulnerabilities"]),
    );
  });
});

describe("cvss3BaseScore", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1],
    ["CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9],
    ["CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.8],
    ["CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", null],
  ])("%s → %s", (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });
});

const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const cisaDir = path.join(
  process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus"),
  "csaf/cisa-ics",
);
const hasCorpus = existsSync(cisaDir);
if (!hasCorpus) console.warn(`skipped: CSAF corpus not found at ${cisaDir}`);

describe.runIf(hasCorpus)("CVSS against the CISA corpus", () => {
  it("computes the base score of every CVSS 3.x vector as the advisories state it", () => {
    let vectors = 0;
    for (const file of readdirSync(cisaDir).filter((f) => f.endsWith(".json"))) {
      const doc = JSON.parse(readFileSync(path.join(cisaDir, file), "utf8")) as {
        vulnerabilities?: { scores?: { cvss_v3?: { vectorString: string; baseScore: number } }[] }[];
      };
      for (const v of doc.vulnerabilities ?? []) {
        for (const s of v.scores ?? []) {
          if (!s.cvss_v3) continue;
          const base = s.cvss_v3.vectorString.split("/").slice(0, 9).join("/");
          vectors += 1;
          expect(cvss3BaseScore(base), `${file} ${s.cvss_v3.vectorString}`).toBe(s.cvss_v3.baseScore);
        }
      }
    }
    expect(vectors).toBeGreaterThan(3000);
  });
});
