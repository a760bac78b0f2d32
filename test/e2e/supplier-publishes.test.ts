import { describe, expect, inject, it } from "vitest";
import { screenshot, useDemoBrowser } from "../support/browser";

const SUPPLIER = "anna.weber@northwind.example";
const ASSET_OWNER = "lena.fischer@rheinwasser.example";
const OTHER_SUPPLIER = "marco.rossi@helvetia-controls.example";
const NAME = "NW-RTU 310 Remote Terminal Unit";

const { signedInPage: newPage } = useDemoBrowser();

describe("first vertical slice: a supplier publishes, an asset owner finds it", () => {
  let componentUrlPath = "";

  it("a supplier creates a component with an SL-C vector; other tenants cannot see the draft", async () => {
    const page = await newPage(SUPPLIER);
    await page.goto(`${inject("portalUrl")}/components/new`);

    // Inline validation: a one-letter name is flagged before anything is sent.
    await page.getByLabel("Name", { exact: true }).fill("X");
    await page.getByLabel("Name", { exact: true }).blur();
    await expect.poll(() => page.getByText("name must have at least 2 characters").isVisible()).toBe(true);

    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Product line").fill("NW-RTU 300 series");
    await page.getByLabel("Component type (IEC 62443-4-2)").selectOption("EDR");
    await page.getByLabel("Model numbers").fill("RTU310-A, RTU310-B");
    const levels = [3, 3, 2, 2, 3, 1, 2];
    for (const [i, level] of levels.entries()) {
      await page.getByTestId(`slc-fr${i + 1}`).selectOption(String(level));
    }
    await screenshot(page, "01-supplier-new-component");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/components\/[0-9a-z]{26}\?created=1/);
    componentUrlPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByText("Draft created.").isVisible()).toBe(true);

    const id = componentUrlPath.split("/").pop();
    for (const email of [ASSET_OWNER, OTHER_SUPPLIER]) {
      const other = await newPage(email);
      const res = await other.goto(`${inject("portalUrl")}/catalog/${id}`);
      expect(res?.status()).toBe(404);
      await other.goto(`${inject("portalUrl")}/catalog?q=RTU+310`);
      expect(await other.getByText(NAME).count()).toBe(0);
      await other.context().close();
    }

    await page.getByRole("button", { name: "Publish claim" }).click();
    await expect.poll(() => page.getByText("Published. Other tenants now see").isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByText("published", { exact: true }).first().isVisible()).toBe(true);
    await screenshot(page, "02-supplier-published");
    await page.context().close();
  });

  it("an asset owner of another tenant finds it by search and filters, and opens its SL-C chart", async () => {
    const page = await newPage(ASSET_OWNER);
    expect(new URL(page.url()).pathname).toBe("/sites");
    await page.getByRole("link", { name: "Catalog" }).click();
    await page.getByLabel("Search").fill("RTU 310");
    await page.getByLabel("Component type").selectOption("EDR");
    await page.getByRole("combobox", { name: /FR1 IAC/ }).selectOption("3");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/fr1=3/);
    const row = page.getByTestId("catalog-table").getByRole("row", { name: new RegExp(NAME) });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(async () => (await row.innerText()).includes("Verified supplier")).toBe(true);

    // A stricter filter excludes it (FR6 is only SL 1).
    await page.getByRole("combobox", { name: /FR6 TRE/ }).selectOption("2");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/fr6=2/);
    expect(await page.getByText(NAME).count()).toBe(0);
    await page.goBack();
    await screenshot(page, "03-asset-owner-catalog");

    await page.getByRole("link", { name: NAME }).click();
    await page.waitForURL(/\/catalog\/[0-9a-z]{26}$/);
    await expect.poll(() => page.getByRole("heading", { name: NAME }).isVisible()).toBe(true);
    await expect
      .poll(() => page.locator("[data-testid=sl-chart] svg .recharts-bar-rectangle").count())
      .toBeGreaterThanOrEqual(7);
    const figureText = await page.locator("figure figcaption").innerText();
    expect(figureText).toContain("FR1 3, FR2 3, FR3 2, FR4 2, FR5 3, FR6 1, FR7 2");
    await screenshot(page, "04-asset-owner-component-page");
    await page.context().close();
  });

  it("a user in two tenants switches tenant and sees what the new tenant sees", async () => {
    const page = await newPage(ASSET_OWNER);
    await page.goto(`${inject("portalUrl")}/sites`);
    await expect.poll(() => page.getByText("Waterworks Kaiserau").isVisible()).toBe(true);
    await page.getByTestId("tenant-switcher").selectOption({ label: "Baltic Grid Energy (viewer)" });
    await expect
      .poll(() => page.getByText("Plants of Baltic Grid Energy").isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await page.getByText("Waterworks Kaiserau").count()).toBe(0);
    await screenshot(page, "05-tenant-switched");
    await page.context().close();
  });
});
