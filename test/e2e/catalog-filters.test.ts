import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { catalogCandidates } from "../../functions/src/csaf/import/match-candidates";
import { createDb, type Db } from "../../functions/src/db/client";
import { registerAllStreamHandlers } from "../../functions/src/events/handlers";
import { StreamHandlerRegistry } from "../../functions/src/events/registry";
import { DEMO_PASSWORD } from "../../functions/src/local/demo-data";
import { type StreamPoller, startStreamPoller } from "../../functions/src/local/stream-poller";
import { createNotifier } from "../../functions/src/notify/notifier";
import { createFileSink } from "../../functions/src/notify/sender";
import { createLogger } from "../../functions/src/observability/logger";
import { listOwnComponents } from "../../functions/src/repos/components";
import { getTenantBySlug } from "../../functions/src/repos/tenants";
import { DEFAULT_EVIDENCE_LIMITS } from "../../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../../functions/src/storage/local-evidence-store";
import { type AdvisoryImporter, importAdvisory } from "../../functions/src/usecases/import-advisory";
import { publisherNamespace } from "../../functions/src/usecases/publisher-namespaces";
import { buildCsaf } from "../builders/csaf";
import { launchBrowser, screenshot, signIn } from "../support/browser";

/**
 * In the browser: the catalog filters by "certification valid" and "open advisories" and shows both as
 * columns; the component page lists the advisories naming the component with their status for it, or says that
 * none does. Advisories are imported below the HTTP layer (as the feed poller does) and the stream (polled from
 * DynamoDB Local, as `npm start` does) derives the catalog facts. A TLP:AMBER advisory shared with Rheinwasser
 * only is counted and listed for Rheinwasser and never for Baltic Grid.
 *
 * Only catalog components that no demo site runs are named, so the other end-to-end files see no new impact.
 */

const OWNER = "lena.fischer@rheinwasser.example";
const OTHER_OWNER = "jonas.berzins@balticgrid.example";
const MODICON = "Modicon M340";
const CP443 = "SIMATIC CP 443-1 OPC UA";
const RTU500 = "RTU500 series CMU Firmware";
const RIO8 = "HC Remote I/O RIO-8";
const PLC5200 = "NW-PLC 5200 Controller";
const OPEN_TRACKING = "SEVD-DEMO-2026-0777";
const FIXED_TRACKING = "SSA-DEMO-2026-0443";
const AMBER_TRACKING = "RHEIN-DEMO-2026-0500";

let browser: Browser;
let close: () => Promise<void>;
let poller: StreamPoller;

