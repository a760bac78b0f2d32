import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { screenshot, useDemoBrowser } from "../support/browser";

// Every persona's pages at a phone's width (390 px): nothing scrolls sideways and the whole navigation, the
// tenant and the account stay reachable through the header's menu. At 1,366 px the header keeps one line.

const { signedInPage } = useDemoBrowser();
const portal = (path: string) => `${inject("portalUrl")}${path}`;
const PHONE = { width: 390, height: 844 };

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Text a person can read that was written for machines: a raw id or a schema library's default message. */
const MACHINE_TEXT = [/\b[0-9a-z]{26}\b/, /Too (small|big): expected/, /Invalid (input|ISO|option|string)/];
async function machineText(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return MACHINE_TEXT.flatMap((pattern) => {
    const found = pattern.exec(text);
    return found ? [text.slice(Math.max(0, found.index - 40), found.index + found[0].length + 20)] : [];
  });
}

const personas = [
  {
    who: "supplier",
    email: "anna.weber@northwind.example",
    pages: [
      "/catalog",
      "/components",
      "/components/certifications",
      "/advisories",
      "/obligations",
      "/settings",
      "/inbox",
    ],
    menu: ["My components", "Certifications", "Obligations", "Settings"],
  },
  {
    who: "asset owner",
    email: "lena.fischer@rheinwasser.example",
    pages: ["/sites", "/advisories", "/obligations", "/settings", "/inbox"],
    menu: ["Sites", "Advisories", "Obligations", "Settings"],
  },
  {
    who: "integrator",
    email: "sam.okafor@vantage-si.example",
    pages: ["/shared-sites", "/obligations", "/catalog"],
    menu: ["Shared sites", "Obligations"],
  },
  {
    who: "operator",
    email: "ops@assure.example",
    pages: ["/operator", "/advisories", "/catalog"],
    menu: ["Operator", "Advisories"],
  },
];

describe("at 390 px", () => {
  it.each(personas)(
    "the $who's pages fit the width and the menu opens",
    async ({ who, email, pages, menu }) => {
      const page = await signedInPage(email, PHONE);
      for (const path of pages) {
        await page.goto(portal(path));
        expect({ path, overflow: await overflow(page) }).toEqual({ path, overflow: 0 });
        expect({ path, machineText: await machineText(page) }).toEqual({ path, machineText: [] });
      }
      const toggle = page.getByRole("button", { name: "Menu", exact: true });
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const label of menu) expect(await nav.getByRole("link", { name: label }).isVisible()).toBe(true);
      expect(await page.getByRole("button", { name: /Account menu/ }).isVisible()).toBe(true);
      await screenshot(page, `90-phone-menu-${who.replace(" ", "-")}`);
      // The menu takes the person where they chose and closes behind them.
      await nav.getByRole("link", { name: menu[0] }).click();
      await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await overflow(page)).toBe(0);
      await page.context().close();
    },
  );

  it("the asset owner's site, zone and report pages fit the width", async () => {
    const page = await signedInPage("lena.fischer@rheinwasser.example", PHONE);
    await page.goto(portal("/sites"));
    await page.getByRole("link", { name: "Waterworks Kaiserau" }).first().click();
    await page.waitForURL(/\/sites\/[0-9a-z]{26}$/);
    const site = page.url();
    expect(await overflow(page)).toBe(0);
    for (const sub of ["", "/obligations", "/sharing", "/report"]) {
      await page.goto(`${site}${sub}`);
      expect({ sub, overflow: await overflow(page) }).toEqual({ sub, overflow: 0 });
      expect({ sub, machineText: await machineText(page) }).toEqual({ sub, machineText: [] });
    }
    await page.goto(site);
    const zoneLink = page.getByTestId("zones-table").getByRole("link").first();
    await zoneLink.click();
    await page.waitForURL(/\/zones\//);
    expect(await overflow(page)).toBe(0);
    expect(await machineText(page)).toEqual([]);
    await screenshot(page, "91-phone-zone");
    await page.context().close();
  });
});

describe("at 1,366 px", () => {
  it.each(personas)("the $who's pages show no ids or schema messages", async ({ email, pages }) => {
    const page = await signedInPage(email, { width: 1366, height: 900 });
    for (const path of pages) {
      await page.goto(portal(path));
      expect({ path, machineText: await machineText(page) }).toEqual({ path, machineText: [] });
    }
    await page.context().close();
  });

  it("the header stays on one line with the supplier's name", async () => {
    const page = await signedInPage("anna.weber@northwind.example", { width: 1366, height: 900 });
    await page.goto(portal("/catalog"));
    expect(await page.getByRole("button", { name: "Menu", exact: true }).isVisible()).toBe(false);
    const tenant = await page.getByTestId("current-tenant").boundingBox();
    const inbox = await page.getByTestId("inbox-link").boundingBox();
    // One line: the tenant's name is no taller than the inbox link beside it.
    expect(tenant?.height ?? 0).toBeLessThanOrEqual((inbox?.height ?? 0) + 2);
    await screenshot(page, "92-wide-header-supplier");
    await page.context().close();
  });
});
