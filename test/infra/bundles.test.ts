import { beforeAll, describe, expect, it } from "vitest";
import {
  BUNDLE_SIZE_LIMITS_BYTES,
  FUNCTION_NAMES,
  type FunctionBundle,
  type FunctionBundles,
  packageOf,
  readBundle,
} from "../../infra/src/bundling";
import { sharedBundles } from "./support/synth";

let bundles: FunctionBundles;
beforeAll(async () => {
  bundles = await sharedBundles();
});

const names = (packages: { name: string }[]) => packages.map((entry) => entry.name);
const initPackages = (bundle: FunctionBundle) => names(bundle.packages.init);
const allPackages = (bundle: FunctionBundle) => [...initPackages(bundle), ...names(bundle.packages.deferred)];

/** Packages only some routes or runs need; they must never load during a cold start of the API. */
const ROUTE_SPECIFIC = [
  "@secvisogram/csaf-validator-lib",
  "ajv",
  "@js-joda/core",
  "exceljs",
  "jszip",
  "bcryptjs",
  "@scalar/hono-api-reference",
];

describe("function bundles (minified, AWS SDK external, split into chunks)", () => {
  it.each(FUNCTION_NAMES)("%s: what loads at init and the whole bundle stay under their limits", (name) => {
    const bundle = bundles[name];
    expect(bundle.initBytes).toBeLessThanOrEqual(BUNDLE_SIZE_LIMITS_BYTES[name].init);
    expect(bundle.totalBytes).toBeLessThanOrEqual(BUNDLE_SIZE_LIMITS_BYTES[name].total);
    expect(bundle.initFiles[0]).toBe("index.mjs");
    expect(bundle.entryBytes).toBeLessThanOrEqual(bundle.initBytes);
    expect(bundle.initBytes).toBeLessThanOrEqual(bundle.totalBytes);
  });

  it("holds the API's cold path to its 500 kB budget: routes, validator, spreadsheets and bcrypt load later", () => {
    const api = bundles.api;
    expect(BUNDLE_SIZE_LIMITS_BYTES.api.init).toBeLessThanOrEqual(500 * 1024);
    expect(api.initBytes).toBeLessThanOrEqual(500 * 1024);
    const atInit = initPackages(api);
    for (const name of [...ROUTE_SPECIFIC, "functions/src/routes", "functions/src/usecases"]) {
      expect(atInit).not.toContain(name);
    }
    // Still in the bundle, behind import(): the routes and what they load on demand.
    const later = names(api.packages.deferred);
    for (const name of [...ROUTE_SPECIFIC, "functions/src/routes", "shared/src/engine"]) {
      expect(later).toContain(name);
    }
  });

  it("keeps the CSAF validator out of the stream processor and the feed poll's init", () => {
    expect(allPackages(bundles.streamProcessor)).toContain("shared/src/engine");
    expect(allPackages(bundles.streamProcessor)).not.toContain("@secvisogram/csaf-validator-lib");
    expect(allPackages(bundles.streamProcessor)).not.toContain("ajv");
    expect(allPackages(bundles.certificateExpiryJob)).not.toContain("@secvisogram/csaf-validator-lib");
    expect(initPackages(bundles.csafFeedPollJob)).not.toContain("@secvisogram/csaf-validator-lib");
    expect(names(bundles.csafFeedPollJob.packages.deferred)).toContain("@secvisogram/csaf-validator-lib");
  });

  it("keeps the AWS SDK out of every chunk (the Node 22 runtime provides it)", () => {
    for (const name of FUNCTION_NAMES) {
      for (const file of bundles[name].files) {
        // The SDK's user-agent prefix: present in any chunk that inlined @aws-sdk/core.
        expect(readBundle(bundles[name], file)).not.toContain('"aws-sdk-js"');
      }
      expect(allPackages(bundles[name]).filter((entry) => entry.startsWith("@aws-sdk/"))).toEqual([]);
    }
    expect(readBundle(bundles.streamProcessor)).toMatch(/from\s*"@aws-sdk\/util-dynamodb"/);
  });

  it("bundles zod with its English messages only", () => {
    const api = bundles.api.files.map((file) => readBundle(bundles.api, file)).join("\n");
    expect(api).toContain("Invalid input");
    // German and Hebrew messages from zod's locale files must not be there.
    expect(api).not.toContain("Ungültige Eingabe");
    expect(api).not.toContain("קלט לא תקין");
  });

  it("exports a `handler` from every entry chunk, and every chunk has the require shim", () => {
    for (const name of FUNCTION_NAMES) {
      expect(readBundle(bundles[name])).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      for (const file of bundles[name].files) {
        expect(readBundle(bundles[name], file)).toContain("__assureCreateRequire");
      }
    }
  });

  it("attributes output bytes to packages and first-party directories", () => {
    expect(packageOf("node_modules/zod/v4/core/schemas.js")).toBe("zod");
    expect(packageOf("node_modules/@secvisogram/csaf-validator-lib/index.js")).toBe(
      "@secvisogram/csaf-validator-lib",
    );
    expect(packageOf("node_modules/a/node_modules/@js-joda/core/dist/js-joda.esm.js")).toBe("@js-joda/core");
    expect(packageOf("functions/src/routes/sites.ts")).toBe("functions/src/routes");
    expect(packageOf("functions/src/app.ts")).toBe("functions/src");
    expect(packageOf("shared/src/catalog/data/62443-4-2.json")).toBe("shared/src/catalog");
  });
});
