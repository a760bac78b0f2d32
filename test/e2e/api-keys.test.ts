import { describe, expect, inject, it } from "vitest";
import { screenshot, useDemoBrowser } from "../support/browser";

/**
 * A supplier's CI gets an API key from the portal: created in Settings, its secret shown once, usable
 * against the API at once, and refused as soon as it is revoked.
 */
const SUPPLIER = "marco.rossi@helvetia-controls.example";
const KEY_NAME = "GitLab release pipeline";

const { signedInPage } = useDemoBrowser();

const callApi = (secret: string) =>
  fetch(`${inject("apiUrl")}/v1/components?limit=5`, { headers: { authorization: `Bearer ${secret}` } });

describe("API keys in the portal", () => {
  it("a supplier creates a key shown once, the API accepts it, and refuses it once revoked", async () => {
    const page = await signedInPage(SUPPLIER);
    await page.goto(`${inject("portalUrl")}/settings`);
    await page.getByLabel("Name", { exact: true }).fill(KEY_NAME);
    await page.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByTestId("api-key-secret");
    await expect.poll(() => shown.innerText(), { timeout: 20_000 }).toMatch(/\S{20,}/);
    const secret = (await shown.innerText()).trim();
    await screenshot(page, "05a-supplier-api-key-shown-once");
    await page.getByRole("button", { name: "I have copied it" }).click();
    expect(await page.getByTestId("api-key-secret").count()).toBe(0);

    const row = page.getByRole("row", { name: new RegExp(KEY_NAME) });
    await expect.poll(() => row.innerText()).toContain("active");
    // The page keeps only the key's prefix, never the secret.
    expect(await page.content()).not.toContain(secret);
    expect((await callApi(secret)).status).toBe(200);

    await row.getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain("revoked");
    const refused = await callApi(secret);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    await page.context().close();
  });
});
