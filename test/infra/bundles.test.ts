import { beforeAll, describe, expect, it } from "vitest";
import {
  BUNDLE_SIZE_LIMITS_BYTES,
  FUNCTION_NAMES,
  type FunctionBundles,
  readBundle,
} from "../../infra/src/bundling";
import { sharedBundles } from "./support/synth";

let bundles: FunctionBundles;
beforeAll(async () => {
  bundles = await sharedBundles();
});

describe("function bundles (minified, AWS SDK external)", () => {
  it.each(FUNCTION_NAMES)("%s stays under its size limit", (name) => {
    expect(bundles[name].bytes).toBeLessThanOrEqual(BUNDLE_SIZE_LIMITS_BYTES[name]);
  });

  it("keeps the AWS SDK out of every bundle (the Node 22 runtime provides it)", () => {
    for (const name of FUNCTION_NAMES) {
      const code = readBundle(bundles[name]);
      // The SDK's user-agent prefix: present in any bundle that inlined @aws-sdk/core.
      expect(code).not.toContain('"aws-sdk-js"');
    }
    expect(readBundle(bundles.streamProcessor)).toMatch(/from\s*"@aws-sdk\/util-dynamodb"/);
  });

  it("bundles zod with its English messages only", () => {
    const api = readBundle(bundles.api);
    expect(api).toContain("Invalid input");
    // German and Hebrew messages from zod's locale files must not be there.
    expect(api).not.toContain("Ungültige Eingabe");
    expect(api).not.toContain("קלט לא תקין");
  });

  it("exports a `handler` from every bundle", () => {
    for (const name of FUNCTION_NAMES)
      expect(readBundle(bundles[name])).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
  });
});
