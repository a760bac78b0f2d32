import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { DEMO_PASSWORD } from "../../functions/src/local/demo-data";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with the flags this sandbox needs (Playwright gives it a fresh profile). */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * One browser for a test file (launched before its tests, closed after) and fresh pages signed in as demo users
 * (1280 × 900 unless a test asks for another viewport, each in its own context so sessions do not mix).
 */
export function useDemoBrowser() {
  let launched: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
  });
  return {
    async signedInPage(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
      if (!launched) throw new Error("useDemoBrowser(): the browser is launched in beforeAll");
      const context = await launched.browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, email, DEMO_PASSWORD);
      return page;
    },
  };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${inject("portalUrl")}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(inject("artifactsDir"), `${name}.png`), fullPage: true });
}
