import { describe, expect, it } from "vitest";
import type { TAssuranceBasis } from "../domain/component";
import { meetsMinimumBasis, resolveAssuranceBasis, type TCertificateInput } from "./resolve-assurance-basis";

const date = "2026-06-01";

describe("resolveAssuranceBasis", () => {
  it.each<[string, TAssuranceBasis, TCertificateInput | undefined, TAssuranceBasis, string | null]>([
    ["self-declared stays self-declared", "self_declared", undefined, "self_declared", null],
    [
      "third-party assessed stays as declared",
      "third_party_assessed",
      undefined,
      "third_party_assessed",
      null,
    ],
    [
      "certified with a valid certificate",
      "certified",
      { issued: "2025-01-01", expires: "2027-01-01", status: "valid" },
      "certified",
      "certificate_valid",
    ],
    [
      "certified, certificate expiring on the evaluation date (inclusive)",
      "certified",
      { issued: "2025-01-01", expires: date },
      "certified",
      "certificate_valid",
    ],
    [
      "certified without expiry date certifies nothing",
      "certified",
      { issued: "2025-01-01" },
      "self_declared",
      "certificate_undated",
    ],
    [
      "certified without issue date certifies nothing",
      "certified",
      { expires: "2030-01-01" },
      "self_declared",
      "certificate_undated",
    ],
    [
      "a 4-2 certificate certifies a component claim",
      "certified",
      { standardPart: "4-2", issued: "2025-01-01", expires: "2027-01-01" },
      "certified",
      "certificate_valid",
    ],
    [
      "a 4-1 (process) certificate never does",
      "certified",
      { standardPart: "4-1", issued: "2025-01-01", expires: "2027-01-01" },
      "self_declared",
      "certificate_wrong_part",
    ],
    [
      "a 3-3 (system) certificate never does",
      "certified",
      { standardPart: "3-3", issued: "2025-01-01", expires: "2027-01-01" },
      "self_declared",
      "certificate_wrong_part",
    ],
    [
      "certified, suspended counts as revoked",
      "certified",
      { issued: "2025-01-01", expires: "2030-01-01", status: "suspended" },
      "self_declared",
      "certificate_revoked",
    ],
    [
      "certified, expired the day before",
      "certified",
      { issued: "2025-01-01", expires: "2026-05-31" },
      "self_declared",
      "certificate_expired",
    ],
    [
      "certified, marked expired",
      "certified",
      { expires: "2030-01-01", status: "expired" },
      "self_declared",
      "certificate_expired",
    ],
    [
      "certified, revoked",
      "certified",
      { expires: "2030-01-01", status: "revoked" },
      "self_declared",
      "certificate_revoked",
    ],
    [
      "certified, issued after the evaluation date",
      "certified",
      { issued: "2026-06-02", expires: "2029-06-02" },
      "self_declared",
      "certificate_not_yet_valid",
    ],
    ["certified without certificate", "certified", undefined, "self_declared", "certificate_missing"],
  ])("%s", (_, declared, certificate, expectedBasis, expectedCode) => {
    const resolution = resolveAssuranceBasis(declared, certificate, date);
    expect(resolution.basis).toBe(expectedBasis);
    expect(resolution.reason?.code ?? null).toBe(expectedCode);
  });

  it("names the certificate and its dates in the reason", () => {
    const { reason } = resolveAssuranceBasis(
      "certified",
      { certificateNo: "ISA-123", issued: "2023-02-01", expires: "2026-01-31" },
      date,
    );
    expect(reason?.certificate).toEqual({
      certificateNo: "ISA-123",
      issued: "2023-02-01",
      expires: "2026-01-31",
    });
    expect(reason?.message).toContain("ISA-123 expired on 2026-01-31");
  });

  it("names the failed check: a process certificate by its number and part", () => {
    const { reason } = resolveAssuranceBasis(
      "certified",
      { number: "CSA-2025-0142", standardPart: "4-1", issued: "2025-01-01", expires: "2028-01-01" },
      date,
    );
    expect(reason?.message).toMatch(/^Certificate CSA-2025-0142 is a 62443-4-1 /);
    expect(reason?.certificate).toMatchObject({ number: "CSA-2025-0142", standardPart: "4-1" });
  });
});

describe("meetsMinimumBasis", () => {
  it.each<[TAssuranceBasis | null, TAssuranceBasis, boolean]>([
    ["self_declared", "self_declared", true],
    ["self_declared", "third_party_assessed", false],
    ["third_party_assessed", "third_party_assessed", true],
    ["third_party_assessed", "certified", false],
    ["certified", "third_party_assessed", true],
    ["certified", "certified", true],
    [null, "self_declared", false],
  ])("%s against minimum %s → %s", (basis, minimum, expected) => {
    expect(meetsMinimumBasis(basis, minimum)).toBe(expected);
  });
});
