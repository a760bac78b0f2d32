import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, useDemoBrowser } from "../support/browser";

// Keyboard focus must be visible on every control: tab through forms and check the focused element's outline
// (solid, at least 2 px, and a colour that stands out against the page: contrast 3:1 or more, WCAG 2.4.11).

const { signedInPage } = useDemoBrowser();
const portal = (path: string) => `${inject("portalUrl")}${path}`;

function luminance([r, g, b]: number[]): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
}
const contrast = (a: number[], b: number[]) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/** The focused element's outline, and the colour of the page behind it (the nearest opaque background). */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    // Colours come back in any CSS syntax (Tailwind's are oklch): paint one pixel to read it as RGBA.
    const canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
    const rgb = (value: string) => {
      if (!canvas) return [];
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = value;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      return a === 0 ? [] : a === 255 ? [r ?? 0, g ?? 0, b ?? 0] : [r ?? 0, g ?? 0, b ?? 0, (a ?? 0) / 255];
    };
    let behind = element.parentElement;
    let background = [255, 255, 255];
    while (behind) {
      const color = rgb(getComputedStyle(behind).backgroundColor);
      if (color.length === 3) {
        background = color.slice(0, 3);
        break;
      }
      behind = behind.parentElement;
    }
    return {
      label: `${element.tagName.toLowerCase()} ${element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 40) ?? ""}`,
      style: style.outlineStyle,
      width: Number.parseFloat(style.outlineWidth),
      color: rgb(style.outlineColor).slice(0, 3),
      background,
    };
  });
}

async function tabThrough(page: Page, stops: number) {
  const seen: string[] = [];
  for (let i = 0; i < stops; i += 1) {
    await page.keyboard.press("Tab");
    const ring = await focusRing(page);
    if (!ring) continue;
    seen.push(ring.label);
    expect({ control: ring.label, style: ring.style }).toEqual({ control: ring.label, style: "solid" });
    expect(ring.width, ring.label).toBeGreaterThanOrEqual(2);
    expect(contrast(ring.color, ring.background), ring.label).toBeGreaterThanOrEqual(3);
  }
  return seen;
}

describe("keyboard focus is visible", () => {
  it("on the sign-in form, its primary button included", async () => {
    const { browser, close } = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(portal("/login"));
    const seen = await tabThrough(page, 4);
    expect(seen.some((label) => label.startsWith("button Sign in"))).toBe(true);
    await page.getByRole("button", { name: "Sign in" }).focus();
    await screenshot(page, "93-focus-sign-in-button");
    await close();
  });

  it("on a supplier's component form and the header", async () => {
    const page = await signedInPage("anna.weber@northwind.example");
    await page.goto(portal("/components/new"));
    const seen = await tabThrough(page, 25);
    expect(seen.length).toBeGreaterThan(10);
    await page.context().close();
  });
});
