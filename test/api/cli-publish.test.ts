import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applicableRows, FR_NUMBERS } from "@assure/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { CliError } from "../../functions/src/cli/cli-error";
import {
  type ApiClient,
  apiClientFromEnv,
  parseClaimsDocument,
  publishClaimsDocument,
} from "../../functions/src/cli/commands/publish";
import { parseSignedClaimFile, verifyClaim } from "../../functions/src/cli/commands/verify";
import { repoRoot } from "../../functions/src/local/paths";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let supplier: TestActor;
let customer: TestActor;
let client: ApiClient;

async function apiKey(actor: TestActor, scopes: string[]) {
  const res = await t.app.request("/v1/api-keys", {
    method: "POST",
    headers: actor.headers(),
    body: JSON.stringify({ name: `CI ${scopes.join(" ")}`, scopes }),
  });
  expect(res.status).toBe(201);
  return (await res.json()).secret as string;
}

const clientWith = (key: string) =>
  apiClientFromEnv({ ASSURE_API_URL: "http://api.test", ASSURE_API_KEY: key }, (input, init) =>
    Promise.resolve(t.app.request(String(input), init)),
  );

beforeAll(async () => {
  t = await createTestApp();
  supplier = await t.actor(["supplier"], "owner", "Northwind Automation");
  customer = await t.actor(["asset_owner"], "viewer", "Rheinwasser Utilities");
  client = clientWith(await apiKey(supplier, ["components:write", "catalog:read"]));
});

function requirementsAt(slC: number[]) {
  const results: Record<string, boolean> = {};
  for (const fr of FR_NUMBERS)
    for (const row of applicableRows("EDR", fr)) results[row.id] = row.minSl <= (slC[fr - 1] ?? 0);
  return results;
}

function documentDir(document: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), "claims-"));
  writeFileSync(path.join(dir, "cb-certificate.pdf"), "%PDF-1.4\n% CB certificate for CI\n");
  writeFileSync(path.join(dir, "claims.yaml"), stringify(document));
  return dir;
}

const plcDocument = (slC: number[], visibility: unknown = { kind: "public" }) => ({
  format: "assure-claims/1",
  certifications: [
    {
      key: "plc-cb-2025",
      scheme: "IECEE CB Scheme (IEC 62443)",
      body: "TÜV SÜD Product Service GmbH",
      certificateNo: "DE-62443-4-2-2025-0999",
      standardPart: "4-2",
      slC: [3, 3, 3, 2, 3, 2, 3],
      issued: "2025-03-14",
      expires: "2028-03-13",
      evidence: ["cb-certificate.pdf"],
    },
  ],
  components: [
    {
      key: "nw-plc-7000",
      name: "NW-PLC 7000 Controller",
      componentType: "EDR",
      productLine: "NW-PLC 7000 series",
      identifiers: { modelNumbers: ["NW7000-CPU"], purl: "pkg:generic/northwind/nw-plc-7000" },
      visibility,
      versions: [
        { version: "1.0.0", releaseDate: "2025-05-01" },
        { version: "1.1.0", releaseDate: "2025-11-01", supersedes: "1.0.0" },
      ],
      claims: [
        {
          versionRange: ">= 1.0",
          slC,
          requirements: requirementsAt(slC),
          basis: "certified",
          certification: "plc-cb-2025",
          securityContext: [{ fr: 5, assumption: "Needs an external firewall", expectedParty: "integrator" }],
          maturity: { SM: 3, SUM: 2 },
        },
      ],
    },
  ],
});

async function load(dir: string) {
  const file = path.join(dir, "claims.yaml");
  const { readFile } = await import("node:fs/promises");
  return parseClaimsDocument(await readFile(file, "utf8"), file);
}

