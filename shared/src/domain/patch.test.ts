import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZSiteAssetPatch } from "./asset";
import { ZSiteCountermeasurePatch } from "./countermeasure";
import { patchOf } from "./patch";

describe("patchOf", () => {
  const ZThing = z.object({
    name: z.string().min(1),
    role: z.string().default(""),
    kind: z.enum(["a", "b"]).default("a"),
    count: z.number().int(),
  });
  const ZThingPatch = patchOf(ZThing);

  it("leaves out what the body leaves out (no defaults written over stored values)", () => {
    expect(ZThingPatch.parse({})).toEqual({});
    expect(ZThingPatch.parse({ count: 2 })).toEqual({ count: 2 });
  });

  it("still validates the fields a body names", () => {
    expect(ZThingPatch.safeParse({ name: "" }).success).toBe(false);
    expect(ZThingPatch.safeParse({ kind: "c" }).success).toBe(false);
  });

  it("parses to exactly the keys given, for any subset of fields", () => {
    const full = { name: "x", role: "r", kind: "b" as const, count: 3 };
    fc.assert(
      fc.property(fc.subarray(Object.keys(full) as Array<keyof typeof full>), (keys) => {
        const body = Object.fromEntries(keys.map((k) => [k, full[k]]));
        expect(ZThingPatch.parse(body)).toEqual(body);
      }),
    );
  });

  it.each([
    ["asset", ZSiteAssetPatch],
    ["countermeasure", ZSiteCountermeasurePatch],
  ] as const)("the %s patch adds no fields to an empty body", (_name, schema) => {
    expect(schema.parse({})).toEqual({});
  });
});
