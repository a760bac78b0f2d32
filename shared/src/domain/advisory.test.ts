import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listAdvisoryProducts } from "../advisory/list-advisory-products";
import { compareTrackingVersions, severityOf, summarizeCsaf, type TAdvisory, ZAdvisory } from "./advisory";
import { matchStateFor } from "./advisory-match";
import { matchAdvisoryToComponents, type TMatchCandidate } from "./advisory-matching";

const doc = (overrides: { tlp?: string; version?: string } = {}) => ({
  document: {
    category: "csaf_security_advisory",
    csaf_version: "2.0",
    title: "Example PLC web server vulnerabilities",
    publisher: { category: "vendor", name: "Example AG", namespace: "https://example.com" },
    distribution: { tlp: { label: overrides.tlp ?? "WHITE" } },
    notes: [{ category: "summary", text: "Two flaws in the web server." }],
    tracking: {
      id: "EX-SA-2026-001",
      version: overrides.version ?? "2",
      status: "final",
      initial_release_date: "2026-01-10T10:00:00Z",
      current_release_date: "2026-02-01T10:00:00.000+01:00",
      revision_history: [],
    },
  },
  product_tree: {
    branches: [
      {
        category: "vendor",
        name: "Example AG",
        branches: [
          {
            category: "product_name",
            name: "EX-PLC 400",
            branches: [
              {
                category: "product_version_range",
                name: "vers:generic/<2.4.1",
                product: { name: "EX-PLC 400 < 2.4.1", product_id: "P1" },
              },
              {
                category: "product_version",
                name: "2.4.1",
                product: { name: "EX-PLC 400 2.4.1", product_id: "P2" },
              },
            ],
          },
          {
            category: "product_name",
            name: "EX-HMI",
            branches: [
              {
                category: "product_version",
                name: "1.0",
                product: {
                  name: "EX-HMI 1.0",
                  product_id: "P3",
                  product_identification_helper: { model_numbers: ["HMI-7*"] },
                },
              },
            ],
          },
        ],
      },
    ],
    product_groups: [{ group_id: "G1", product_ids: ["P1", "P3"] }],
  },
  vulnerabilities: [
    {
      cve: "CVE-2026-0001",
      cwe: { id: "CWE-79", name: "Improper Neutralization of Input During Web Page Generation" },
      product_status: { known_affected: ["P1", "P3"], fixed: ["P2"] },
      scores: [
        {
          products: ["P1"],
          cvss_v3: {
            version: "3.1",
            baseScore: 6.1,
            vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
          },
        },
      ],
      remediations: [
        {
          category: "vendor_fix",
          details: "Update to 2.4.1",
          product_ids: ["P1"],
          url: "https://example.com/fw",
        },
      ],
    },
    {
      cve: "CVE-2026-0002",
      product_status: { known_affected: ["P1"] },
      scores: [
        {
          products: ["P1"],
          cvss_v3: {
            version: "3.1",
            baseScore: 9.1,
            vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N",
          },
        },
      ],
      remediations: [
        {
          category: "vendor_fix",
          details: "Update to 2.4.1",
          product_ids: ["P1"],
          url: "https://example.com/fw",
        },
        { category: "mitigation", details: "Block port 80", group_ids: ["G1"] },
      ],
    },
  ],
});

describe("summarizeCsaf", () => {
  it("reads tracking, CVEs, the highest CVSS, vendors, per-product status and merged remediations", () => {
    const s = summarizeCsaf(doc());
    expect(s).toMatchObject({
      trackingId: "EX-SA-2026-001",
      revision: "2",
      trackingStatus: "final",
      title: "Example PLC web server vulnerabilities",
      summary: "Two flaws in the web server.",
      tlp: "WHITE",
      currentReleaseDate: "2026-02-01T09:00:00.000Z",
      cves: ["CVE-2026-0001", "CVE-2026-0002"],
      cvssMax: 9.1,
      severity: "critical",
      vendors: ["Example AG"],
      vendorsNorm: ["example"],
      truncated: false,
    });
    expect(s.products.map((p) => [p.productId, p.status, p.version])).toEqual([
      ["P1", "affected", "vers:generic/<2.4.1"],
      ["P2", "fixed", "2.4.1"],
      ["P3", "affected", "1.0"],
    ]);
    // The same fix in two vulnerabilities is one remediation naming both CVEs; groups expand to products.
    expect(s.remediations).toEqual([
      {
        category: "vendor_fix",
        details: "Update to 2.4.1",
        url: "https://example.com/fw",
        productIds: ["P1"],
        cves: ["CVE-2026-0001", "CVE-2026-0002"],
      },
      {
        category: "mitigation",
        details: "Block port 80",
        url: null,
        productIds: ["P1", "P3"],
        cves: ["CVE-2026-0002"],
      },
    ]);
    expect(s.vulnerabilities[0]?.cwe?.id).toBe("CWE-79");
  });

  it("rejects a document without tracking information", () => {
    expect(() => summarizeCsaf({ document: { title: "x" } })).toThrow();
  });
});