async function importAs(db: Db, importer: AdvisoryImporter, doc: unknown, restrictedTo: string[] = []) {
  const documents = createLocalEvidenceStore({
    root: path.join(inject("artifactsDir"), `evidence-${db.tableName}`),
    limits: DEFAULT_EVIDENCE_LIMITS,
  });
  return importAdvisory(
    { db, documents, candidates: catalogCandidates(db), now: () => new Date() },
    { importer, bytes: new TextEncoder().encode(JSON.stringify(doc)), strict: false, restrictedTo },
  );
}

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
  const db = createDb({ tableName: inject("e2eTable"), endpoint: inject("dynamoEndpoint") });
  const logger = createLogger({ service: "e2e-catalog-stream", level: "error", write: () => {} });
  const now = () => new Date();
  poller = await startStreamPoller({
    endpoint: inject("dynamoEndpoint"),
    tableName: db.tableName,
    registry: registerAllStreamHandlers(new StreamHandlerRegistry(), {
      advisoryDeps: () => ({
        db,
        now,
        logger,
        notifier: createNotifier({
          db,
          sender: createFileSink(mkdtempSync(path.join(tmpdir(), "assure-e2e-outbox-"))),
          now,
          logger,
        }),
      }),
    }),
    logger,
    startAt: "latest",
    idleDelayMs: 100,
  });

  const operations = await getTenantBySlug(db, "assure-ops");
  if (!operations) throw new Error("the demo operator tenant is missing");
  const platform: AdvisoryImporter = {
    kind: "platform",
    actor: "user:e2e-operator",
    auditTenantId: operations.id,
  };
  // Both Modicon versions (2.90, 3.40) are affected: open, critical.
  await importAs(
    db,
    platform,
    buildCsaf({
      trackingId: OPEN_TRACKING,
      vendor: "Schneider Electric",
      product: MODICON,
      affected: "<3.50",
      fixed: "3.50",
      publisher: "Schneider Electric CPCERT",
      namespace: "https://www.se.example/cpcert",
      title: "Modicon M340: improper input validation in the Modbus server",
      cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    }),
  );
  // The newest CP 443-1 version (2.0) carries the fix: listed as fixed, not counted.
  await importAs(
    db,
    platform,
    buildCsaf({
      trackingId: FIXED_TRACKING,
      vendor: "Siemens",
      product: CP443,
      affected: "<2.0",
      fixed: "2.0",
      publisher: "Siemens ProductCERT",
      namespace: "https://www.siemens.example/cert",
      title: "SIMATIC CP 443-1 OPC UA: denial of service in the OPC UA server",
    }),
  );
  // TLP:AMBER from the distributor listing the RTU500, shared with Rheinwasser only.
  const rhein = await getTenantBySlug(db, "rhein-automation");
  const rheinwasser = await getTenantBySlug(db, "rheinwasser");
  if (!rhein || !rheinwasser) throw new Error("the demo tenants are missing");
  const vendors = (await listOwnComponents(db, rhein.id)).map((c) => c.vendor);
  await importAs(
    db,
    { kind: "supplier", actor: "user:e2e-rhein", tenant: rhein, vendorNames: [rhein.name, ...vendors] },
    buildCsaf({
      trackingId: AMBER_TRACKING,
      vendor: "Hitachi Energy",
      product: RTU500,
      affected: "<14.0",
      fixed: "14.0",
      tlp: "AMBER",
      publisher: "Rhein Automation PSIRT",
      namespace: publisherNamespace(rhein.slug),
      title: "RTU500 CMU: authentication bypass in the web interface (customer advisory)",
    }),
    [rheinwasser.id],
  );
  await poller.drain(60_000);
}, 180_000);

afterAll(async () => {
  await poller?.stop();
  await close?.();
});

