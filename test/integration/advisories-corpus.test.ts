import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogCandidates } from "../../functions/src/csaf/import/match-candidates";
import { ImportState, runImport, useCaseTarget } from "../../functions/src/csaf/import/run-import";
import { demoComponents } from "../../functions/src/local/demo-data";
import { repoRoot } from "../../functions/src/local/paths";
import { seedDemoData } from "../../functions/src/local/seed";
import {
  advisoryIdOf,
  findAdvisoryById,
  listAdvisoryMatches,
  PLATFORM_TENANT_ID,
} from "../../functions/src/repos/advisories";
import { DEFAULT_EVIDENCE_LIMITS } from "../../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../../functions/src/storage/local-evidence-store";
import { createTestDb } from "../support/db";

const cisaDir = path.join(
  process.env.ASSURE_CORPUS ?? path.resolve(repoRoot, "../shared/corpus"),
  "csaf/cisa-ics",
);
const hasCorpus = existsSync(cisaDir);
if (!hasCorpus) console.warn(`skipped: CSAF corpus not found at ${cisaDir}`);

/** Every CISA advisory imports (three with a conformance warning), matched to the demo catalog. */
describe.runIf(hasCorpus)("the whole CISA corpus into DynamoDB Local", () => {
  it("imports all 1,655 advisories, 3 with a 6.1.11 conformance warning, products matched to seeded components", async () => {
    const db = await createTestDb("corpus");
    await seedDemoData(db);
    const files = readdirSync(cisaDir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    const target = useCaseTarget(
      {
        db,
        documents: createLocalEvidenceStore({
          root: mkdtempSync(path.join(os.tmpdir(), "assure-corpus-")),
          limits: DEFAULT_EVIDENCE_LIMITS,
        }),
        candidates: catalogCandidates(db, { cacheMs: 600_000 }),
        now: () => new Date(),
      },
      { importer: { kind: "platform", actor: "test", auditTenantId: PLATFORM_TENANT_ID }, strict: false },
    );
    const results = await runImport({
      documents: files.map((f) => ({
        location: f,
        read: async () => new Uint8Array(readFileSync(path.join(cisaDir, f))),
      })),
      target,
      state: new ImportState(undefined),
      concurrency: 8,
    });
    expect(files).toHaveLength(1655);
    expect(results.filter((r) => r.outcome !== "created")).toEqual([]);
    expect(
      results
        .filter((r) => r.warnings?.length)
        .map((r) => r.trackingId)
        .sort(),
    ).toEqual(["ICSA-19-099-04", "ICSA-21-068-10", "ICSA-21-259-01"]);
    // The demo catalog lists real products of the corpus: a model number, exact and partial names match.
    const matched = results.filter((r) => (r.matchedComponents ?? 0) > 0);
    expect(matched.length).toBeGreaterThanOrEqual(25);
    const byModel = await findAdvisoryById(db, advisoryIdOf("https://www.cisa.gov/", "ICSA-17-129-02"));
    const [match] = byModel ? await listAdvisoryMatches(db, byModel) : [];
    expect(match).toMatchObject({
      componentName: "SIMATIC CP 443-1 OPC UA",
      method: "model_number",
      confidence: 0.9,
    });
    const scalance = await findAdvisoryById(db, advisoryIdOf("https://www.cisa.gov/", "ICSA-21-019-01"));
    const [exact] = scalance ? await listAdvisoryMatches(db, scalance) : [];
    expect(exact).toMatchObject({
      componentName: "SCALANCE W1750D",
      method: "name_version",
      confidence: 0.8,
      state: "active",
    });
    const names = new Set(demoComponents.map((c) => c.name));
    expect(names.has(exact?.componentName ?? "")).toBe(true);
  }, 180_000);
});
