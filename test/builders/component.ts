import type { TComponentInput } from "@assure/shared";

/** A realistic component input; override what a test is about. */
export function buildComponentInput(overrides: Partial<TComponentInput> = {}): TComponentInput {
  return {
    name: "RTU 560 Remote Terminal Unit",
    productLine: "Substation automation",
    componentType: "EDR",
    description: "Remote terminal unit with IEC 61850 and IEC 60870-5-104 interfaces.",
    identifiers: { modelNumbers: ["560CMU05"], purl: undefined, cpe: undefined },
    visibility: { kind: "public" },
    slC: [2, 2, 2, 1, 2, 1, 2],
    basis: "self_declared",
    ...overrides,
  };
}