async function newPage(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

const portal = (p: string) => `${inject("portalUrl")}${p}`;
const row = (page: Page, name: string) =>
  page
    .getByTestId("catalog-table")
    .getByRole("row", { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });

async function applyFilters(
  page: Page,
  filters: { certification?: string; advisories?: string },
  url: RegExp,
) {
  await page
    .getByLabel("Certification", { exact: true })
    .selectOption({ label: filters.certification ?? "Any" });
  await page
    .getByLabel("Open advisories", { exact: true })
    .selectOption({ label: filters.advisories ?? "Any" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(url);
}

describe("catalog filters: certification valid, open advisories", () => {
  it("the asset owner filters the catalog and sees the columns for each component", async () => {
    const page = await newPage(OWNER);
    await page.goto(portal("/catalog"));
    await expect.poll(() => row(page, MODICON).count()).toBe(1);
    // The columns: the open advisory with its severity, the certificate behind the claim.
    await expect
      .poll(() => row(page, MODICON).getByTestId("advisories-cell").innerText())
      .toBe("1 open · critical");
    expect(await row(page, CP443).getByTestId("advisories-cell").innerText()).toBe("none open");
    expect(await row(page, RTU500).getByTestId("advisories-cell").innerText()).toBe("1 open · high");
    expect(await row(page, PLC5200).getByTestId("certification-cell").innerText()).toContain(
      "certificate expiring soon",
    );
    const modiconBasis = await row(page, MODICON).getByTestId("certification-cell").innerText();
    expect(modiconBasis).toContain("Self-declared");
    expect(modiconBasis).not.toContain("certificate");
    // The help text says what "open" means.
    expect(await page.locator("#openAdvisories-help").innerText()).toContain(
      "newest published version is affected",
    );

    await applyFilters(page, { advisories: "Has open advisories" }, /openAdvisories=true/);
    await expect.poll(() => row(page, CP443).count()).toBe(0);
    expect(await row(page, MODICON).count()).toBe(1);
    expect(await row(page, RTU500).count()).toBe(1);
    expect(await row(page, RIO8).count()).toBe(0);
    await screenshot(page, "30-catalog-open-advisories");

    // Sorting stays accessible: the header button sorts, and the header says how.
    const header = page.getByRole("columnheader", { name: /Advisories/ });
    await header.getByRole("button").click();
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");

    await applyFilters(page, { certification: "Certification valid today" }, /certificationValid=true/);
    await expect.poll(() => row(page, PLC5200).count()).toBe(1);
    expect(await row(page, "HC Industrial Firewall IF-300").count()).toBe(1);
    expect(await row(page, MODICON).count()).toBe(0);
    expect(await row(page, "HC Managed Switch MS-24").count()).toBe(0);
    expect(await page.getByLabel("Open advisories", { exact: true }).inputValue()).toBe("");
    await screenshot(page, "31-catalog-certification-valid");

    await applyFilters(
      page,
      { certification: "Not backed by a valid certification", advisories: "Has no open advisories" },
      /certificationValid=false&openAdvisories=false/,
    );
    await expect.poll(() => row(page, CP443).count()).toBe(1);
    expect(await row(page, MODICON).count()).toBe(0);
    expect(await row(page, PLC5200).count()).toBe(0);
    await page.context().close();
  });

  it("the component page lists the advisories naming it, with their status for it, or says none does", async () => {
    const page = await newPage(OWNER);
    await page.goto(portal("/catalog?q=Modicon"));
    await page.getByRole("link", { name: MODICON }).click();
    await page.waitForURL(/\/catalog\/[0-9a-z]{26}$/);
    const section = page.getByTestId("component-advisories");
    const advisory = section.getByTestId("component-advisory").filter({ hasText: OPEN_TRACKING });
    await expect.poll(() => advisory.count()).toBe(1);
    const text = await advisory.innerText();
    expect(text).toContain("Open");
    expect(text).toContain("critical 9.8");
    expect(text).toContain("3.40");
    expect(await page.getByRole("link", { name: "1 open advisory" }).count()).toBe(1);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "32-component-advisories-open");
    await advisory.getByRole("link", { name: /Modicon M340: improper input validation/ }).click();
    await page.waitForURL(/\/advisories\/[0-9a-f]{26}$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toContain(OPEN_TRACKING);

    await page.goto(portal("/catalog?q=CP+443"));
    await page.getByRole("link", { name: CP443 }).click();
    await page.waitForURL(/\/catalog\/[0-9a-z]{26}$/);
    const fixed = page.getByTestId("component-advisory").filter({ hasText: FIXED_TRACKING });
    await expect.poll(() => fixed.count()).toBe(1);
    expect(await fixed.innerText()).toContain("Fixed in newest version");

    await page.goto(portal("/catalog?q=RIO-8"));
    await page.getByRole("link", { name: RIO8 }).click();
    await page.waitForURL(/\/catalog\/[0-9a-z]{26}$/);
    await expect.poll(() => page.getByTestId("component-advisories-empty").isVisible()).toBe(true);
    await page.getByTestId("component-advisories").scrollIntoViewIfNeeded();
    await screenshot(page, "33-component-advisories-empty");

    await page.goto(portal("/catalog?q=RTU500"));
    await page.getByRole("link", { name: RTU500 }).click();
    await page.waitForURL(/\/catalog\/[0-9a-z]{26}$/);
    await expect
      .poll(() => page.getByTestId("component-advisory").filter({ hasText: AMBER_TRACKING }).count())
      .toBe(1);
    await page.context().close();
  });

  it("another asset owner neither sees nor counts the advisory shared with Rheinwasser only", async () => {
    const page = await newPage(OTHER_OWNER);
    await page.goto(portal("/catalog?openAdvisories=true"));
    await expect.poll(() => row(page, MODICON).count()).toBe(1);
    expect(await row(page, RTU500).count()).toBe(0);
    await page.goto(portal("/catalog?q=RTU500"));
    expect(await row(page, RTU500).getByTestId("advisories-cell").innerText()).toBe("none open");
    await screenshot(page, "34-catalog-other-owner");
    await page.getByRole("link", { name: RTU500 }).click();
    await page.waitForURL(/\/catalog\/[0-9a-z]{26}$/);
    await expect.poll(() => page.getByTestId("component-advisories-empty").isVisible()).toBe(true);
    expect(await page.content()).not.toContain(AMBER_TRACKING);
    await page.context().close();
  });
});
