import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeProduct, normalizeVendor, vendorCandidates, vendorsMatch } from "./normalize-name";

describe("normalizeVendor", () => {
  it.each([
    ["Schneider Electric Software, LLC", "schneider electric"],
    ["Schneider Electric", "schneider electric"],
    ["MOXA", "moxa"],
    ["Mitsubishi Electric Corporation", "mitsubishi electric"],
    ["Hitachi Energy ", "hitachi energy"],
    ["GeutebrÃ¼ck GmbH", "geutebruck"],
    ["Dräger", "drager"],
    ["Dahua Technology Co, Ltd", "dahua"],
    ["Pilz GmbH & Co. KG (Pilz)", "pilz"],
    ["PEPPERL+FUCHS", "pepperl fuchs"],
    ["Wibu-Systems AG", "wibu"],
    ["General Electric (GE)", "general electric"],
    ["GE", "general electric"],
    ["Phillips", "philips"],
    ["3S-Smart Software Solutions GmbH", "codesys"],
    ["CODESYS, GmbH", "codesys"],
    ["Software AG", "software"],
    ["Hirschmann Automation and Control GmbH, Belden Inc.", "hirschmann automation and control"],
    ["Becton, Dickinson and Company (BD)", "becton dickinson"],
  ])("%j → %j", (raw, key) => expect(normalizeVendor(raw)).toBe(key));

  it("lists every vendor of a joint or parent/subsidiary string", () => {
    expect(vendorCandidates("Kantech, Johnson Controls Inc.")).toEqual(["kantech", "johnson controls"]);
    expect(vendorCandidates("AVEVA Software, LLC and Schneider Electric Software, LLC")).toEqual([
      "aveva",
      "schneider electric",
    ]);
    expect(vendorCandidates("Sensormatic Electronics, LLC, a subsidiary of Johnson Controls Inc.")).toEqual([
      "sensormatic electronics",
      "johnson controls",
    ]);
    expect(vendorsMatch("Exacq Technologies, Johnson Controls Inc.", "Johnson Controls")).toBe(true);
    expect(vendorsMatch("Siemens", "Siemens Healthineers")).toBe(false);
  });
});

describe("normalizeProduct", () => {
  it("drops the vendor prefix, punctuation and case", () => {
    expect(normalizeProduct("Siemens SIMATIC S7-1500", "Siemens AG")).toBe("simatic s7 1500");
    expect(normalizeProduct("SIMATIC S7 1500")).toBe("simatic s7 1500");
    expect(normalizeProduct("EcoStruxure™ Control Expert")).toBe("ecostruxure control expert");
  });
});

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const cisaDir = path.join(
  process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus"),
  "csaf/cisa-ics",
);
const hasCorpus = existsSync(cisaDir);
if (!hasCorpus) console.warn(`skipped: CSAF corpus not found at ${cisaDir}`);

type TBranch = { category?: string; name?: string; branches?: TBranch[] };

describe.runIf(hasCorpus)("CISA vendor spellings", () => {
  it("folds the raw spellings into fewer keys without merging distinct vendors", () => {
    const raw = new Set<string>();
    for (const file of readdirSync(cisaDir)) {
      const doc = JSON.parse(readFileSync(path.join(cisaDir, file), "utf8")) as {
        product_tree?: { branches?: TBranch[] };
      };
      for (const b of doc.product_tree?.branches ?? [])
        if (b.category === "vendor" && b.name) raw.add(b.name);
    }
    const keys = new Map<string, string[]>();
    for (const r of raw) keys.set(normalizeVendor(r), [...(keys.get(normalizeVendor(r)) ?? []), r]);
    console.info(`CISA vendors: ${raw.size} raw spellings → ${keys.size} keys`);
    expect(raw.size).toBeGreaterThan(300);
    expect(keys.size).toBeLessThan(raw.size - 25);
    for (const group of [
      ["Moxa", "MOXA"],
      ["Treck Inc", "Treck Inc."],
      ["Schneider Electric", "Schneider Electric Software, LLC"],
      ["Triangle MicroWorks", "Triangle Microworks"],
    ]) {
      expect(new Set(group.map(normalizeVendor)).size).toBe(1);
    }
    expect(normalizeVendor("Contec")).not.toBe(normalizeVendor("Contec Health"));
    expect(normalizeVendor("Delta Controls")).not.toBe(normalizeVendor("Delta Electronics"));
  });
});
