import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TAsset, TComponent, TSite, TTenant, TZone } from "@assure/shared";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { catalogCandidates } from "../../functions/src/csaf/import/match-candidates";
import type { Db } from "../../functions/src/db/client";
import { registerAllStreamHandlers } from "../../functions/src/events/handlers";
import { StreamHandlerRegistry } from "../../functions/src/events/registry";
import { type StreamPoller, startStreamPoller } from "../../functions/src/local/stream-poller";
import { createNotifier } from "../../functions/src/notify/notifier";
import { createFileSink } from "../../functions/src/notify/sender";
import { createLogger } from "../../functions/src/observability/logger";
import {
  findAdvisoryById,
  getAdvisoryMatch,
  putAdvisorySettings,
  putMatchDecision,
} from "../../functions/src/repos/advisories";
import { listImpacts } from "../../functions/src/repos/advisories-impact";
import { createAsset, listAssets, updateAsset } from "../../functions/src/repos/assets";
import { putGrant } from "../../functions/src/repos/grants";
import { listNotifications, unreadCount } from "../../functions/src/repos/notifications";
import { listSiteObligations } from "../../functions/src/repos/obligations";
import {
  createSite,
  createZone,
  getSite,
  listSites,
  listZones,
  updateSite,
} from "../../functions/src/repos/sites";
import { createTenant } from "../../functions/src/repos/tenants";
import { DEFAULT_EVIDENCE_LIMITS } from "../../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../../functions/src/storage/local-evidence-store";
import { importAdvisory } from "../../functions/src/usecases/import-advisory";
import { matchPublishedComponent } from "../../functions/src/usecases/match-published-component";
import { publisherNamespace } from "../../functions/src/usecases/publisher-namespaces";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { buildCsaf } from "../builders/csaf";
import { createTestDb } from "../support/db";

/**
 * Advisory impact end to end below the HTTP layer: import → match items → DynamoDB Local's stream → the poller →
 * the same handlers as the stream Lambda → impact, asset advisories, obligations and notifications.
 */

let db: Db;
let poller: StreamPoller;
const outbox = mkdtempSync(path.join(tmpdir(), "assure-outbox-"));
const now = () => new Date();
const logger = createLogger({
  service: "test",
  level: "error",
  write: (line) => process.stderr.write(`${line}\n`),
});

let supplier: TTenant;
let ownerA: TTenant;
let ownerB: TTenant;
let bystander: TTenant;
let integrator: TTenant;
let gateway: TComponent;
let siteA: TSite;
let zoneA: TZone;
let siteB: TSite;
let assetA: TAsset;

const tenant = (slug: string, kinds: TTenant["kinds"], name: string) =>
  createTenant(db, {
    slug: `${slug}-${Math.random().toString(36).slice(2, 7)}`,
    name,
    kinds,
    actor: "test",
    now: new Date(),
  });

async function siteWithZone(owner: TTenant, name: string) {
  const site = await createSite(db, { tenantId: owner.id, name, actor: "test", now: new Date() });
  const zone = await createZone(db, {
    tenantId: owner.id,
    siteId: site.id,
    name: "Control",
    slT: [2, 2, 2, 1, 2, 1, 2],
    actor: "test",
    now: new Date(),
  });
  return { site, zone };
}

const asset = (
  owner: TTenant,
  site: TSite,
  zone: TZone,
  name: string,
  component: TComponent,
  version: string,
) =>
  createAsset(
    db,
    { ownerTenantId: owner.id, siteId: site.id, actor: "test", now: new Date() },
    {
      name,
      location: { kind: "zone", zoneId: zone.id },
      supplierTenantId: component.supplierTenantId,
      componentId: component.id,
      version,
      count: 1,
      role: "",
      notes: "",
    },
  );

const documents = createLocalEvidenceStore({
  root: mkdtempSync(path.join(tmpdir(), "assure-docs-")),
  limits: DEFAULT_EVIDENCE_LIMITS,
});
const importDoc = (doc: unknown) =>
  importAdvisory(
    { db, documents, candidates: catalogCandidates(db), now },
    {
      importer: { kind: "platform", actor: "user:operator", auditTenantId: "00000000000000000000000000" },
      bytes: new TextEncoder().encode(JSON.stringify(doc)),
      strict: false,
    },
  );

