import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiClientFromEnv,
  parseClaimsDocument,
  publishClaimsDocument,
} from "../../functions/src/cli/commands/publish";
import { repoRoot } from "../../functions/src/local/paths";
import { seedDemoData } from "../../functions/src/local/seed";
import { getTenantBySlug } from "../../functions/src/repos/tenants";
import { getUserForSignIn } from "../../functions/src/repos/users";
import { DEFAULT_EVIDENCE_LIMITS } from "../../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../../functions/src/storage/local-evidence-store";
import { createTestApp, type TestApp } from "../support/app";

const EXAMPLE = path.join(repoRoot, "docs/examples/publish/claims.yaml");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.db, new Date(), {
    signer: t.claimSigner,
    evidence: createLocalEvidenceStore({
      root: mkdtempSync(path.join(tmpdir(), "seed-evidence-")),
      limits: DEFAULT_EVIDENCE_LIMITS,
    }),
  });
});

/** What README and docs/publishing.md promise: the documented example, published with an API key, against the demo data. */
describe("publishing the documented example against the demo data", () => {
  it("revises the seeded components it names by key, and a second run changes nothing", async () => {
    const northwind = await getTenantBySlug(t.db, "northwind");
    const anna = await getUserForSignIn(t.db, "anna.weber@northwind.example");
    if (!northwind || !anna) throw new Error("the demo seed is missing Northwind or Anna");
    const token = await t.tokenFor(anna, northwind, "owner");
    const created = await t.app.request("/v1/api-keys", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "release pipeline", scopes: ["components:write"] }),
    });
    const { secret } = await created.json();
    const client = apiClientFromEnv(
      { ASSURE_API_URL: "http://api.test", ASSURE_API_KEY: secret },
      (input, init) => Promise.resolve(t.app.request(String(input), init)),
    );
    const document = parseClaimsDocument(readFileSync(EXAMPLE, "utf8"), EXAMPLE);

    const first = await publishClaimsDocument(client, document, path.dirname(EXAMPLE));
    expect(first.certifications).toEqual([
      { key: "nw-plc-5200-cb", id: expect.any(String), action: "updated" },
    ]);
    expect(first.components.map((c) => [c.key, c.action, c.revision, c.revisionCreated])).toEqual([
      ["nw-plc-5200", "updated", 2, true],
      ["nw-safety-gateway-rw", "updated", 2, true],
    ]);
    const second = await publishClaimsDocument(client, document, path.dirname(EXAMPLE));
    expect(second.certifications[0]?.action).toBe("unchanged");
    expect(second.components.map((c) => [c.key, c.action, c.revisionCreated])).toEqual([
      ["nw-plc-5200", "unchanged", false],
      ["nw-safety-gateway-rw", "unchanged", false],
    ]);
  });
});
