import { describe, expect, it } from "vitest";
import { assetComponentName } from "./asset-component-name";

const ref = (version: string) => ({ supplierTenantId: "s", componentId: "plc", version });

describe("assetComponentName", () => {
  // Two assets of one catalog component on different versions: the second was upgraded in another zone.
  const document = {
    components: [
      { id: "plc@3.2.4", name: "NW-PLC 5200 3.2.4", ref: ref("3.2.4") },
      { id: "plc@4.0.1", name: "NW-PLC 5200 4.0.1", ref: ref("4.0.1") },
      { id: "fw@*", name: "Gate Firewall", ref: { supplierTenantId: "s", componentId: "fw" } },
    ],
    zones: [
      { assets: [{ id: "old", componentId: "plc@3.2.4" }] },
      { assets: [{ id: "upgraded", componentId: "plc@4.0.1" }] },
    ],
    conduits: [{ assets: [{ id: "gate", componentId: "fw@*" }] }],
  };

  it.each([
    ["old", "NW-PLC 5200"],
    ["upgraded", "NW-PLC 5200"],
    ["gate", "Gate Firewall"],
  ])("names the component asset %s runs without a version", (assetId, name) => {
    expect(assetComponentName(document, assetId)).toBe(name);
  });

  it("is undefined for an asset the document does not have", () => {
    expect(assetComponentName(document, "missing")).toBeUndefined();
  });
});