beforeAll(async () => {
  db = await createTestDb("impact");
  const notifier = createNotifier({ db, sender: createFileSink(outbox), now, logger });
  poller = await startStreamPoller({
    endpoint: inject("dynamoEndpoint"),
    tableName: db.tableName,
    registry: registerAllStreamHandlers(new StreamHandlerRegistry(), {
      advisoryDeps: () => ({ db, now, notifier, logger, documents }),
    }),
    logger,
    idleDelayMs: 50,
  });
  supplier = await tenant("kestrel", ["supplier"], "Kestrel Systems");
  ownerA = await tenant("owner-a", ["asset_owner"], "Rheinwasser Utilities");
  ownerB = await tenant("owner-b", ["asset_owner"], "Baltic Grid Energy");
  bystander = await tenant("owner-c", ["asset_owner"], "Bystander Water");
  integrator = await tenant("si", ["integrator"], "Vantage Systems Integration");
  gateway = await createPublishedComponent(db, {
    supplier,
    component: buildComponentInput({
      name: "KX-7 Gateway",
      vendor: "Kestrel Systems",
      componentType: "NDR",
      identifiers: { modelNumbers: [] },
    }),
  });
  ({ site: siteA, zone: zoneA } = await siteWithZone(ownerA, "Waterworks Kaiserau"));
  const b = await siteWithZone(ownerB, "Substation Riga North");
  siteB = b.site;
  assetA = await asset(ownerA, siteA, zoneA, "Pump station gateway", gateway, "2.3");
  // ownerB runs the fixed version: never affected.
  await asset(ownerB, siteB, b.zone, "Feeder gateway", gateway, "2.4.1");
  // ownerA shares its site with an integrator who is responsible for it.
  await putGrant(db, {
    site: siteA,
    grantee: integrator,
    access: "write",
    before: undefined,
    actor: "test",
    now: new Date(),
  });
  const fresh = await getSite(db, ownerA.id, siteA.id);
  siteA = await updateSite(db, {
    before: fresh!,
    patch: { integratorTenantId: integrator.id },
    expectedVersion: fresh!.version,
    actor: "test",
    now: new Date(),
  });
  await putAdvisorySettings(db, {
    tenantId: ownerA.id,
    settings: {
      strictCsafImport: false,
      notifyEmails: ["ot-security@rheinwasser.example"],
      webhookUrl: null,
    },
    expectedVersion: 0,
    actor: "test",
    now: new Date(),
  });
  await poller.drain();
}, 120_000);

afterAll(async () => {
  await poller?.stop();
});

const kinds = async (tenantId: string) =>
  (await listNotifications(db, { tenantId, limit: 50 })).items.map((n) => n.kind).sort();

