import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decideAffected } from "./decide-affected";
import { listAdvisoryProducts } from "./list-advisory-products";
import { matchComponent } from "./match-component";

const product = (id: string, name: string, extra: object = {}) => ({ product_id: id, name, ...extra });

// A small advisory in the shape CISA and vendors publish.
const doc = {
  document: { tracking: { id: "T-1" } },
  product_tree: {
    branches: [
      {
        category: "vendor",
        name: "Siemens ",
        branches: [
          {
            category: "product_name",
            name: "SIMATIC S7-1500",
            branches: [
              {
                category: "product_version_range",
                name: "vers:all/<V2.9",
                product: product("P1", "S7-1500 <V2.9"),
              },
              { category: "product_version", name: "V2.9.2", product: product("P2", "S7-1500 V2.9.2") },
            ],
          },
          {
            category: "product_name",
            name: "SCALANCE X200",
            branches: [
              {
                category: "product_version_range",
                name: "All versions < V5.5",
                product: product("P3", "X200", {
                  product_identification_helper: {
                    model_numbers: ["6GK5 2*"],
                    purl: "pkg:generic/siemens/x200@5",
                  },
                }),
              },
            ],
          },
          {
            category: "product_name",
            name: "SIMATIC WinCC",
            branches: [
              {
                category: "product_version_range",
                name: "<= first 2 digits of serial 04",
                product: product("P4", "x"),
              },
            ],
          },
        ],
      },
      {
        category: "vendor",
        name: "Schneider Electric Software, LLC",
        branches: [
          {
            category: "product_name",
            name: "EcoStruxure",
            branches: [
              { category: "product_version_range", name: "<= 22.10-SP6", product: product("P5", "Eco") },
              { category: "product_version", name: "22.10 SP7", product: product("P6", "Eco fixed") },
            ],
          },
        ],
      },
    ],
  },
  vulnerabilities: [
    {
      cve: "CVE-2024-0001",
      product_status: {
        known_affected: ["P1", "P3", "P4", "P5"],
        fixed: ["P2", "P6"],
        known_not_affected: [],
      },
    },
  ],
};

describe("decideAffected", () => {
  it.each([
    ["Siemens AG", "SIMATIC S7-1500", "V2.8", true, "known_affected"],
    ["siemens", "Siemens SIMATIC S7 1500", "2.9.2", false, "fixed"],
    ["Siemens", "SIMATIC S7-1500", "2.9.5", false, "known_affected"],
    ["Siemens", "SCALANCE X200", "5.4", true, "known_affected"],
    ["Siemens", "SIMATIC WinCC", "7.0", null, "known_affected"],
    ["Schneider Electric", "EcoStruxure", "22.10 SP6", true, "known_affected"],
    ["Schneider Electric", "EcoStruxure", "22.10-SP7", false, "fixed"],
    ["Schneider Electric", "EcoStruxure", "not-a-version x y z", null, "known_affected"],
    ["ABB", "SIMATIC S7-1500", "1.0", false, null],
  ])("%s / %s / %s → %s", (vendor, prod, version, affected, status) => {
    const d = decideAffected(doc, { vendor, product: prod, version });
    expect(d.affected).toBe(affected);
    expect(d.status).toBe(status);
    expect(d.reason.length).toBeGreaterThan(5);
  });

  it("reports the branch and the parsed range that decided", () => {
    const d = decideAffected(doc, { vendor: "Siemens", product: "SIMATIC S7-1500", version: "2.1" });
    expect(d).toMatchObject({
      affected: true,
      productId: "P1",
      branch: ["Siemens ", "SIMATIC S7-1500", "vers:all/<V2.9"],
      vulnerability: "CVE-2024-0001",
      range: {
        scheme: "vers:all",
        intervals: [{ lower: null, upper: { version: "V2.9", inclusive: false } }],
      },
    });
  });

  it("lets fixed decide before an overlapping affected range", () => {
    const overlap = structuredClone(doc);
    overlap.vulnerabilities[0]!.product_status.fixed = ["P2"];
    overlap.product_tree.branches[0]!.branches[0]!.branches[0]!.name = "vers:all/<V3.0";
    const d = decideAffected(overlap, { vendor: "Siemens", product: "SIMATIC S7-1500", version: "V2.9.2" });
    expect([d.affected, d.status, d.productId]).toEqual([false, "fixed", "P2"]);
  });
});

describe("listAdvisoryProducts / matchComponent", () => {
  const products = listAdvisoryProducts(doc);
  it("lists every product with normalised names and specs", () => {
    expect(products).toHaveLength(6);
    expect(products[0]).toMatchObject({
      productId: "P1",
      vendorNorm: "siemens",
      productNorm: "simatic s7 1500",
      versionSpec: { kind: "range", raw: "vers:all/<V2.9" },
      statuses: [{ vulnerability: "CVE-2024-0001", status: "known_affected" }],
    });
    expect(products[1]?.versionSpec.kind).toBe("exact");
    expect(products[3]?.versionSpec).toMatchObject({ kind: "unknown", range: null });
    expect(products[4]?.vendorNorm).toBe("schneider electric");
  });

  it("matches by purl, model number wildcard, and name, with confidence and ambiguity", () => {
    const byPurl = matchComponent(products, {
      vendor: "Siemens",
      name: "Switch",
      purl: "pkg:generic/siemens/x200@5.6",
      versions: ["5.4", "5.6"],
    });
    expect(byPurl).toEqual([
      {
        productId: "P3",
        method: "purl",
        confidence: 1,
        ambiguous: false,
        versions: [
          { version: "5.4", inRange: true },
          { version: "5.6", inRange: false },
        ],
      },
    ]);
    const byModel = matchComponent(products, { vendor: "x", name: "y", modelNumbers: ["6GK5 204-2BB10"] });
    expect(byModel.map((m) => [m.productId, m.method])).toEqual([["P3", "model_number"]]);
    const byName = matchComponent(products, {
      vendor: "Siemens AG",
      name: "SIMATIC S7-1500",
      versions: ["2.0"],
    });
    expect(byName.map((m) => [m.productId, m.confidence, m.ambiguous, m.versions[0]?.inRange])).toEqual([
      ["P1", 0.8, false, true],
      ["P2", 0.8, false, false],
    ]);
    const partial = matchComponent(products, { vendor: "Siemens", name: "SIMATIC" });
    expect(partial.every((m) => m.ambiguous && m.confidence === 0.5)).toBe(true);
    expect(partial.length).toBeGreaterThan(2);
  });
});

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const cisaDir = path.join(
  process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus"),
  "csaf/cisa-ics",
);
const hasCorpus = existsSync(cisaDir);
if (!hasCorpus) console.warn(`skipped: CSAF corpus not found at ${cisaDir}`);

describe.runIf(hasCorpus)("CISA corpus decisions", () => {
  const read = (f: string) => JSON.parse(readFileSync(path.join(cisaDir, f), "utf8")) as unknown;
  it("decides a vers:all range in a real advisory", () => {
    const doc = read("icsa-22-167-17.json");
    const products = listAdvisoryProducts(doc);
    expect(products.length).toBeGreaterThan(0);
    const p = products.find((x) => x.versionSpec.range && x.statuses.length > 0)!;
    const upper = p.versionSpec.range!.intervals[0]!.upper;
    expect(upper).not.toBeNull();
    const d = decideAffected(doc, { vendor: p.vendor!, product: p.product!, version: upper!.version });
    expect(d.productId).not.toBeNull();
  });
});
