import { describe, expect, it } from "vitest";
import { normalizePublisherNamespace, ZPublisherNamespace, ZSupplierVerificationInput } from "./tenant";

describe("CSAF publisher namespaces", () => {
  it("compares spellings of one namespace as equal", () => {
    expect(normalizePublisherNamespace(" https://PSIRT.Example.com/ ")).toBe("https://psirt.example.com");
    expect(normalizePublisherNamespace("https://psirt.example.com//")).toBe("https://psirt.example.com");
  });

  it.each([
    ["http://psirt.example.com", "plain http"],
    ["ftp://psirt.example.com", "another scheme"],
    ["psirt.example.com", "no scheme"],
    ["https://user:pw@psirt.example.com", "credentials"],
    ["https://psirt.example.com/?a=1", "a query"],
    ["https://psirt.example.com/#x", "a fragment"],
    [`https://${"a".repeat(200)}.example`, "over 200 characters"],
  ])("refuses %s (%s)", (namespace) => {
    expect(ZPublisherNamespace.safeParse(namespace).success).toBe(false);
  });

  it("verification input: namespaces default to none, are normalised, at most 20", () => {
    expect(ZSupplierVerificationInput.parse({ verified: true, method: "DNS TXT" }).namespaces).toEqual([]);
    expect(
      ZSupplierVerificationInput.parse({
        verified: true,
        method: "DNS TXT",
        namespaces: ["https://A.example/"],
      }).namespaces,
    ).toEqual(["https://a.example"]);
    const many = Array.from({ length: 21 }, (_, i) => `https://n${i}.example`);
    expect(
      ZSupplierVerificationInput.safeParse({ verified: true, method: "DNS", namespaces: many }).success,
    ).toBe(false);
  });
});
