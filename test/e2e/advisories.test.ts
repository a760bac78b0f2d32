import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { validateCsaf } from "../../functions/src/csaf/validate-csaf";
import { createDb } from "../../functions/src/db/client";
import { registerAllStreamHandlers } from "../../functions/src/events/handlers";
import { StreamHandlerRegistry } from "../../functions/src/events/registry";
import { DEMO_PASSWORD } from "../../functions/src/local/demo-data";
import { type StreamPoller, startStreamPoller } from "../../functions/src/local/stream-poller";
import { createNotifier } from "../../functions/src/notify/notifier";
import { createFileSink } from "../../functions/src/notify/sender";
import { createLogger } from "../../functions/src/observability/logger";
import { buildCsaf } from "../builders/csaf";
import { launchBrowser, screenshot, signIn } from "../support/browser";

/**
 * Advisories in the browser: the platform operator uploads a new CSAF advisory, the stream (polled from DynamoDB
 * Local, as `npm start` does) marks the affected assets, and the asset owner sees the impact on the zones of its
 * site with remediation obligations and an unread notification; a supplier writes an advisory in the portal and
 * it is served through the portal's CSAF provider endpoints.
 */

const OPERATOR = "ops@assure.example";
const OWNER = "lena.fischer@rheinwasser.example";
const SUPPLIER = "anna.weber@northwind.example";
const OTHER_OWNER = "jonas.berzins@balticgrid.example";
const TRACKING = "SIEMENS-DEMO-2026-0142";

let browser: Browser;
let close: () => Promise<void>;
let poller: StreamPoller;

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
  const db = createDb({ tableName: inject("e2eTable"), endpoint: inject("dynamoEndpoint") });
  const logger = createLogger({ service: "e2e-stream", level: "error", write: () => {} });
  const now = () => new Date();
  const notifier = createNotifier({
    db,
    sender: createFileSink(mkdtempSync(path.join(tmpdir(), "assure-e2e-outbox-"))),
    now,
    logger,
  });
  poller = await startStreamPoller({
    endpoint: inject("dynamoEndpoint"),
    tableName: db.tableName,
    registry: registerAllStreamHandlers(new StreamHandlerRegistry(), {
      advisoryDeps: () => ({ db, now, notifier, logger }),
    }),
    logger,
    startAt: "latest",
    idleDelayMs: 100,
  });
});
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

