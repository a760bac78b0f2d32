import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareVersions, parseVersion, type TVersion } from "./version";

const v = (s: string): TVersion => {
  const parsed = parseVersion(s);
  if (!parsed) throw new Error(`not a version: ${s}`);
  return parsed;
};
const cmp = (a: string, b: string) => Math.sign(compareVersions(v(a), v(b)));

describe("parseVersion / compareVersions", () => {
  it.each([
    ["R16B_PC3", "R16B PC3"],
    ["22.10 SP6", "22.10-SP6"],
    ["V17 Update 6", "V17_Update_6"],
    ["V17 Update 6", "17.0 Upd 6"],
    ["v2.0", "2.0.0"],
    ["1.2 Service Pack 1", "1.2 SP1"],
    ["2020_R2_SP1_P01", "2020 R2 SP1 P1"],
    ["Version 4.02C", "4.02c"],
  ])("%s == %s", (a, b) => expect(cmp(a, b)).toBe(0));

  it.each([
    ["1.2 beta", "1.2"],
    ["1.2", "1.2 SP1"],
    ["1.2 SP1", "1.2.1"],
    ["1.106", "1.106L"],
    ["1.106L", "1.107"],
    ["V23Q3", "V23Q4"],
    ["V23Q4", "V24Q1"],
    ["2020_R2_SP1_P01", "2020_R2_SP1_P02"],
    ["2020_R2", "2020_R2_SP1_P01"],
    ["V17 Update 5", "V17 Update 6"],
    ["V16 Update 6", "V17"],
    ["1.9", "1.10"],
    ["15.2(4)EA7", "15.2(6)E2a"],
    ["99999999999999999999", "100000000000000000000"],
  ])("%s < %s", (a, b) => {
    expect(cmp(a, b)).toBe(-1);
    expect(cmp(b, a)).toBe(1);
  });

  it("reads wildcards and rejects prose", () => {
    expect(v("12.2.*").wildcard).toBe(true);
    expect(v("4.0.x").wildcard).toBe(true);
    expect(v("1.597X").wildcard).toBe(false);
    for (const s of [
      "",
      "V",
      "*",
      "with OIS running on Debian 9",
      "January 31 2014",
      "NVR 5.6",
      "a3b04b7bc48",
    ]) {
      expect(parseVersion(s)).toBeNull();
    }
  });

  it("orders SemVer pre-releases before the release", () => {
    const a = parseVersion("1.0.0-foo.1", "semver")!;
    const b = parseVersion("1.0.0+build.5", "semver")!;
    expect(compareVersions(a, b)).toBeLessThan(0);
    expect(compareVersions(b, parseVersion("1.0.0", "semver")!)).toBe(0);
  });
});

// Versions built from the pieces real ICS versions are made of.
const arbVersion = fc
  .tuple(
    fc.constantFrom("", "V", "v", "R"),
    fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 4 }),
    fc.constantFrom("", "L", "a", "Q3", "b"),
    fc.array(
      fc.tuple(
        fc.constantFrom(" ", "_", "-", "."),
        fc.constantFrom("SP", "Update", "HF", "P", "R", "beta", "rc", "L", "Q", "a", "Build"),
        fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([prefix, nums, suffix, quals]) => {
    let s = `${prefix}${nums.join(".")}${suffix}`;
    for (const [sep, word, n] of quals) s += `${sep}${word}${n ?? ""}`;
    return s;
  });

describe("version order properties", () => {
  it("every generated version parses", () => {
    fc.assert(fc.property(arbVersion, (s) => parseVersion(s) !== null));
  });
  it("is reflexive", () => {
    fc.assert(fc.property(arbVersion, (s) => cmp(s, s) === 0));
  });
  it("is antisymmetric", () => {
    fc.assert(fc.property(arbVersion, arbVersion, (a, b) => cmp(a, b) === -cmp(b, a)));
  });
  it("is transitive", () => {
    fc.assert(
      fc.property(arbVersion, arbVersion, arbVersion, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => cmp(p, q)) as [string, string, string];
        return cmp(x, y) <= 0 && cmp(y, z) <= 0 && cmp(x, z) <= 0;
      }),
    );
  });
  it("treats equal versions as interchangeable", () => {
    fc.assert(
      fc.property(
        arbVersion,
        arbVersion,
        arbVersion,
        (a, b, c) => cmp(a, b) !== 0 || cmp(a, c) === cmp(b, c),
      ),
    );
  });
  it("ignores separators and trailing zeros", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 4 }), (nums) => {
        return (
          cmp(nums.join("."), `${nums.join("_")}.0`) === 0 && cmp(nums.join("."), `V${nums.join(".")}`) === 0
        );
      }),
    );
  });
});

describe("parseVersion on hostile text", () => {
  it("long runs are not versions and are refused before any pattern runs", () => {
    const long = 60_000;
    for (const input of [
      "1".repeat(long),
      `${"1".repeat(long)}.x!`,
      "1.".repeat(long / 2),
      `V${"1 ".repeat(long / 2)}`,
      "a1".repeat(long / 2),
    ]) {
      expect(parseVersion(input), input.slice(0, 8)).toBeNull();
    }
  });
  it("never throws on arbitrary text, and a parsed version keeps its raw text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.constantFrom("generic", "semver"),
        (s, scheme) => {
          const parsed = parseVersion(s, scheme as "generic" | "semver");
          return parsed === null || parsed.raw === s;
        },
      ),
      { numRuns: 200 },
    );
  });
});
