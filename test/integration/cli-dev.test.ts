import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, generateSigningJwk } from "../../functions/src/auth/tokens";
import { demoTenants } from "../../functions/src/local/demo-data";
import { repoRoot, writeJsonFile } from "../../functions/src/local/paths";
import { seedDemoData } from "../../functions/src/local/seed";
import { createTestDb } from "../support/db";

let dataDir: string;
let publicJwk: Record<string, unknown>;

function assure(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"),
      path.join(repoRoot, "functions/src/cli/main.ts"),
      ...args,
    ],
    { cwd: repoRoot, encoding: "utf8", env: { ...process.env, ASSURE_DATA_DIR: dataDir, ...env } },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "assure-cli-"));
  const db = await createTestDb("cli");
  await seedDemoData(db);
  const keys = await generateSigningJwk("cli-test");
  publicJwk = keys.publicJwk;
  writeJsonFile(path.join(dataDir, "keys.json"), {
    privateJwk: keys.privateJwk,
    publicJwk: keys.publicJwk,
    nextAuthSecret: "x".repeat(40),
  });
  writeJsonFile(path.join(dataDir, "local-stack.json"), {
    dynamoEndpoint: inject("dynamoEndpoint"),
    tableName: db.tableName,
    apiUrl: "http://127.0.0.1:1",
    portalUrl: "http://localhost:1",
    pid: process.pid,
  });
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("assure dev", () => {
  it("lists the seeded tenants as JSON", () => {
    const { code, stdout } = assure(["dev", "tenants", "--json"]);
    expect(code).toBe(0);
    const tenants = JSON.parse(stdout) as { slug: string; kinds: string[] }[];
    expect(tenants.map((t) => t.slug).sort()).toEqual(demoTenants.map((t) => t.slug).sort());
    expect(tenants.find((t) => t.slug === "northwind")?.kinds).toEqual(["supplier"]);
  });

  it("prints a token the API's verifier accepts, naming the tenant and role", async () => {
    const { code, stdout, stderr } = assure(["dev", "token", "--tenant", "rheinwasser", "--role", "viewer"]);
    expect(code).toBe(0);
    expect(stderr).toContain("as viewer of Rheinwasser Utilities");
    const { payload } = await jwtVerify(stdout.trim(), createLocalJWKSet({ keys: [publicJwk] }), {
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
    });
    expect(payload).toMatchObject({ role: "viewer" });
    expect(typeof payload.tid).toBe("string");
  });

  it.each([
    [
      "outside local mode",
      ["dev", "token", "--tenant", "northwind"],
      { ASSURE_MODE: "aws" },
      "only works against the local stack",
    ],
    ["for an unknown tenant", ["dev", "token", "--tenant", "nobody"], {}, 'No tenant with slug "nobody"'],
    ["with a bad role", ["dev", "token", "--tenant", "northwind", "--role", "god"], {}, "Allowed choices"],
    [
      "without a local stack",
      ["dev", "tenants"],
      { ASSURE_DATA_DIR: "/nonexistent" },
      "run `npm start` first",
    ],
  ])("refuses %s with exit code 2 and a clear message", (_label, args, env, message) => {
    const { code, stderr } = assure(args, env);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
