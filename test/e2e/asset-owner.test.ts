import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../functions/src/local/demo-data";
import { launchBrowser, screenshot, signIn } from "../support/browser";

/**
 * The asset owner's day: model a site with zones and conduits, see which assets fall short of SL-T and
 * why, close one gap with a countermeasure and another with a suggested component (what-if, then commit), edit
 * zones, conduits and countermeasures, share the site with the integrator (read, then write), and track the
 * obligations with the integrator and a supplier — each seeing only what it owes, evidence files included.
 */

const OWNER = "lena.fischer@rheinwasser.example";
const INTEGRATOR = "sam.okafor@vantage-si.example";
const SUPPLIER = "anna.weber@northwind.example";
const OTHER_OWNER = "jonas.berzins@balticgrid.example";
const SITE = "Klärwerk Süd";
const EVIDENCE = Buffer.from(
  "%PDF-1.7\n% Northwind SUM record for Klärwerk Süd: patches qualified 2026-11\n",
);

let browser: Browser;
let close: () => Promise<void>;
let siteUrl = "";
const zoneUrls = new Map<string, string>();

beforeAll(async () => {
  ({ browser, close } = await launchBrowser());
});
afterAll(async () => {
  await close?.();
});

async function newPage(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

const portal = (path: string) => `${inject("portalUrl")}${path}`;
/** Pages render on the server and the whole suite may share two cores: wait up to 20 s for what a page shows. */
const poll = <T>(read: () => Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(read, { timeout: 20_000, interval: 100, ...options });

async function addZone(page: Page, name: string, slT: number[]) {
  await page.getByLabel("Zone name", { exact: true }).fill(name);
  for (const [i, level] of slT.entries())
    await page.getByTestId(`zone-slt-fr${i + 1}`).selectOption(String(level));
  await page.getByRole("button", { name: "Add zone" }).click();
  await poll(() => page.getByTestId("zones-table").getByRole("link", { name }).count()).toBe(1);
}

async function addConduit(page: Page, name: string, from: string, to: string, protocols: string) {
  await page.getByLabel("Conduit name", { exact: true }).fill(name);
  await page.getByLabel("From zone", { exact: true }).selectOption({ label: from });
  await page.getByLabel("To zone", { exact: true }).selectOption({ label: to });
  await page.getByLabel("Protocols", { exact: true }).fill(protocols);
  await page.getByRole("button", { name: "Add conduit" }).click();
  await poll(() => page.getByTestId("conduits-table").getByRole("link", { name }).count()).toBe(1);
}

async function addAsset(page: Page, name: string, component: string, version: string, count = 1) {
  if (!(await page.getByLabel("Asset name or tag", { exact: true }).isVisible()))
    await page.getByText("Add an asset").click();
  await page.getByLabel("Asset name or tag", { exact: true }).fill(name);
  const select = page.getByLabel("Catalog component", { exact: true });
  const value = await select.locator("option", { hasText: component }).first().getAttribute("value");
  await select.selectOption(value ?? "");
  await page.getByLabel("Deployed version", { exact: true }).fill(version);
  await page.getByLabel("Count", { exact: true }).fill(String(count));
  await page.getByRole("button", { name: "Add asset" }).click();
  await poll(() => page.getByTestId(`asset-row-${name}`).count(), { timeout: 15_000 }).toBe(1);
}

const cell = (page: Page, asset: string, fr: number) =>
  page.getByTestId(`matrix-row-${asset}`).getByRole("button", { name: new RegExp(`^FR${fr}:`) });

describe("the asset owner models a site, closes gaps and tracks obligations with integrator and supplier", () => {
  it("models a site with three zones and two conduits; inline validation catches mistakes first", async () => {
    const page = await newPage(OWNER);
    await page.goto(portal("/sites"));
    await page.getByText("New site").click();
    await page.getByRole("button", { name: "Create site" }).click();
    await poll(() => page.getByText("give the site a name").isVisible()).toBe(true);
    await page.getByLabel("Site name", { exact: true }).fill(SITE);
    await page.getByLabel("Location", { exact: true }).fill("Mannheim, Baden-Württemberg");
    await page
      .getByLabel("Description", { exact: true })
      .fill("Wastewater treatment, 120,000 population equivalents.");
    await page.getByRole("button", { name: "Create site" }).click();
    await page.waitForURL(/\/sites\/[0-9a-z]{26}$/);
    siteUrl = new URL(page.url()).pathname;
    await poll(() => page.getByRole("heading", { name: "Model this site" }).isVisible()).toBe(true);
    await screenshot(page, "10-owner-empty-site");

    // An empty site opens "Add a zone" for the reader.
    // The zone name is checked as soon as the field is left.
    await page.getByLabel("Zone name", { exact: true }).focus();
    await page.getByLabel("Zone name", { exact: true }).blur();
    await poll(() => page.getByText("give the zone a name").isVisible()).toBe(true);
    await addZone(page, "Plant DMZ", [2, 2, 2, 2, 2, 2, 2]);
    await addZone(page, "Process Control", [2, 2, 2, 1, 2, 2, 2]);
    await addZone(page, "Field I/O", [2, 2, 2, 1, 2, 1, 2]);

    await page.getByText("Add a conduit").click();
    await page.getByLabel("Conduit name", { exact: true }).fill("Loop");
    await page.getByLabel("From zone", { exact: true }).selectOption({ label: "Plant DMZ" });
    await page.getByLabel("To zone", { exact: true }).selectOption({ label: "Plant DMZ" });
    await poll(() => page.getByText("a conduit joins two different zones").isVisible()).toBe(true);
    await addConduit(page, "DMZ ↔ Control", "Plant DMZ", "Process Control", "OPC UA, HTTPS");
    await addConduit(page, "Control ↔ Field", "Process Control", "Field I/O", "Profinet");
    await poll(() => page.getByTestId("site-diagram").locator(".react-flow__node").count()).toBe(3);
    await poll(() => page.getByTestId("site-diagram").locator(".react-flow__edge").count()).toBe(2);
    for (const link of await page.getByTestId("zones-table").getByRole("link").all()) {
      zoneUrls.set(await link.innerText(), (await link.getAttribute("href")) ?? "");
    }
    for (const link of await page.getByTestId("conduits-table").getByRole("link").all()) {
      zoneUrls.set(await link.innerText(), (await link.getAttribute("href")) ?? "");
    }
    expect([...zoneUrls.keys()].sort()).toEqual([
      "Control ↔ Field",
      "DMZ ↔ Control",
      "Field I/O",
      "Plant DMZ",
      "Process Control",
    ]);
    await page.context().close();
  });

  it("places catalog components and sees which assets fall short of SL-T and why", async () => {
    const page = await newPage(OWNER);
    await page.goto(portal(zoneUrls.get("Process Control") ?? ""));
    await poll(() => page.getByText("No assets yet").first().isVisible()).toBe(true);
    await page.getByText("Add an asset").click();
    await page.getByRole("button", { name: "Add asset" }).click();
    await poll(() => page.getByText("give the asset a name or tag").isVisible()).toBe(true);
    await poll(() => page.getByText("choose a catalog component").isVisible()).toBe(true);
    await addAsset(page, "PLC-1", "NW-PLC 5200 Controller", "3.2.4", 2);
    await addAsset(page, "HMI-1", "NW-HMI Panel 700", "5.1.0");

    await page.goto(portal(zoneUrls.get("Field I/O") ?? ""));
    await addAsset(page, "RIO-1", "HC Remote I/O RIO-8", "2.0.3", 6);
    await page.goto(portal(zoneUrls.get("Plant DMZ") ?? ""));
    await addAsset(page, "Historian", "NW Historian Server", "2.8.1");
    await page.goto(portal(zoneUrls.get("DMZ ↔ Control") ?? ""));
    await addAsset(page, "FW-1", "HC Industrial Firewall IF-300", "7.4.2");

    // Process Control: the 3.x PLC claims FR6 TRE at SL1, the zone needs SL2; the HMI meets it.
    await page.goto(portal(zoneUrls.get("Process Control") ?? ""));
    await poll(() => cell(page, "PLC-1", 6).getAttribute("data-verdict")).toBe("gap");
    expect(await cell(page, "PLC-1", 1).getAttribute("data-verdict")).toBe("meets");
    for (const fr of [1, 2, 3, 4, 5, 6, 7])
      expect(await cell(page, "HMI-1", fr).getAttribute("data-verdict")).toBe("meets");
    await cell(page, "PLC-1", 6).click();
    const reasons = page.getByTestId("verdict-reasons");
    await poll(() => reasons.innerText()).toContain("PLC-1, FR6: gap");
    expect(await reasons.innerText()).toContain("SL-C 1 is below SL-T 2");
    // Zone reasons name the assets, not their ids.
    const why = await page.getByRole("list", { name: /Why Process Control/ }).innerText();
    expect(why).toContain("FR6 TRE");
    expect(why).toContain("PLC-1");
    expect(why).not.toMatch(/[0-9a-z]{26}/);
    expect(await page.getByTestId("sl-chart").first().locator(".recharts-bar-rectangle").count()).toBe(14);
    await screenshot(page, "11-owner-zone-matrix-with-gaps");
    // The matrix sorts by any FR, worst first: the gap on FR6 leads, and trails when the order is reversed.
    const matrixOrder = () =>
      page
        .getByTestId("zone-matrix")
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((row) => row.dataset.testid));
    await page.getByTestId("zone-matrix").getByRole("button", { name: "Sort by FR6 TRE" }).click();
    await poll(matrixOrder).toEqual(["matrix-row-PLC-1", "matrix-row-HMI-1"]);
    await page
      .getByTestId("zone-matrix")
      .getByRole("button", { name: "Sort by FR6 TRE, descending" })
      .click();
    await poll(matrixOrder).toEqual(["matrix-row-HMI-1", "matrix-row-PLC-1"]);

    // The site overview: diagram coloured by compliance, gaps by FR, sortable and filterable tables.
    await page.goto(portal(siteUrl));
    await poll(() => page.getByTestId("diagram-zone-Process Control").getAttribute("data-compliant")).toBe(
      "false",
    );
    expect(await page.getByTestId("diagram-zone-Field I/O").getAttribute("data-compliant")).toBe("false");
    const conduits = page.getByTestId("conduits-table");
    expect(await conduits.getByRole("row", { name: /Control ↔ Field/ }).innerText()).toContain(
      "Nothing on it enforces its SL-T",
    );
    await page.getByRole("button", { name: "Sort by Zone" }).click();
    await page.getByRole("button", { name: /Sort by Zone, descending/ }).click();
    const zoneOrder = await page.getByTestId("zones-table").getByRole("link").allInnerTexts();
    expect(zoneOrder).toEqual(["Process Control", "Plant DMZ", "Field I/O"]);
    await screenshot(page, "12-owner-site-overview-gaps");
    await page.context().close();
  });

  it("closes one gap with a countermeasure and another with a suggested component (what-if, then commit)", async () => {
    const page = await newPage(OWNER);
    // Field I/O: the remote I/O has no user accounts (FR1, FR2) and no flow control (FR5).
    await page.goto(portal(zoneUrls.get("Field I/O") ?? ""));
    for (const fr of [1, 2, 5]) {
      await poll(() => cell(page, "RIO-1", fr).getAttribute("data-verdict")).toBe("gap");
    }
    await page.getByTestId("gap-RIO-1").getByRole("button", { name: "Record a countermeasure" }).click();
    const dialog = page.getByRole("dialog", { name: "Countermeasure for RIO-1" });
    await poll(() => dialog.isVisible()).toBe(true);
    for (const fr of ["FR1 IAC", "FR2 UC", "FR5 RDF"]) {
      expect(await dialog.getByRole("checkbox", { name: fr }).isChecked()).toBe(true);
    }
    await dialog.getByLabel("Countermeasure", { exact: true }).fill("I/O network reachable only from PLC-1");
    await dialog.getByLabel("Responsible", { exact: true }).selectOption("integrator");
    await dialog.getByLabel("Evidence", { exact: true }).fill("Network drawing KS-NET-07");
    await screenshot(page, "13-owner-countermeasure-dialog");
    await dialog.getByRole("button", { name: "Record countermeasure" }).click();
    for (const fr of [1, 2, 5]) {
      await poll(() => cell(page, "RIO-1", fr).getAttribute("data-verdict")).toBe("covered");
    }
    await poll(() => page.getByText("Compliant", { exact: true }).first().isVisible()).toBe(true);

    // Process Control: the engine suggests the 4.x PLC (certified, FR6 SL2); try it before saving.
    await page.goto(portal(zoneUrls.get("Process Control") ?? ""));
    const gap = page.getByTestId("gap-PLC-1");
    await gap.getByRole("button", { name: /What if: upgrade to 4\.0\.1/ }).click();
    const banner = page.getByTestId("what-if-banner");
    await poll(() => banner.innerText()).toContain("PLC-1 with NW-PLC 5200 Controller");
    await poll(() => cell(page, "PLC-1", 6).getAttribute("data-verdict")).toBe("meets");
    expect(await page.getByLabel("Version of the replacement", { exact: true }).inputValue()).toBe("4.0.1");
    expect(await banner.innerText()).toContain("would be compliant");
    await screenshot(page, "14-owner-what-if");
    await banner.getByRole("button", { name: "Replace the component" }).click();
    await poll(() => page.getByTestId("what-if-committed").isVisible(), { timeout: 20_000 }).toBe(true);
    await poll(() => page.getByTestId("asset-row-PLC-1").innerText()).toContain("4.0.1");
    expect(await cell(page, "PLC-1", 6).getAttribute("data-verdict")).toBe("meets");
    await page.context().close();
  });

  it("edits a zone, a conduit and a countermeasure with inline validation", async () => {
    const page = await newPage(OWNER);
    await page.goto(portal(zoneUrls.get("Plant DMZ") ?? ""));
    await page.getByRole("button", { name: "Edit zone" }).click();
    const zoneDialog = page.getByRole("dialog", { name: "Edit zone Plant DMZ" });
    await zoneDialog.getByLabel("Zone name", { exact: true }).fill("");
    await zoneDialog.getByLabel("Zone name", { exact: true }).blur();
    await poll(() => zoneDialog.getByText("give the zone a name").isVisible()).toBe(true);
    await zoneDialog.getByLabel("Zone name", { exact: true }).fill("Plant DMZ");
    await zoneDialog
      .getByLabel("Description", { exact: true })
      .fill("Historian replica and remote access gateway.");
    // Lower FR5 to SL1: the historian's FR5 gap closes by changing the target (a risk decision).
    await zoneDialog.getByTestId("zone-edit-slt-fr5").selectOption("1");
    await zoneDialog.getByRole("button", { name: "Save zone" }).click();
    await poll(() => page.getByText("Historian replica and remote access gateway.").isVisible()).toBe(true);
    await poll(() => cell(page, "Historian", 5).getAttribute("data-verdict")).toBe("meets");

    await page.goto(portal(zoneUrls.get("Control ↔ Field") ?? ""));
    await page.getByRole("button", { name: "Edit conduit" }).click();
    const conduitDialog = page.getByRole("dialog", { name: "Edit conduit Control ↔ Field" });
    await conduitDialog.getByLabel("Protocols", { exact: true }).fill("Profinet, LLDP");
    await conduitDialog.getByRole("button", { name: "Save conduit" }).click();
    await poll(() => page.getByText("Profinet, LLDP").isVisible()).toBe(true);

    // An asset moves between zones from its edit dialog; both zones are re-evaluated. Then it moves back.
    const moveAsset = async (asset: string, from: string, to: string) => {
      await page.goto(portal(zoneUrls.get(from) ?? ""));
      await page.getByTestId(`asset-row-${asset}`).getByRole("button", { name: "Edit" }).click();
      const assetDialog = page.getByRole("dialog", { name: `Edit asset ${asset}` });
      await assetDialog.getByLabel("Zone or conduit", { exact: true }).selectOption({ label: `Zone ${to}` });
      // The field the person edits has the focus, not the dialog's Close button.
      expect(
        await assetDialog.getByLabel("Asset name or tag").evaluate((el) => el === document.activeElement),
      ).toBe(true);
      await assetDialog.getByRole("button", { name: "Move asset" }).click();
      // The page follows the asset to where it went, says so and links back.
      await page.waitForURL((url) => url.pathname === new URL(portal(zoneUrls.get(to) ?? "")).pathname);
      await poll(() => page.getByTestId("asset-moved").innerText()).toContain(
        `${asset} was moved here from ${from}`,
      );
      expect(await page.getByRole("link", { name: `Back to ${from}` }).count()).toBe(1);
      await poll(() => page.getByTestId(`asset-row-${asset}`).count()).toBe(1);
      await poll(() => cell(page, asset, 1).getAttribute("data-verdict")).toBe("meets");
    };
    await moveAsset("HMI-1", "Process Control", "Plant DMZ");
    await screenshot(page, "15a-owner-asset-moved");
    await moveAsset("HMI-1", "Plant DMZ", "Process Control");

    await page.goto(portal(zoneUrls.get("Field I/O") ?? ""));
    const row = page.getByTestId("cm-row-I/O network reachable only from PLC-1");
    await row.getByRole("button", { name: "Edit" }).click();
    const cmDialog = page.getByRole("dialog", {
      name: "Edit countermeasure I/O network reachable only from PLC-1",
    });
    await cmDialog.getByRole("checkbox", { name: "FR1 IAC" }).uncheck();
    await cmDialog.getByRole("checkbox", { name: "FR2 UC" }).uncheck();
    await cmDialog.getByRole("checkbox", { name: "FR5 RDF" }).uncheck();
    await cmDialog.getByRole("button", { name: "Save countermeasure" }).click();
    await poll(() => cmDialog.getByText("choose at least one FR").isVisible()).toBe(true);
    await cmDialog.getByRole("checkbox", { name: "FR1 IAC" }).check();
    await cmDialog.getByRole("checkbox", { name: "FR2 UC" }).check();
    await cmDialog.getByRole("checkbox", { name: "FR5 RDF" }).check();
    await cmDialog
      .getByLabel("Evidence", { exact: true })
      .fill("Network drawing KS-NET-07 rev B; switch ACL export");
    await cmDialog.getByRole("button", { name: "Save countermeasure" }).click();
    await poll(() => row.innerText()).toContain("rev B");
    await screenshot(page, "15-owner-zone-after-edits");
    await page.context().close();
  });

  it("shares the site with the integrator read-only, then for editing, and names it responsible", async () => {
    const owner = await newPage(OWNER);
    await owner.goto(portal(`${siteUrl}/sharing`));
    await owner.getByLabel("Integrator's tenant slug", { exact: true }).fill("Not A Slug");
    await owner.getByLabel("Integrator's tenant slug", { exact: true }).blur();
    await poll(() => owner.locator(".field-error").count()).toBe(1);
    await owner.getByLabel("Integrator's tenant slug", { exact: true }).fill("vantage-si");
    await owner.getByRole("button", { name: "Share site" }).click();
    const grantRow = owner
      .getByTestId("grants-table")
      .getByRole("row", { name: /Vantage Systems Integration/ });
    await poll(() => grantRow.innerText()).toContain("Read only");

    const integrator = await newPage(INTEGRATOR);
    await integrator.goto(portal("/shared-sites"));
    await integrator.getByRole("link", { name: SITE }).click();
    await integrator.waitForURL(new RegExp(`${siteUrl}$`));
    await poll(() => integrator.getByText("Shared with you · read only").isVisible()).toBe(true);
    expect(await integrator.getByText("Add a zone").count()).toBe(0);
    await integrator.goto(portal(zoneUrls.get("Process Control") ?? ""));
    expect(await integrator.getByRole("button", { name: "Edit zone" }).count()).toBe(0);
    expect(await integrator.getByRole("button", { name: "Delete" }).count()).toBe(0);
    await screenshot(integrator, "16-integrator-read-only");

    await owner.getByRole("button", { name: "Allow editing" }).click();
    await poll(() => grantRow.innerText()).toContain("Can edit");
    await owner.getByRole("button", { name: "Make responsible" }).click();
    await poll(() => grantRow.innerText()).toContain("Responsible integrator");
    await screenshot(owner, "17-owner-sharing");

    await integrator.reload();
    await poll(() => integrator.getByRole("button", { name: "Edit zone" }).count()).toBe(1);
    await integrator.getByRole("button", { name: "Edit zone" }).click();
    const dialog = integrator.getByRole("dialog", { name: "Edit zone Process Control" });
    await dialog
      .getByLabel("Description", { exact: true })
      .fill("Aeration and sludge treatment PLCs (maintained by Vantage).");
    await dialog.getByRole("button", { name: "Save zone" }).click();
    await poll(() => integrator.getByText("maintained by Vantage").isVisible()).toBe(true);
    await owner.context().close();
    await integrator.context().close();
  });

  it("tracks obligations: each party sees only what it owes; the supplier uploads evidence the owner downloads", async () => {
    const owner = await newPage(OWNER);
    await owner.goto(portal(`${siteUrl}/obligations`));
    await poll(() => owner.getByTestId("obligation-board").isVisible()).toBe(true);
    await screenshot(owner, "18-owner-obligation-board");
    await owner.getByRole("link", { name: "RACI" }).click();
    await owner.waitForURL(/view=raci/);
    await poll(() => owner.getByTestId("raci-table").isVisible()).toBe(true);
    const raciHeaders = await owner.getByTestId("raci-table").locator("thead th").allInnerTexts();
    expect(raciHeaders.join(" ")).toContain("Vantage Systems Integration (integrator)");
    expect(raciHeaders.join(" ")).toContain("Northwind Automation");
    await owner.getByRole("link", { name: "Table" }).click();
    await owner.waitForURL(/view=table/);
    await owner.getByLabel("Responsible party", { exact: true }).selectOption("integrator");
    await owner.getByRole("button", { name: "Apply" }).click();
    await owner.waitForURL(/party=integrator/);
    const rows = owner.getByTestId("obligation-table").locator("tbody tr");
    await poll(() => rows.count()).toBeGreaterThan(10);
    for (const text of await rows.allInnerTexts()) expect(text).toContain("Vantage Systems Integration");
    await owner.getByRole("link", { name: /^Sort by obligation/ }).click();
    await owner.waitForURL(/sort=text/);
    await screenshot(owner, "19-owner-obligation-table");

    // The integrator sees its own obligations (2-4 baselines, the countermeasure, the firewall assumption), none
    // of the asset owner's or the supplier's.
    const integrator = await newPage(INTEGRATOR);
    await integrator.goto(portal("/obligations"));
    const owed = integrator.getByTestId("owed-obligations");
    await poll(() => owed.isVisible()).toBe(true);
    const integratorTexts = (await owed.locator("tbody tr", { hasText: SITE }).allInnerTexts()).join("\n");
    expect(integratorTexts).toContain("Patch management (SP.11)");
    expect(integratorTexts).toContain('Keep countermeasure "I/O network reachable only from PLC-1"');
    expect(integratorTexts).not.toContain("Security update management");
    expect(integratorTexts).not.toContain("Review the user and service accounts");
    await screenshot(integrator, "20-integrator-owed-obligations");

    // The supplier owes 4-1 practices for the products it supplies here, and nothing else.
    const supplier = await newPage(SUPPLIER);
    await supplier.goto(portal("/obligations"));
    const supplierRows = supplier.getByTestId("owed-obligations").locator("tbody tr", { hasText: SITE });
    await poll(() => supplierRows.count()).toBe(3);
    const supplierTexts = (await supplierRows.allInnerTexts()).join("\n");
    expect(supplierTexts).toContain("Security update management for");
    expect(supplierTexts).not.toContain("SP.11");
    expect(supplierTexts).not.toContain("Keep countermeasure");
    await supplierRows.filter({ hasText: "Security update management" }).getByRole("link").click();
    await supplier.waitForURL(/\/obligations\/[0-9a-z]{26}$/);
    const obligationUrl = new URL(supplier.url()).pathname;
    await poll(() => supplier.getByRole("link", { name: "Obligations owed" }).isVisible()).toBe(true);
    await supplier.getByRole("button", { name: "Attach evidence" }).click();
    await poll(() => supplier.getByText("choose a file").isVisible()).toBe(true);
    await supplier.getByLabel("File", { exact: true }).setInputFiles({
      name: "SUM-record-Klaerwerk.pdf",
      mimeType: "application/pdf",
      buffer: EVIDENCE,
    });
    await supplier.getByLabel(/^Title/).fill("SUM qualification record 2026-11");
    await supplier.getByRole("button", { name: "Attach evidence" }).click();
    await poll(() => supplier.getByText("File uploaded and attached.").isVisible(), { timeout: 20_000 }).toBe(
      true,
    );
    const evidenceLink = supplier.getByTestId("evidence-list").getByRole("link", {
      name: "SUM qualification record 2026-11",
    });
    await poll(() => evidenceLink.count()).toBe(1);
    await supplier.getByRole("button", { name: "Mark met" }).click();
    await poll(() => supplier.getByTestId("obligation-status").innerText()).toBe("Met");
    await screenshot(supplier, "21-supplier-obligation-met-with-file");
    const fileUrl = (await evidenceLink.getAttribute("href")) ?? "";

    // The owner downloads the same bytes through the obligation; another asset owner gets 404.
    await owner.goto(portal(obligationUrl));
    const [download] = await Promise.all([
      owner.waitForEvent("download"),
      owner.getByRole("link", { name: "SUM qualification record 2026-11" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("SUM-record-Klaerwerk.pdf");
    const bytes = await owner.request.get(portal(fileUrl));
    expect(bytes.status()).toBe(200);
    expect(Buffer.from(await bytes.body())).toEqual(EVIDENCE);
    const history = await owner.getByTestId("obligation-history").innerText();
    // History in words: who (with their organisation when not the owner's), what, and statuses by their labels.
    expect(history).toContain("Anna Weber (Northwind Automation) added evidence");
    expect(history).toContain("changed the status: Open → Met");
    expect(history).not.toContain("in_progress");

    const stranger = await newPage(OTHER_OWNER);
    expect((await stranger.request.get(portal(fileUrl))).status()).toBe(404);
    expect((await stranger.goto(portal(obligationUrl)))?.status()).toBe(404);
    expect((await stranger.goto(portal(siteUrl)))?.status()).toBe(404);
    // The integrator may read the supplier's obligation (write grant) but the other supplier may not.
    const otherSupplier = await newPage("marco.rossi@helvetia-controls.example");
    expect((await otherSupplier.request.get(portal(fileUrl))).status()).toBe(404);
    for (const page of [owner, integrator, supplier, stranger, otherSupplier]) await page.context().close();
  });

  it("prints the site compliance report: zones, SL-T vs SL-A, matrix, gaps with reasons, countermeasures, obligations", async () => {
    const page = await newPage(OWNER);
    await page.goto(portal(siteUrl));
    await page.getByRole("link", { name: "Compliance report" }).click();
    await page.waitForURL(/\/report$/);
    await poll(() => page.getByRole("heading", { name: SITE }).isVisible()).toBe(true);
    const targets = await page.getByTestId("report-targets").innerText();
    for (const name of ["Plant DMZ", "Process Control", "Field I/O", "DMZ ↔ Control", "Control ↔ Field"]) {
      expect(targets).toContain(name);
    }
    expect(await page.getByTestId("report-countermeasures").innerText()).toContain(
      "I/O network reachable only from PLC-1",
    );
    const obligations = await page.getByTestId("report-obligations").innerText();
    expect(obligations).toContain("SUM qualification record 2026-11");
    expect(obligations).toContain("Met");
    // Every zone is compliant now; what is left is the conduit without a firewall, with the reason.
    expect(await page.getByTestId("report-gaps").count()).toBe(0);
    await poll(() =>
      page.getByText("Every zone reaches its SL-T; 1 of 2 conduits falls short of its SL-T.").isVisible(),
    ).toBe(true);
    const shortfalls = await page.getByTestId("report-shortfalls").innerText();
    expect(shortfalls).toContain("Conduit Control ↔ Field");
    expect(shortfalls).toContain("No assets on the conduit");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header").first().isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print or save as PDF" }).isVisible()).toBe(false);
    await screenshot(page, "22-owner-compliance-report-print");
    await page.context().close();
  });
});
