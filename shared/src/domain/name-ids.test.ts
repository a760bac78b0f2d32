import { describe, expect, it } from "vitest";
import { documentNames, nameIds } from "./name-ids";

const ids = {
  zone: "01jzone00000000000000000zz",
  asset: "01jasset0000000000000000aa",
  measure: "01jmeasure00000000000000mm",
  component: "01jcomponent000000000000cc",
};

describe("nameIds", () => {
  const names = documentNames({
    components: [{ id: `${ids.component}@4.0.1`, name: "NW-PLC 5200 4.0.1" }],
    zones: [{ id: ids.zone, name: "Process Control", assets: [{ id: ids.asset, name: "PLC-1" }] }],
    conduits: [],
    countermeasures: [{ id: ids.measure, name: "Jump host MFA" }],
  });

  it.each([
    [
      `FR1: SL-A 1 is below SL-T 2; held back by ${ids.asset}.`,
      "FR1: SL-A 1 is below SL-T 2; held back by PLC-1.",
    ],
    [`countermeasure ${ids.measure} raises FR1 to 2`, "countermeasure Jump host MFA raises FR1 to 2"],
    [`component ${ids.component}@4.0.1 has no claim`, "component NW-PLC 5200 4.0.1 has no claim"],
    [`zone ${ids.zone}: 2 gaps`, "zone Process Control: 2 gaps"],
  ])("%s", (message, named) => {
    expect(nameIds(message, names)).toBe(named);
  });

  it("leaves unknown ids and other text alone", () => {
    const unknown = "01junknown000000000000000u";
    expect(nameIds(`asset ${unknown} at v1.2`, names)).toBe(`asset ${unknown} at v1.2`);
  });
});
