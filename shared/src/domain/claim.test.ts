import { describe, expect, it } from "vitest";
import { applicableRows } from "../engine/applicable-requirements";
import { certificationState, engineCertificateStatus } from "./certification";
import { claimCoversVersion, claimForVersion, uncoveredVersions, ZClaim } from "./claim";
import { checkClaimSet } from "./claim-check";
import { diffJson } from "./claim-diff";

const claim = (versionRange: string, slC = [2, 2, 2, 2, 2, 2, 2]) => ZClaim.parse({ versionRange, slC });

describe("claims per version range", () => {
  it.each([
    ["*", "9.9", true],
    [">= 3.0, < 4.0", "3.2.1", true],
    [">= 3.0, < 4.0", "4.0", false],
    ["vers:generic/>=2.0|<3.0", "2.5", true],
    ["3.2.1", "3.2.1", true],
    ["3.2.1", "3.2.2", false],
  ])("%s covers %s: %s", (range, version, covered) => {
    expect(claimCoversVersion({ versionRange: range }, version)).toBe(covered);
  });

  it("picks the claim covering a version, or the newest version's claim", () => {
    const set = {
      versions: [
        { version: "3.1", releaseDate: "2025-03-01" },
        { version: "4.0", releaseDate: "2026-02-01", supersedes: "3.1" },
      ],
      claims: [claim(">= 3.0, < 4.0", [2, 2, 2, 1, 2, 1, 2]), claim(">= 4.0", [3, 3, 3, 2, 3, 2, 3])],
    };
    expect(claimForVersion(set, "3.1")?.slC).toEqual([2, 2, 2, 1, 2, 1, 2]);
    expect(claimForVersion(set)?.slC).toEqual([3, 3, 3, 2, 3, 2, 3]);
    expect(claimForVersion(set, "2.0")).toBeUndefined();
    expect(uncoveredVersions({ ...set, versions: [...set.versions, { version: "2.0" }] })).toEqual(["2.0"]);
  });

  it("refuses a version range that says nothing", () => {
    expect(ZClaim.safeParse({ versionRange: "the good ones", slC: [1, 1, 1, 1, 1, 1, 1] }).success).toBe(
      false,
    );
  });
});

describe("checkClaimSet", () => {
  it("flags a declared level above what the requirement results support, at the FR's path", () => {
    const check = checkClaimSet("EDR", {
      versions: [],
      claims: [
        ZClaim.parse({
          versionRange: "*",
          slC: [2, 0, 0, 0, 0, 0, 0],
          requirements: { "CR 1.1": true, "CR 1.1 RE(1)": false },
        }),
      ],
    });
    expect(check.errors.map((e) => e.path)).toContainEqual(["claims", 0, "slC", 0]);
    expect(check.errors[0]?.message).toContain("support SL0");
    expect(check.errors[0]?.message).toContain("CR 1.1 RE(1)");
  });

  it.each<[string, Record<string, boolean | "n/a">, "errors" | "warnings"]>([
    [
      "an FR listing some rows but not enough refuses the publish",
      { "CR 1.1": true, "CR 2.1": true },
      "errors",
    ],
    ["an FR listing no row is shown, not refused", { "CR 2.1": true, "CR 2.1 RE(1)": true }, "warnings"],
  ])("%s", (_, requirements, list) => {
    const check = checkClaimSet("EDR", {
      versions: [],
      claims: [ZClaim.parse({ versionRange: "*", slC: [1, 0, 0, 0, 0, 0, 0], requirements })],
    });
    const other = list === "errors" ? "warnings" : "errors";
    expect(check[list].map((issue) => issue.path)).toContainEqual(["claims", 0, "slC", 0]);
    expect(check[other].map((issue) => issue.path)).not.toContainEqual(["claims", 0, "slC", 0]);
  });

  it("shows an FR resting mostly on n/a as a warning, not an error", () => {
    const fr1 = applicableRows("EDR", 1).filter((row) => row.minSl <= 1);
    const requirements = Object.fromEntries(fr1.map((row) => [row.id, "n/a" as const]));
    const check = checkClaimSet("EDR", {
      versions: [],
      claims: [ZClaim.parse({ versionRange: "*", slC: [1, 0, 0, 0, 0, 0, 0], requirements })],
    });
    expect(check.errors).toEqual([]);
    expect(check.warnings.map((issue) => issue.message)).toContainEqual(
      expect.stringMatching(new RegExp(`^FR1: ${fr1.length} of ${fr1.length} rows n/a`)),
    );
  });

  it("flags unknown requirement ids and a certified claim without a certification", () => {
    const check = checkClaimSet(
      "NDR",
      {
        versions: [],
        claims: [
          ZClaim.parse({
            versionRange: "*",
            slC: [0, 0, 0, 0, 0, 0, 0],
            requirements: { "CR 99.9": true },
            basis: "certified",
          }),
        ],
      },
      new Map(),
    );
    expect(check.errors.map((e) => e.path)).toEqual([
      ["claims", 0, "requirements"],
      ["claims", 0, "certificationId"],
    ]);
  });

  it("accepts a consistent claim", () => {
    const check = checkClaimSet("SAR", { versions: [], claims: [claim("*", [0, 0, 0, 0, 0, 0, 0])] });
    expect(check).toEqual({ errors: [], warnings: [] });
  });
});

describe("certification state", () => {
  const cert = { status: "valid" as const, issued: "2025-01-01", expires: "2026-03-01" };
  it.each([
    ["2025-06-01", "valid"],
    ["2025-12-01", "expiring_soon"],
    ["2026-03-01", "expiring_soon"],
    ["2026-03-02", "expired"],
    ["2024-12-31", "not_yet_valid"],
  ])("on %s is %s", (today, state) => {
    expect(certificationState(cert, today).state).toBe(state);
  });
  it("revoked and suspended win over dates; the engine sees them as revoked", () => {
    expect(certificationState({ ...cert, status: "revoked" }, "2025-06-01").state).toBe("revoked");
    expect(engineCertificateStatus({ ...cert, status: "suspended" }, "2025-06-01")).toBe("revoked");
    expect(engineCertificateStatus(cert, "2026-04-01")).toBe("expired");
  });
});

describe("diffJson", () => {
  it("lists changed, added and removed leaves with paths", () => {
    expect(
      diffJson(
        { name: "A", claims: [{ slC: [1, 2] }], versions: [{ version: "1.0" }] },
        { name: "B", claims: [{ slC: [1, 3] }], versions: [{ version: "1.0" }, { version: "2.0" }] },
      ),
    ).toEqual([
      { path: "claims[0].slC[1]", kind: "changed", before: 2, after: 3 },
      { path: "name", kind: "changed", before: "A", after: "B" },
      { path: "versions[1]", kind: "added", after: { version: "2.0" } },
    ]);
  });
});