describe("advisory impact through the stream", () => {
  it("marks the affected asset of the tenant that runs an affected version, with obligations and notifications", async () => {
    const result = await importDoc(
      buildCsaf({
        trackingId: "KESTREL-SA-2026-1",
        vendor: "Kestrel Systems",
        product: "KX-7 Gateway",
        affected: "<2.4.1",
        fixed: "2.4.1",
        namespace: "https://kestrel.example",
      }),
    );
    expect(result.advisory.matchedComponents).toBe(1);
    await poller.drain();

    const impactsA = await listImpacts(db, ownerA.id);
    expect(impactsA).toEqual([
      expect.objectContaining({
        assetId: assetA.id,
        siteId: siteA.id,
        zoneId: zoneA.id,
        assetVersion: "2.3",
        affected: true,
        state: "open",
        method: "name_version",
        advisory: expect.objectContaining({ trackingId: "KESTREL-SA-2026-1" }),
      }),
    ]);
    // 2.4.1 is the fixed version: not affected, nothing recorded or sent.
    expect(await listImpacts(db, ownerB.id)).toEqual([]);
    expect(await kinds(ownerB.id)).toEqual([]);
    expect(await kinds(bystander.id)).toEqual([]);

    // The asset carries the advisory; the site's obligations now include its remediation for each party.
    const [recorded] = await listAssets(db, ownerA.id, siteA.id);
    expect(recorded?.advisories).toEqual([
      expect.objectContaining({
        id: "KESTREL-SA-2026-1",
        status: "known_affected",
        cves: ["CVE-2026-20001"],
      }),
    ]);
    const obligations = (await listSiteObligations(db, ownerA.id, siteA.id)).filter(
      (o) => o.source === "advisory_remediation" && o.active,
    );
    expect(obligations.map((o) => o.responsibleParty).sort()).toEqual(["asset_owner", "integrator"]);
    expect(obligations.find((o) => o.responsibleParty === "asset_owner")?.text).toContain(
      "KESTREL-SA-2026-1",
    );
    expect(obligations.find((o) => o.responsibleParty === "integrator")?.obligeeTenantId).toBe(integrator.id);

    expect(await kinds(ownerA.id)).toEqual(["advisory_impact"]);
    expect(await unreadCount(db, ownerA.id)).toBe(1);
    // The supplier also owes the site's role baselines (IEC 62443-4-1): one "obligations assigned" entry for them.
    expect(await kinds(supplier.id)).toEqual(["advisory_fix_requested", "obligation_assigned"]);
    // The integrator also heard that the site was shared with it, that it is the responsible integrator and
    // that the site's integrator obligations are its own.
    expect(await kinds(integrator.id)).toEqual([
      "advisory_validation_requested",
      "integrator_named",
      "obligation_assigned",
      "site_shared",
    ]);

    // E-mail went to ownerA's address only, naming only ownerA's assets.
    const sent = readFileSync(path.join(outbox, "messages.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      channel: "email",
      tenantId: ownerA.id,
      to: ["ot-security@rheinwasser.example"],
    });
    expect(sent[0].text).toContain("Pump station gateway");
    expect(sent[0].text).not.toContain("Feeder gateway");
  });

  it("is idempotent: re-importing the same revision writes nothing and notifies nobody again", async () => {
    const again = await importDoc(
      buildCsaf({
        trackingId: "KESTREL-SA-2026-1",
        vendor: "Kestrel Systems",
        product: "KX-7 Gateway",
        affected: "<2.4.1",
        fixed: "2.4.1",
        namespace: "https://kestrel.example",
      }),
    );
    expect(again.outcome).toBe("unchanged");
    await poller.drain();
    expect(await unreadCount(db, ownerA.id)).toBe(1);
    expect(await kinds(supplier.id)).toEqual(["advisory_fix_requested", "obligation_assigned"]);
  });

  it("follows the asset: a new affected asset is marked, upgrading to the fixed version resolves it", async () => {
    const [zoneB] = await listZones(db, ownerB.id, siteB.id);
    const late = await asset(ownerB, siteB, zoneB!, "Spare gateway", gateway, "2.0");
    await poller.drain();
    expect((await listImpacts(db, ownerB.id)).map((i) => [i.assetId, i.state])).toEqual([[late.id, "open"]]);
    expect(await kinds(ownerB.id)).toEqual(["advisory_impact"]);

    // Impact analysis recorded the advisory on the asset (a new revision): edit what is stored now.
    const current = (await listAssets(db, ownerB.id, siteB.id)).find((a) => a.id === late.id)!;
    expect(current.revision).toBe(late.revision + 1);
    await updateAsset(
      db,
      { ownerTenantId: ownerB.id, siteId: siteB.id, actor: "test", now: new Date() },
      { before: current, patch: { version: "2.4.1" }, expectedRevision: current.revision },
    );
    await poller.drain();
    const [impact] = await listImpacts(db, ownerB.id);
    expect(impact).toMatchObject({ assetId: late.id, state: "resolved" });
    const spare = (await listAssets(db, ownerB.id, siteB.id)).find((a) => a.id === late.id);
    expect(spare?.advisories).toEqual([]);
  });

  it("asks for review of an ambiguous match, and applies the asset owner's own decision to its own impact only", async () => {
    const partial = await createPublishedComponent(db, {
      supplier,
      component: buildComponentInput({
        name: "KX-9",
        vendor: "Kestrel Systems",
        identifiers: { modelNumbers: [] },
      }),
    });
    const a = await asset(ownerA, siteA, zoneA, "KX-9 in A", partial, "1.0");
    const { zone: zoneC } = await siteWithZone(bystander, "Bystander plant");
    const [siteC] = await listSites(db, bystander.id);
    const c = await asset(bystander, siteC!, zoneC, "KX-9 in C", partial, "1.0");
    await poller.drain();
    const imported = await importDoc(
      buildCsaf({
        trackingId: "KESTREL-SA-2026-2",
        vendor: "Kestrel Systems",
        product: "KX-9 Pro Router",
        affected: "<3.0",
        fixed: "3.0",
        namespace: "https://kestrel.example",
      }),
    );
    await poller.drain();
    const review = (await listImpacts(db, ownerA.id)).find((i) => i.assetId === a.id);
    expect(review).toMatchObject({ state: "review", affected: true, confidence: 0.5 });
    expect((await listImpacts(db, bystander.id)).find((i) => i.assetId === c.id)?.state).toBe("review");

    await putMatchDecision(
      db,
      {
        tenantId: ownerA.id,
        advisoryId: imported.advisory.id,
        componentId: partial.id,
        verdict: "confirmed",
        note: "",
        decidedBy: "user:lena",
        decidedAt: new Date().toISOString(),
      },
      "user:lena",
      new Date(),
    );
    await poller.drain();
    expect((await listImpacts(db, ownerA.id)).find((i) => i.assetId === a.id)?.state).toBe("open");
    expect((await listImpacts(db, bystander.id)).find((i) => i.assetId === c.id)?.state).toBe("review");
  });

  it("without a fix in the advisory, the component's supplier owes one (an obligation on the site)", async () => {
    const switchComponent = await createPublishedComponent(db, {
      supplier,
      component: buildComponentInput({
        name: "KX-2 Switch",
        vendor: "Kestrel Systems",
        componentType: "NDR",
        identifiers: { modelNumbers: [] },
      }),
    });
    await asset(ownerA, siteA, zoneA, "Control switch", switchComponent, "1.1");
    await poller.drain();
    const doc = buildCsaf({
      trackingId: "KESTREL-SA-2026-3",
      vendor: "Kestrel Systems",
      product: "KX-2 Switch",
      affected: "<2.0",
      namespace: "https://kestrel.example",
    });
    const vulnerabilities = doc.vulnerabilities as { remediations: unknown[] }[];
    vulnerabilities[0]!.remediations = [
      {
        category: "mitigation",
        details: "Disable the web server.",
        product_ids: ["CSAFPID-01jxxxxxxxxxxxxxxxxxxxxxxx-A"],
      },
    ];
    const imported = await importDoc(doc);
    expect(imported.outcome).toBe("created");
    await poller.drain();
    const obligations = (await listSiteObligations(db, ownerA.id, siteA.id)).filter(
      (o) => o.source === "advisory_remediation" && o.active && o.text.includes("KESTREL-SA-2026-3"),
    );
    expect(obligations.map((o) => [o.responsibleParty, o.obligeeTenantId]).sort()).toEqual(
      [
        ["asset_owner", ownerA.id],
        ["integrator", integrator.id],
        ["supplier", supplier.id],
      ].sort(),
    );
    expect(obligations.find((o) => o.responsibleParty === "supplier")?.text).toContain("Provide a fix");
  });

  it("resolves impact when a newer revision no longer names the component", async () => {
    await importDoc(
      buildCsaf({
        trackingId: "KESTREL-SA-2026-1",
        revision: 2,
        vendor: "Kestrel Systems",
        product: "KX-5 Switch",
        affected: "<1.0",
        fixed: "1.0",
        namespace: "https://kestrel.example",
      }),
    );
    await poller.drain();
    const impact = (await listImpacts(db, ownerA.id)).find((i) => i.assetId === assetA.id);
    expect(impact).toMatchObject({ state: "resolved" });
    const [recorded] = (await listAssets(db, ownerA.id, siteA.id)).filter((x) => x.id === assetA.id);
    expect(recorded?.advisories.map((x) => x.id)).not.toContain("KESTREL-SA-2026-1");
    const active = (await listSiteObligations(db, ownerA.id, siteA.id)).filter(
      (o) => o.source === "advisory_remediation" && o.active && o.text.includes("KESTREL-SA-2026-1"),
    );
    expect(active).toEqual([]);
  });

  it("matches a component published after the advisory, so whoever deploys it is affected; NDA components only by their own supplier", async () => {
    const imported = await importDoc(
      buildCsaf({
        trackingId: "HERON-SA-2026-4",
        vendor: "Heron Automation GmbH",
        product: "HR-20 Remote I/O",
        affected: "<3.1",
        fixed: "3.1",
        namespace: "https://heron.example",
      }),
    );
    // No supplier has published the product yet.
    expect(imported.advisory.matchedComponents).toBe(0);
    await poller.drain();

    const heron = await tenant("heron", ["supplier"], "Heron Automation");
    const heronComponent = (name: string, restrictedTo?: string) =>
      createPublishedComponent(db, {
        supplier: heron,
        component: buildComponentInput({
          name,
          vendor: "Heron Automation",
          identifiers: { modelNumbers: [] },
          ...(restrictedTo ? { visibility: { kind: "restricted" as const, tenantIds: [restrictedTo] } } : {}),
        }),
      });
    const rio = await heronComponent("HR-20 Remote I/O");
    const marine = await heronComponent("HR-20 Remote I/O", ownerB.id);
    const rioAsset = await asset(ownerA, siteA, zoneA, "Filter hall I/O", rio, "3.0.2");
    await poller.drain();

    const advisory = await findAdvisoryById(db, imported.advisory.id);
    expect(advisory?.matchedComponents).toBe(1);
    expect(await getAdvisoryMatch(db, imported.advisory, rio.id)).toMatchObject({
      method: "name_version",
      decision: null,
    });
    // A platform advisory does not match an NDA component (as at import): its supplier's advisories do.
    expect(await getAdvisoryMatch(db, imported.advisory, marine.id)).toBeUndefined();
    const impacts = (await listImpacts(db, ownerA.id)).filter(
      (impact) => impact.advisory.trackingId === "HERON-SA-2026-4",
    );
    expect(impacts).toEqual([
      expect.objectContaining({ assetId: rioAsset.id, assetVersion: "3.0.2", affected: true, state: "open" }),
    ]);
    expect(await kinds(heron.id)).toEqual(["advisory_fix_requested", "obligation_assigned"]);

    // The supplier's own advisory reaches its NDA component published afterwards.
    const own = await importAdvisory(
      { db, documents, candidates: catalogCandidates(db), now },
      {
        importer: { kind: "supplier", actor: "user:heron", tenant: heron, vendorNames: ["Heron Automation"] },
        bytes: new TextEncoder().encode(
          JSON.stringify(
            buildCsaf({
              trackingId: "HERON-PSIRT-2026-9",
              vendor: "Heron Automation GmbH",
              product: "HR-30 Gateway",
              affected: "<1.2",
              fixed: "1.2",
              namespace: publisherNamespace(heron.slug),
            }),
          ),
        ),
        strict: false,
      },
    );
    expect(own.advisory.matchedComponents).toBe(0);
    const gatewayNda = await heronComponent("HR-30 Gateway", ownerB.id);
    await poller.drain();
    expect(await getAdvisoryMatch(db, own.advisory, gatewayNda.id)).toMatchObject({ method: "name_version" });
    // Matched, but not in the count every reader of the advisory sees.
    expect((await findAdvisoryById(db, own.advisory.id))?.matchedComponents).toBe(0);

    // A document missing from the store is skipped and reported, not thrown: the stream goes on.
    const emptyStore = createLocalEvidenceStore({
      root: mkdtempSync(path.join(tmpdir(), "assure-empty-docs-")),
      limits: DEFAULT_EVIDENCE_LIMITS,
    });
    const outcome = await matchPublishedComponent(
      { db, documents: emptyStore, now, logger },
      { ...rio, id: "01jzzzzzzzzzzzzzzzzzzzzzzz" },
    );
    expect(outcome).toEqual({
      checked: 2,
      matched: [],
      unreadable: ["HERON-SA-2026-4", "HERON-PSIRT-2026-9"],
    });
  });

  it("keeps the impact when the platform's import displaces a supplier's copy stored under a namespace it does not hold", async () => {
    const doc = buildCsaf({
      trackingId: "PARTNER-2026-7",
      vendor: "Kestrel Systems",
      product: "KX-7 Gateway",
      affected: "<2.4.1",
      fixed: "2.4.1",
      namespace: "https://partner.example",
    });
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    // Stored as it could be before namespaces were checked: the tenant never held https://partner.example.
    const at = new Date().toISOString();
    const squatted = await importAdvisory(
      { db, documents, candidates: catalogCandidates(db), now },
      {
        importer: {
          kind: "supplier",
          actor: "user:kestrel",
          tenant: {
            ...supplier,
            supplierVerification: {
              verifiedAt: at,
              verifiedBy: "test",
              method: "test",
              namespaces: ["https://partner.example"],
            },
          },
          vendorNames: ["Kestrel Systems"],
        },
        bytes,
        strict: false,
      },
    );
    await poller.drain();
    const impactOf = async () =>
      (await listImpacts(db, ownerA.id)).find(
        (i) => i.assetId === assetA.id && i.advisory.trackingId === "PARTNER-2026-7",
      );
    expect(await impactOf()).toMatchObject({ state: "open" });

    const genuine = await importDoc(doc);
    expect(genuine.advisory).toMatchObject({ id: squatted.advisory.id, owner: { kind: "platform" } });
    await poller.drain();
    expect(
      await getAdvisoryMatch(
        db,
        { owner: { kind: "supplier", tenantId: supplier.id }, id: genuine.advisory.id },
        gateway.id,
      ),
    ).toBeUndefined();
    expect(await getAdvisoryMatch(db, genuine.advisory, gateway.id)).toBeDefined();
    expect(await impactOf()).toMatchObject({ state: "open" });
  });
});