describe("advisories: import, impact on an asset owner's zones, supplier publishing as a CSAF provider", () => {
  it("the operator uploads a CSAF advisory; an invalid one is rejected with its failed tests", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "assure-e2e-csaf-"));
    const good = path.join(folder, "siemens-scalance.json");
    writeFileSync(
      good,
      JSON.stringify(
        buildCsaf({
          trackingId: TRACKING,
          vendor: "Siemens",
          product: "SCALANCE W1750D",
          affected: "<8.7.0",
          fixed: "8.7.0",
          publisher: "Siemens ProductCERT",
          namespace: "https://www.siemens.example/cert",
          title: "SCALANCE W1750D: remote code execution in the management interface",
          cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        }),
      ),
    );
    const bad = path.join(folder, "broken.json");
    const broken = buildCsaf({ trackingId: "BROKEN-1" });
    (broken.document as { tracking: { version: string } }).tracking.version = "9";
    writeFileSync(bad, JSON.stringify(broken));

    const page = await newPage(OPERATOR);
    await page.goto(portal("/advisories/import"));
    // Every file gets a result, a file that is not JSON included, and a refused one shows red, not a full bar.
    const notes = path.join(folder, "notes.txt");
    writeFileSync(notes, "not an advisory");
    await page.getByLabel("CSAF files", { exact: true }).setInputFiles([good, bad, notes]);
    const results = page.getByTestId("upload-results");
    await expect.poll(() => results.getByText("created").count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => results.getByText("rejected", { exact: true }).count()).toBe(2);
    expect(await results.innerText()).toContain("6.1.16");
    expect(await results.innerText()).toContain("Not a JSON file");
    expect(await results.getByText("✗ refused").count()).toBe(2);
    await expect.poll(() => page.getByText("3 of 3 processed").isVisible()).toBe(true);
    expect(await page.getByText("· 2 refused").isVisible()).toBe(true);
    await screenshot(page, "20-operator-imports-csaf");
    await page.context().close();
  });

  it("the asset owner sees the impact on its zones, with obligations and an unread notification", async () => {
    await poller.drain(60_000);
    const page = await newPage(OWNER);
    await expect
      .poll(async () => (await page.getByTestId("inbox-link").innerText()).match(/\d+/)?.[0] ?? "0")
      .not.toBe("0");

    await page.getByRole("link", { name: "Advisories" }).first().click();
    await page.getByRole("link", { name: "What hits my sites" }).click();
    await page.waitForURL(/\/advisories\/impact/);
    await page.getByLabel("Site", { exact: true }).selectOption({ label: "Waterworks Kaiserau" });
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/site=/);
    const zone = page.getByRole("region", { name: "Remote Pumping Stations" });
    await expect.poll(() => zone.getByText(TRACKING).count()).toBe(1);
    expect(await zone.innerText()).toContain("Station wireless access point");
    expect(await zone.innerText()).toMatch(/open/);
    await screenshot(page, "21-asset-owner-what-hits-me");

    await zone.getByRole("link", { name: TRACKING }).click();
    await page.waitForURL(/\/advisories\/[0-9a-f]{26}$/);
    const impact = page.getByTestId("my-impact");
    await expect.poll(() => impact.getByText("Station wireless access point").count()).toBe(1);
    expect(await page.getByTestId("advisory-matches").innerText()).toContain("SCALANCE W1750D");
    await screenshot(page, "22-asset-owner-advisory-detail");

    await impact.getByRole("link", { name: "Site obligations" }).click();
    await page.waitForURL(/\/sites\/[0-9a-z]{26}\/obligations/);
    await expect.poll(() => page.getByText(TRACKING).first().isVisible()).toBe(true);
    await screenshot(page, "23-asset-owner-obligations");

    await page.goto(portal("/inbox"));
    const list = page.getByTestId("inbox-list");
    await expect.poll(() => list.getByText(`${TRACKING} affects`).count()).toBe(1);
    await screenshot(page, "24-asset-owner-inbox");
    await list.getByRole("button", { name: new RegExp(`Mark “${TRACKING}`) }).click();
    await expect
      .poll(() => list.getByRole("button", { name: new RegExp(`Mark “${TRACKING}`) }).count())
      .toBe(0);

    // Webhooks to this tenant get signed with its own key, created here and shown once.
    await page.goto(portal("/advisories/settings"));
    const signing = page.getByTestId("webhook-signing-status");
    await expect.poll(() => signing.innerText()).toContain("unsigned");
    await page.getByRole("button", { name: "Create signing key" }).click();
    const key = page.getByTestId("webhook-signing-key");
    await expect.poll(() => key.innerText()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, "24a-asset-owner-webhook-signing-key");
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect.poll(() => signing.innerText()).toContain("Key created");
    expect(await page.getByRole("button", { name: "Rotate signing key" }).isVisible()).toBe(true);
    await page.context().close();

    // Another asset owner runs no affected version and learns nothing about Rheinwasser's assets.
    const other = await newPage(OTHER_OWNER);
    await other.goto(portal("/advisories?q=SIEMENS-DEMO"));
    await other.getByRole("link", { name: TRACKING }).click();
    await other.waitForURL(/\/advisories\/[0-9a-f]{26}$/);
    await expect
      .poll(() => other.getByText("None of your assets runs a matched product version.").isVisible())
      .toBe(true);
    expect(await other.content()).not.toContain("Station wireless access point");
    await other.context().close();
  });

  it("a supplier writes an advisory; the portal serves it as a CSAF provider", async () => {
    const page = await newPage(SUPPLIER);
    await page.goto(portal("/advisories/new"));
    await page.getByRole("button", { name: "Publish advisory" }).click();
    await expect
      .poll(() => page.getByText("give the advisory a title of at least 5 characters").isVisible())
      .toBe(true);
    await page.getByLabel("Title", { exact: true }).fill("NW-PLC 5200: web server denial of service");
    await page
      .getByLabel("Summary")
      .fill("A crafted HTTP request stops the web server until the controller restarts.");
    await page.getByLabel("Component").selectOption({ label: "NW-PLC 5200 Controller" });
    await page.getByLabel("Affected versions").fill("<3.3.0");
    await page.getByLabel("Fixed in").fill("3.3.0");
    await page.getByLabel("CVE").fill("CVE-2026-40404");
    await page.getByLabel("Vulnerability title").fill("Uncontrolled resource consumption");
    await page.getByLabel("Description").fill("Parallel requests exhaust the web server's connection pool.");
    await page.getByLabel("CVSS 3.1 vector").fill("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
    await expect.poll(() => page.getByText("Base score 7.5").isVisible()).toBe(true);
    await page.getByLabel("What to do").fill("Update the firmware to 3.3.0.");
    await screenshot(page, "25-supplier-writes-advisory");
    await page.getByRole("button", { name: "Publish advisory" }).click();
    await page.waitForURL(/\/advisories\/[0-9a-f]{26}\?published=1/, { timeout: 30_000 });
    await expect.poll(() => page.getByText("Published as revision 1").isVisible()).toBe(true);
    const heading = await page.getByRole("heading", { level: 1 }).innerText();
    const trackingId = heading.split(":")[0]!.trim();
    expect(trackingId).toMatch(/^NORTHWIND-SA-\d{4}-\d{3}$/);
    await screenshot(page, "26-supplier-advisory-published");
    await page.context().close();

    // Any CSAF client finds it through the portal: provider metadata → ROLIE feed → document + hashes.
    const metadata = await (await fetch(portal("/.well-known/csaf/provider-metadata.json"))).json();
    expect(metadata.canonical_url).toBe(portal("/.well-known/csaf/provider-metadata.json"));
    const feedUrl = metadata.distributions[0].rolie.feeds[0].url as string;
    const feed = await (await fetch(feedUrl)).json();
    const entry = feed.feed.entry.find((e: { id: string }) => e.id === trackingId);
    expect(entry).toBeTruthy();
    const documentUrl = entry.content.src as string;
    expect(documentUrl.startsWith(portal("/.well-known/csaf/white/"))).toBe(true);
    const bytes = Buffer.from(await (await fetch(documentUrl)).arrayBuffer());
    const sha512 = await (await fetch(`${documentUrl}.sha512`)).text();
    expect(sha512.split(" ")[0]).toBe(createHash("sha512").update(bytes).digest("hex"));
    const doc = JSON.parse(bytes.toString("utf8"));
    expect(validateCsaf(doc).errors).toEqual([]);
    expect(doc.document.publisher.name).toBe("Northwind Automation");
    const index = await (await fetch(portal("/.well-known/csaf/white/index.txt"))).text();
    expect(index).toContain(`${trackingId.toLowerCase()}.json`);
  });
});