describe("severity and revision order", () => {
  it.each([
    [null, null],
    [0, "none"],
    [3.9, "low"],
    [4, "medium"],
    [6.9, "medium"],
    [7, "high"],
    [9, "critical"],
  ])("CVSS %s is %s", (score, severity) => {
    expect(severityOf(score)).toBe(severity);
  });

  it.each([
    ["1", "2", -1],
    ["10", "9", 1],
    ["2", "2", 0],
    ["1.0.0", "1.0.1", -1],
    ["1.10.0", "1.9.9", 1],
    ["1.0.0-rc.1", "1.0.0", -1],
    ["1.0.0", "1.0.0-rc.1", 1],
    ["1.0.0+build.5", "1.0.0", 0],
  ])("%s vs %s → %d", (a, b, expected) => {
    expect(compareTrackingVersions(a, b)).toBe(expected);
  });
});

function advisoryFrom(input: unknown): TAdvisory {
  return ZAdvisory.parse({
    ...summarizeCsaf(input),
    id: "0123456789abcdef0123456789",
    owner: { kind: "platform" },
    source: "import",
    state: "published",
    visibility: { kind: "public" },
    conformanceWarnings: [],
    document: { key: "k", size: 1, sha256: "a".repeat(64), sha512: "b".repeat(128) },
    importedBy: "test",
    createdAt: "2026-02-01T00:00:00.000Z",
    updatedAt: "2026-02-01T00:00:00.000Z",
    version: 1,
  });
}

const candidate = (over: Partial<TMatchCandidate>): TMatchCandidate => ({
  id: "01jaaaaaaaaaaaaaaaaaaaaaaa",
  supplierTenantId: "01jsssssssssssssssssssssss",
  vendor: "Example",
  name: "EX-PLC 400",
  identifiers: { modelNumbers: [] },
  ...over,
});

describe("matchAdvisoryToComponents", () => {
  const input = doc();
  const advisory = advisoryFrom(input);
  const products = listAdvisoryProducts(input);
  const now = "2026-02-02T00:00:00.000Z";

  it("matches by vendor + name and keeps every product of that name, deciding catalog versions", () => {
    const [match, ...rest] = matchAdvisoryToComponents({
      advisory,
      products,
      components: [candidate({ versions: ["2.3", "2.4.1"] })],
      now,
    });
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ method: "name_version", confidence: 0.8, ambiguous: false });
    expect(match?.products.map((p) => p.productId)).toEqual(["P1", "P2"]);
    expect(match?.versions).toEqual([
      { version: "2.3", affected: true },
      { version: "2.4.1", affected: false },
    ]);
    expect(match?.advisory).toMatchObject({ trackingId: "EX-SA-2026-001", severity: "critical" });
  });

  it("matches model-number wildcards regardless of the vendor's spelling, and skips other vendors", () => {
    const found = matchAdvisoryToComponents({
      advisory,
      products,
      components: [
        candidate({
          id: "01jbbbbbbbbbbbbbbbbbbbbbbb",
          vendor: "Somebody Else",
          name: "Panel",
          identifiers: { modelNumbers: ["HMI-700"] },
        }),
        candidate({ id: "01jccccccccccccccccccccccc", vendor: "Other Corp", name: "EX-PLC 400" }),
      ],
      now,
    });
    expect(found.map((m) => [m.componentId, m.method, m.confidence])).toEqual([
      ["01jbbbbbbbbbbbbbbbbbbbbbbb", "model_number", 0.9],
    ]);
  });

  it("marks partial names ambiguous, and declared products win with confidence 1", () => {
    const partial = matchAdvisoryToComponents({
      advisory,
      products,
      components: [candidate({ name: "EX-PLC" })],
      now,
    });
    expect(partial[0]).toMatchObject({ method: "name_version", confidence: 0.5, ambiguous: true });
    const declared = matchAdvisoryToComponents({
      advisory,
      products,
      components: [candidate({ name: "Unrelated name" })],
      declared: new Map([["P3", "01jaaaaaaaaaaaaaaaaaaaaaaa"]]),
      now,
    });
    expect(declared[0]).toMatchObject({ method: "declared", confidence: 1, ambiguous: false });
    expect(declared[0]?.products.map((p) => p.productId)).toEqual(["P3"]);
  });

  it("applies decisions: the tenant's own first, then the supplier's, then ambiguity", () => {
    const supplierRejected = { verdict: "rejected" as const, tenantId: "t", by: "u", at: now };
    expect(matchStateFor({ ambiguous: true, decision: null }, null)).toBe("review");
    expect(matchStateFor({ ambiguous: false, decision: null }, null)).toBe("active");
    expect(matchStateFor({ ambiguous: true, decision: null }, "confirmed")).toBe("active");
    expect(matchStateFor({ ambiguous: false, decision: supplierRejected }, null)).toBe("rejected");
    expect(matchStateFor({ ambiguous: false, decision: supplierRejected }, "confirmed")).toBe("active");
  });
});

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const cisaDir = path.join(
  process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus"),
  "csaf/cisa-ics",
);
const hasCorpus = existsSync(cisaDir);
if (!hasCorpus) console.warn(`skipped: CSAF corpus not found at ${cisaDir}`);

describe.runIf(hasCorpus)("CISA corpus summaries", () => {
  it("summarises every advisory, each summary well below DynamoDB's 400 KB item limit", () => {
    const files = readdirSync(cisaDir).filter((f) => f.endsWith(".json"));
    let largest = 0;
    for (const file of files) {
      const summary = summarizeCsaf(JSON.parse(readFileSync(path.join(cisaDir, file), "utf8")));
      expect(summary.tlp).toBe("WHITE");
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify(summary)));
    }
    expect(files).toHaveLength(1655);
    expect(largest).toBeLessThan(200_000);
  });
});