describe("assure publish", () => {
  it("creates, then changes nothing on a second run, then makes revision 2 for an edit", async () => {
    const dir = documentDir(plcDocument([3, 3, 3, 2, 3, 2, 3]));
    const first = await publishClaimsDocument(client, await load(dir), dir);
    expect(first.certifications).toEqual([{ key: "plc-cb-2025", id: expect.any(String), action: "created" }]);
    expect(first.components).toEqual([
      { key: "nw-plc-7000", id: expect.any(String), action: "created", revision: 1, revisionCreated: true },
    ]);

    const second = await publishClaimsDocument(client, await load(dir), dir);
    expect(second.certifications[0]?.action).toBe("unchanged");
    expect(second.components[0]).toMatchObject({ action: "unchanged", revision: 1, revisionCreated: false });
    const id = first.components[0]!.id;
    const revisions = await (
      await t.app.request(`/v1/components/${id}/revisions`, { headers: customer.headers() })
    ).json();
    expect(revisions.items).toHaveLength(1);
    const cert = await (
      await t.app.request(`/v1/certifications/${first.certifications[0]!.id}`, {
        headers: supplier.headers(),
      })
    ).json();
    expect(cert.evidence).toHaveLength(1);

    const lowered = documentDir(plcDocument([2, 2, 2, 2, 2, 2, 2]));
    const third = await publishClaimsDocument(client, await load(lowered), lowered);
    expect(third.components[0]).toMatchObject({ action: "updated", revision: 2, revisionCreated: true });
    const seen = await (await t.app.request(`/v1/components/${id}`, { headers: customer.headers() })).json();
    expect(seen.published.claims[0].slC).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(seen.certifications[0].certificateNo).toBe("DE-62443-4-2-2025-0999");
  });

  it("restricts a component to customers named by slug", async () => {
    const document = plcDocument([1, 1, 1, 1, 1, 1, 1], {
      kind: "restricted",
      tenants: [customer.tenant.slug],
    });
    document.components[0]!.key = "nw-plc-7000-nda";
    document.components[0]!.name = "NW-PLC 7000 NDA edition";
    const dir = documentDir(document);
    const report = await publishClaimsDocument(client, await load(dir), dir);
    const id = report.components[0]!.id;
    expect((await t.app.request(`/v1/components/${id}`, { headers: customer.headers() })).status).toBe(200);
    const stranger = await t.actor(["asset_owner"]);
    expect((await t.app.request(`/v1/components/${id}`, { headers: stranger.headers() })).status).toBe(404);
  });

  it.each([
    ["an unknown format", { format: "other/1", components: [] }, "/format"],
    [
      "a claim naming a certification not in the document",
      (() => {
        const d = plcDocument([1, 1, 1, 1, 1, 1, 1]);
        d.certifications = [];
        return d;
      })(),
      "/components/0/claims/0/certification",
    ],
    ["an unknown field", { ...plcDocument([1, 1, 1, 1, 1, 1, 1]), extra: true }, "/"],
  ])("refuses %s before sending anything, naming the path", async (_label, document, pointer) => {
    const error = (() => {
      try {
        parseClaimsDocument(stringify(document), "claims.yaml");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toContain(pointer);
  });

  it("reports API refusals clearly: an unknown customer slug, inconsistent claims, a key without the scope", async () => {
    const unknown = plcDocument([1, 1, 1, 1, 1, 1, 1], { kind: "restricted", tenants: ["no-such-customer"] });
    unknown.components[0]!.key = "unknown-slug";
    const dir1 = documentDir(unknown);
    await expect(publishClaimsDocument(client, await load(dir1), dir1)).rejects.toThrow(
      /no customer tenant with slug "no-such-customer"/,
    );

    const inconsistent = plcDocument([3, 3, 3, 2, 3, 2, 3]);
    inconsistent.components[0]!.key = "inconsistent";
    inconsistent.components[0]!.claims[0]!.requirements = requirementsAt([1, 1, 1, 1, 1, 1, 1]);
    const dir2 = documentDir(inconsistent);
    await expect(publishClaimsDocument(client, await load(dir2), dir2)).rejects.toThrow(
      /\/claims\/0\/slC\/0/,
    );

    const readOnly = clientWith(await apiKey(supplier, ["catalog:read"]));
    const dir3 = documentDir(plcDocument([1, 1, 1, 1, 1, 1, 1]));
    await expect(publishClaimsDocument(readOnly, await load(dir3), dir3)).rejects.toThrow(/403/);
    expect(() => apiClientFromEnv({ ASSURE_API_URL: "http://x" })).toThrow(/ASSURE_API_KEY/);
  });
});

describe("assure verify", () => {
  it("accepts an exported claim with the deployment's key set and refuses an edited one", async () => {
    const dir = documentDir(plcDocument([1, 1, 1, 1, 1, 1, 1]));
    const document = await load(dir);
    document.components[0]!.key = "verify-me";
    const report = await publishClaimsDocument(client, document, dir);
    const exported = await (
      await t.app.request(`/v1/components/${report.components[0]!.id}/revisions/1/signed`, {
        headers: customer.headers(),
      })
    ).text();
    const jwks = t.claimSigner.jwks();
    const ok = await verifyClaim(parseSignedClaimFile(exported, "claim.json"), jwks);
    expect(ok.ok && ok.payload.component.name).toBe("NW-PLC 7000 Controller");

    const edited = JSON.parse(exported);
    edited.payload.component.claims[0].slC = [4, 4, 4, 4, 4, 4, 4];
    const refused = await verifyClaim(parseSignedClaimFile(JSON.stringify(edited), "claim.json"), jwks);
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining("differs from the signed one") });
    expect(() => parseSignedClaimFile("hello", "x.json")).toThrow(CliError);
  });

  it("exits 0 for a valid claim, 1 for a forged signature, 2 for bad input (the real command)", async () => {
    const dir = documentDir(plcDocument([1, 1, 1, 1, 1, 1, 1]));
    const document = await load(dir);
    document.components[0]!.key = "verify-cli";
    const report = await publishClaimsDocument(client, document, dir);
    const exported = JSON.parse(
      await (
        await t.app.request(`/v1/components/${report.components[0]!.id}/revisions/1/signed`, {
          headers: customer.headers(),
        })
      ).text(),
    );
    const work = mkdtempSync(path.join(tmpdir(), "verify-"));
    writeFileSync(path.join(work, "jwks.json"), JSON.stringify(t.claimSigner.jwks()));
    writeFileSync(path.join(work, "claim.json"), JSON.stringify(exported));
    const [h, , s] = exported.jws.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ ...exported.payload, revision: 9 })).toString(
      "base64url",
    );
    writeFileSync(path.join(work, "forged.jws"), `${h}.${forgedBody}.${s}`);
    writeFileSync(path.join(work, "bad.yaml"), "format: assure-claims/1\ncomponents: []\n");
    const assure = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "functions/src/cli/main.ts", ...args],
        {
          cwd: repoRoot,
          encoding: "utf8",
          env: { ...process.env, ASSURE_API_URL: "", ASSURE_API_KEY: "" },
        },
      );
    const valid = assure("verify", path.join(work, "claim.json"), "--jwks", path.join(work, "jwks.json"));
    expect(valid.status, valid.stderr).toBe(0);
    expect(valid.stdout).toContain("valid signature");
    const forged = assure("verify", path.join(work, "forged.jws"), "--jwks", path.join(work, "jwks.json"));
    expect(forged.status).toBe(1);
    expect(forged.stderr).toContain("NOT VALID");
    const bad = assure("publish", path.join(work, "bad.yaml"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("/components: list at least one component");
  }, 60_000);
});
