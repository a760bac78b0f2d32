import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ZCatalogQuery } from "@assure/shared";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { catalogCandidates } from "../../functions/src/csaf/import/match-candidates";
import { keys } from "../../functions/src/db/keys";
import { backfillCatalogFactsOnce } from "../../functions/src/local/backfill-catalog-facts";
import { createCertification } from "../../functions/src/repos/certifications";
import { queryCatalog } from "../../functions/src/repos/components";
import { createTenant } from "../../functions/src/repos/tenants";
import { DEFAULT_EVIDENCE_LIMITS } from "../../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../../functions/src/storage/local-evidence-store";
import { importAdvisory } from "../../functions/src/usecases/import-advisory";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { buildCsaf } from "../builders/csaf";
import { createTestDb } from "../support/db";

/**
 * A table from before the catalog facts (docs/adr/0033): components published without a certification window and
 * advisories matched without the stream. The one-time backfill of `npm start` derives both, and only once.
 */
describe("backfillCatalogFactsOnce", () => {
  it("derives certification windows and advisory facts of published components, then never runs again", async () => {
    const db = await createTestDb("backfill");
    const now = new Date();
    const supplier = await createTenant(db, {
      slug: `acme-${Math.random().toString(36).slice(2, 7)}`,
      name: "Acme Controls",
      kinds: ["supplier"],
      actor: "test",
      now,
    });
    const viewer = await createTenant(db, {
      slug: `owner-${Math.random().toString(36).slice(2, 7)}`,
      name: "Rheinwasser Utilities",
      kinds: ["asset_owner"],
      actor: "test",
      now,
    });
    const certification = await createCertification(db, {
      supplierTenantId: supplier.id,
      certification: {
        scheme: "ISASecure CSA",
        body: "exida",
        certificateNo: "CSA-BACKFILL-1",
        standardPart: "4-2",
        issued: "2025-01-01",
        expires: "2099-12-31",
      },
      evidence: new Map(),
      actor: "test",
      now,
    });
    const certified = await createPublishedComponent(db, {
      supplier,
      component: buildComponentInput({
        name: "Backfill Certified PLC",
        vendor: "Acme Controls",
        identifiers: { modelNumbers: ["BF-PLC"] },
        slC: undefined,
        basis: undefined,
        claims: [
          {
            versionRange: "*",
            slC: [2, 2, 2, 2, 2, 2, 2],
            basis: "certified",
            certificationId: certification.id,
            securityContext: [],
          },
        ],
      }),
    });
    const named = await createPublishedComponent(db, {
      supplier,
      component: buildComponentInput({
        name: "Backfill Named Gateway",
        vendor: "Acme Controls",
        identifiers: { modelNumbers: ["BF-GW"] },
      }),
    });
    // As written before the facts existed: no window on the certified component.
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.component(supplier.id, certified.id),
        UpdateExpression: "REMOVE certWindow",
      }),
    );
    // Matched while no stream ran: the match exists, the facts do not.
    await importAdvisory(
      {
        db,
        documents: createLocalEvidenceStore({
          root: mkdtempSync(path.join(tmpdir(), "assure-docs-")),
          limits: DEFAULT_EVIDENCE_LIMITS,
        }),
        candidates: catalogCandidates(db),
        now: () => now,
      },
      {
        importer: { kind: "platform", actor: "test", auditTenantId: "00000000000000000000000000" },
        bytes: new TextEncoder().encode(
          JSON.stringify(
            buildCsaf({ trackingId: "BF-1", product: "Backfill Named Gateway", affected: "<9.0" }),
          ),
        ),
        strict: false,
      },
    );

    const reader = { tenantId: viewer.id, today: now.toISOString().slice(0, 10) };
    const names = async (qs: Record<string, string>) =>
      (await queryCatalog(db, ZCatalogQuery.parse({ q: "backfill", ...qs }), reader)).items
        .map((c) => c.name)
        .sort();
    expect(await names({ certificationValid: "true" })).toEqual([]);
    expect(await names({ openAdvisories: "true" })).toEqual([]);

    expect(await backfillCatalogFactsOnce(db, now)).toEqual({ ran: true, components: 2 });
    expect(await names({ certificationValid: "true" })).toEqual([certified.name]);
    expect(await names({ openAdvisories: "true" })).toEqual([named.name]);
    expect(await names({ openAdvisories: "false" })).toEqual([certified.name]);

    expect(await backfillCatalogFactsOnce(db, now)).toEqual({ ran: false });
  });
});
