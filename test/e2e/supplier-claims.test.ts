import { describe, expect, inject, it } from "vitest";
import { screenshot, useDemoBrowser } from "../support/browser";

const SUPPLIER = "anna.weber@northwind.example";
const CUSTOMER = "lena.fischer@rheinwasser.example";
const STRANGER = "jonas.berzins@balticgrid.example";
const NAME = "NW-GW 900 Process Gateway";
const CERT_NO = "DE-62443-4-2-2026-0900";
const EVIDENCE = Buffer.from("%PDF-1.4\n% CB certificate DE-62443-4-2-2026-0900 (end-to-end test)\n%%EOF\n");

const { signedInPage: newPage } = useDemoBrowser();

const isoDay = (plusDays: number) => new Date(Date.now() + plusDays * 86_400_000).toISOString().slice(0, 10);
const portal = (path: string) => `${inject("portalUrl")}${path}`;

describe("a supplier's full publishing flow in the portal", () => {
  let certificationId = "";
  let componentId = "";

  it("records a certification and uploads its evidence file", async () => {
    const page = await newPage(SUPPLIER);
    await page.goto(portal("/components/certifications"));
    await page.getByRole("link", { name: "New certification" }).click();
    await page.waitForURL(/\/components\/certifications\/new$/);

    // Inline validation: an expiry before the issue date is flagged before anything is sent.
    await page.getByLabel("Issued").fill("2026-01-10");
    await page.getByLabel("Expires").fill("2025-01-10");
    await page.getByLabel("Expires").blur();
    await expect.poll(() => page.getByText("expiry cannot be before the issue date").isVisible()).toBe(true);

    await page.getByLabel("Scheme").fill("IECEE CB Scheme (IEC 62443)");
    await page.getByLabel("Certification body").fill("TÜV SÜD Product Service GmbH");
    await page.getByLabel("Certificate number").fill(CERT_NO);
    await page.getByLabel("Expires").fill(isoDay(45));
    await page
      .getByLabel("Upload a document")
      .setInputFiles({ name: "CB-certificate-GW900.pdf", mimeType: "application/pdf", buffer: EVIDENCE });
    await expect
      .poll(() => page.getByRole("link", { name: "CB-certificate-GW900.pdf" }).isVisible(), {
        timeout: 20_000,
      })
      .toBe(true);
    await screenshot(page, "10-supplier-certification");
    await page.getByRole("button", { name: "Save certification" }).click();
    await page.waitForURL(/\/components\/certifications\/[0-9a-z]{26}\?created=1/);
    certificationId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await expect.poll(() => page.getByTestId("certification-state").innerText()).toContain("Expiring soon");
    await page.context().close();
  });

  it("creates a component with versions and a per-requirement claim; the engine flags the inconsistency live", async () => {
    const page = await newPage(SUPPLIER);
    await page.goto(portal("/components/new"));
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Product line").fill("NW-GW 900 series");
    await page.getByLabel("Component type (IEC 62443-4-2)").selectOption("NDR");
    await page.getByLabel("Model numbers").fill("GW900-2P, GW900-4P");

    await page.getByRole("button", { name: "Add version" }).click();
    await page.getByLabel("Version 1", { exact: true }).fill("1.0.0");
    await page.getByLabel("Release date of version 1").fill("2025-09-01");
    await page.getByRole("button", { name: "Add version" }).click();
    await page.getByLabel("Version 2", { exact: true }).fill("1.1.0");
    await page.getByLabel("Release date of version 2").fill("2026-03-01");
    await page.getByLabel("Version 2 supersedes").selectOption("1.0.0");

    await page.getByLabel("Versions covered").fill(">= 1.0");
    await page.getByTestId("slc-fr1").selectOption("2");
    await page.getByLabel("Assurance basis").selectOption("certified");
    await page.getByLabel("Certification", { exact: true }).selectOption(certificationId);

    await page.getByLabel(/List per-requirement results/).check();
    const fr1 = page.getByTestId("claim0-fr1");
    await fr1.locator("summary").click();
    await fr1.getByRole("button", { name: "Mark rows up to SL1 met" }).click();
    // Declared SL2 but only the SL1 rows are met: derived SL1, flagged before publishing.
    await expect.poll(() => page.getByTestId("claim0-derived-fr1").innerText()).toBe("derived SL1");
    await expect.poll(() => page.getByTestId("claim-inconsistencies").isVisible()).toBe(true);
    await screenshot(page, "11-supplier-claim-inconsistent");
    await fr1.getByRole("button", { name: "Mark rows up to SL2 met" }).click();
    await expect.poll(() => page.getByTestId("claim0-derived-fr1").innerText()).toBe("derived SL2");
    await expect.poll(() => page.getByTestId("claim-inconsistencies").count()).toBe(0);

    await page.getByRole("button", { name: "Add assumption" }).click();
    await page
      .getByLabel("Assumption 1", { exact: true })
      .fill("Deploy behind the plant firewall; the gateway does not filter OT traffic.");

    await page.getByLabel("Restricted to named customers (NDA)").check();
    await page.getByLabel("Customer tenant slug").fill("no-such-customer");
    await page.getByRole("button", { name: "Add customer" }).click();
    await expect
      .poll(() => page.getByText('No tenant with the slug "no-such-customer".').isVisible())
      .toBe(true);
    await page.getByLabel("Customer tenant slug").fill("rheinwasser");
    await page.getByRole("button", { name: "Add customer" }).click();
    await expect.poll(() => page.getByText("Rheinwasser Utilities (rheinwasser)").isVisible()).toBe(true);
    await screenshot(page, "12-supplier-new-component-claims");

    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/components\/[0-9a-z]{26}\?created=1/);
    componentId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await page.getByRole("button", { name: "Publish claim" }).click();
    await expect.poll(() => page.getByText("Published. Other tenants now see").isVisible()).toBe(true);
    await page.context().close();
  });

  it("the named customer sees the claim, the expiring certification and downloads the evidence", async () => {
    const page = await newPage(CUSTOMER);
    const res = await page.goto(portal(`/catalog/${componentId}`));
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole("heading", { name: NAME }).isVisible()).toBe(true);
    expect(await page.getByText("Shared with your organisation under NDA").isVisible()).toBe(true);
    expect(await page.getByTestId("certification-state").innerText()).toContain("Expiring soon");
    expect(await page.getByTestId("security-context").innerText()).toContain(
      "Deploy behind the plant firewall",
    );
    expect(await page.getByTestId("versions-table").innerText()).toContain("1.1.0");
    const link = page.getByRole("link", { name: "CB-certificate-GW900.pdf" });
    const download = await page.request.get(portal((await link.getAttribute("href")) ?? ""));
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body())).toEqual(EVIDENCE);
    await screenshot(page, "13-customer-restricted-component");

    await page.goto(portal("/catalog?q=GW+900"));
    await expect.poll(() => page.getByRole("link", { name: NAME }).count()).toBe(1);

    // The catalog marks verified suppliers, filters on them, and flags certificates that need attention.
    await page.goto(portal("/catalog"));
    const table = page.getByTestId("catalog-table");
    await expect
      .poll(() => table.getByRole("row", { name: /HC Industrial Firewall IF-300/ }).count())
      .toBe(1);
    const plc = table.getByRole("row", { name: /NW-PLC 5200 Controller/ });
    expect(await plc.innerText()).toContain("certificate expiring soon");
    await page.getByLabel("Verified suppliers only").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/verifiedOnly=true/);
    await expect
      .poll(() => table.getByRole("row", { name: /HC Industrial Firewall IF-300/ }).count())
      .toBe(0);
    expect(await table.getByRole("row", { name: /NW-PLC 5200 Controller/ }).count()).toBe(1);
    await screenshot(page, "15-customer-catalog-verified-only");
    await page.context().close();
  });

  it("every other tenant gets 404, by id, in search and for the evidence", async () => {
    for (const email of [STRANGER, "marco.rossi@helvetia-controls.example"]) {
      const page = await newPage(email);
      expect((await page.goto(portal(`/catalog/${componentId}`)))?.status()).toBe(404);
      expect((await page.goto(portal(`/catalog/${componentId}/revisions`)))?.status()).toBe(404);
      await page.goto(portal("/catalog?q=GW+900"));
      expect(await page.getByText(NAME).count()).toBe(0);
      await page.context().close();
    }
  });

  it("a revision makes revision 2, and the history shows what changed", async () => {
    const page = await newPage(SUPPLIER);
    await page.goto(portal(`/components/${componentId}`));
    await page.getByTestId("slc-fr7").selectOption("2");
    // Publish releases the saved draft: with an unsaved edit it says to save first instead of publishing the old one.
    await expect.poll(() => page.getByTestId("publish-save-first").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Publish claim" }).isDisabled()).toBe(true);
    expect(await page.getByText("Draft · unsaved changes").isVisible()).toBe(true);
    // Leaving by a portal link asks first; dismissing the question keeps the page and the edit.
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("link", { name: "My components" }).first().click();
    expect(new URL(page.url()).pathname).toBe(`/components/${componentId}`);
    await screenshot(page, "14a-supplier-unsaved-changes");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => page.getByText("Draft saved.").isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole("button", { name: "Publish claim" }).isEnabled(), { timeout: 20_000 })
      .toBe(true);
    await page.getByRole("button", { name: "Publish claim" }).click();
    await expect.poll(() => page.getByText("Published. Other tenants now see").isVisible()).toBe(true);
    await page.goto(portal(`/catalog/${componentId}/revisions`));
    await expect.poll(() => page.getByTestId("diff-table").isVisible()).toBe(true);
    expect(await page.getByTestId("diff-table").innerText()).toContain("Claim 1 › SL-C FR7");
    expect(await page.getByTestId("revisions-table").innerText()).toContain("superseded");
    await screenshot(page, "14-supplier-revision-diff");
    // The supplier's own view of the published claims shows the certification and its state too.
    await page.goto(portal(`/catalog/${componentId}`));
    await expect.poll(() => page.getByTestId("certification-state").innerText()).toContain("Expiring soon");
    await page.context().close();
  });

  it("withdraws the component: the customer sees it marked withdrawn, and it leaves the catalog", async () => {
    const page = await newPage(SUPPLIER);
    await page.goto(portal(`/components/${componentId}`));
    await expect.poll(() => page.getByRole("heading", { name: "History" }).isVisible()).toBe(true);
    await screenshot(page, "16-supplier-component-page");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Withdraw" }).click();
    await expect
      .poll(() => page.getByText("Withdrawn. The component left the catalog").isVisible())
      .toBe(true);
    await page.context().close();

    const customer = await newPage(CUSTOMER);
    await customer.goto(portal(`/catalog/${componentId}`));
    await expect
      .poll(() => customer.getByText("The supplier withdrew this component").isVisible())
      .toBe(true);
    await customer.goto(portal("/catalog?q=GW+900"));
    expect(await customer.getByRole("link", { name: NAME }).count()).toBe(0);
    await customer.context().close();
  });
});
