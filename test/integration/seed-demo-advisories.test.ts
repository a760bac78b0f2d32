import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoComponents } from "../../functions/src/local/demo-data";
import { seedDemoData } from "../../functions/src/local/seed";
import { seedDemoAdvisoriesOnce } from "../../functions/src/local/seed-demo-advisories";
import {
  listMatchesForComponent,
  listPlatformAdvisoriesByVendor,
} from "../../functions/src/repos/advisories";
import { queryCatalog } from "../../functions/src/repos/components";
import { DEFAULT_EVIDENCE_LIMITS } from "../../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../../functions/src/storage/local-evidence-store";
import { createTestDb } from "../support/db";

// A first start shows the advisory story without the CLI: the bundled CISA advisories import once, as the
// platform, and match the demo catalog's products.
describe("demo advisories", () => {
  it("import once and match the demo products they name", async () => {
    const db = await createTestDb("seed-advisories");
    await seedDemoData(db);
    const documents = createLocalEvidenceStore({
      root: mkdtempSync(path.join(tmpdir(), "assure-demo-advisories-")),
      limits: DEFAULT_EVIDENCE_LIMITS,
    });
    const first = await seedDemoAdvisoriesOnce(db, { documents });
    expect(first).toEqual({ ran: true, imported: 5, rejected: [] });
    expect(await seedDemoAdvisoriesOnce(db, { documents })).toEqual({ ran: false });

    const advisories = await listPlatformAdvisoriesByVendor(db, [
      "siemens",
      "schneider electric",
      "hitachi energy",
    ]);
    expect(advisories.map((a) => a.trackingId).sort()).toEqual([
      "ICSA-19-099-03",
      "ICSA-19-136-01",
      "ICSA-20-315-05",
      "ICSA-21-315-06",
      "ICSA-21-336-04",
    ]);
    // The demo catalog's SCALANCE W1750D is matched by the two advisories that name it.
    const catalog = await queryCatalog(db, { limit: 100 });
    const scalance = catalog.items.find((c) => c.name.includes("W1750D"));
    expect(scalance, demoComponents.map((c) => c.name).join(", ")).toBeDefined();
    const matches = await listMatchesForComponent(db, scalance?.id ?? "");
    expect(matches.length).toBeGreaterThanOrEqual(2);
  });
});
