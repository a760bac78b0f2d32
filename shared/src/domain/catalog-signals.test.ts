import { describe, expect, it } from "vitest";
import { listAdvisoryProducts, type TAdvisoryProduct } from "../advisory/list-advisory-products";
import { buildSupplierCsaf, ZAuthoredAdvisoryInput } from "./advisory-authoring";
import {
  advisoryAudience,
  canReadAudience,
  certificationWindow,
  componentAdvisoryStatus,
  headlineCertification,
  isWithinWindow,
  NO_EXPIRY,
  type TComponentAdvisoryStatus,
} from "./catalog-signals";
import type { TClaim } from "./claim";

const COMPONENT_ID = "01jzzzzzzzzzzzzzzzzzzzzzzz";

/** The products of a one-product advisory: `affected` versions known_affected, `fixed` (if any) fixed. */
function productsFor(affected: string, fixed?: string): TAdvisoryProduct[] {
  const { document } = buildSupplierCsaf({
    advisory: ZAuthoredAdvisoryInput.parse({
      title: "Web server denial of service",
      summary: "A crafted request stops the web server.",
      products: [
        { componentId: COMPONENT_ID, affectedVersions: affected, ...(fixed ? { fixedVersion: fixed } : {}) },
      ],
      vulnerabilities: [
        {
          cve: "CVE-2026-40001",
          title: "Denial of service",
          description: "A crafted request stops the web server.",
          cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
        },
      ],
    }),
    components: [
      { id: COMPONENT_ID, vendor: "Acme Controls", name: "AC-PLC 300", identifiers: { modelNumbers: [] } },
    ],
    publisher: { name: "Acme PSIRT", namespace: "https://acme.example" },
    trackingId: "ACME-2026-1",
    history: [],
    now: "2026-03-01T00:00:00.000Z",
  });
  return listAdvisoryProducts(document);
}

/** The same products with every status replaced (e.g. under_investigation). */
const withStatus = (products: TAdvisoryProduct[], status: "under_investigation" | "known_not_affected") =>
  products.map((p) => ({ ...p, statuses: p.statuses.map((s) => ({ ...s, status })) }));

const versions = (...list: string[]) => list.map((version) => ({ version }));

describe("componentAdvisoryStatus: an advisory's status for a catalog component", () => {
  const cases: {
    name: string;
    state: "active" | "review" | "rejected";
    products: TAdvisoryProduct[];
    versions: { version: string }[];
    status: TComponentAdvisoryStatus;
    version: string | null;
  }[] = [
    {
      name: "the newest version is in the affected range",
      state: "active",
      products: productsFor("<2.6.0", "2.6.0"),
      versions: versions("2.4.0", "2.5.0"),
      status: "open",
      version: "2.5.0",
    },
    {
      name: "the newest version carries the fix, an older one is affected",
      state: "active",
      products: productsFor("<2.5.0", "2.5.0"),
      versions: versions("2.5.0", "2.4.0"),
      status: "fixed",
      version: "2.5.0",
    },
    {
      name: "no published version is in the affected range",
      state: "active",
      products: productsFor("<1.0.0", "1.0.0"),
      versions: versions("2.4.0", "2.5.0"),
      status: "not_affected",
      version: "2.5.0",
    },
    {
      name: "no versions listed, the product is affected",
      state: "active",
      products: productsFor("<3.0"),
      versions: [],
      status: "open",
      version: null,
    },
    {
      name: "no versions listed, the product is under investigation",
      state: "active",
      products: withStatus(productsFor("<3.0"), "under_investigation"),
      versions: [],
      status: "review",
      version: null,
    },
    {
      name: "no versions listed, the product is not affected",
      state: "active",
      products: withStatus(productsFor("<3.0"), "known_not_affected"),
      versions: [],
      status: "not_affected",
      version: null,
    },
    {
      name: "the newest version is under investigation",
      state: "active",
      products: withStatus(productsFor("<3.0"), "under_investigation"),
      versions: versions("2.0"),
      status: "review",
      version: "2.0",
    },
    {
      name: "an ambiguous match nobody confirmed",
      state: "review",
      products: productsFor("<3.0"),
      versions: versions("2.0"),
      status: "review",
      version: null,
    },
    {
      name: "a match the supplier rejected",
      state: "rejected",
      products: productsFor("<3.0"),
      versions: versions("2.0"),
      status: "rejected",
      version: null,
    },
  ];
  it.each(cases)("$name → $status", (c) => {
    const decided = componentAdvisoryStatus({ state: c.state, products: c.products }, c.versions);
    expect(decided.status).toBe(c.status);
    expect(decided.version).toBe(c.version);
    expect(decided.reason.length).toBeGreaterThan(10);
  });

  it("decides for the newest version by version order, not by list order", () => {
    const products = productsFor("<2.5.0", "2.5.0");
    expect(componentAdvisoryStatus({ state: "active", products }, versions("2.5.0", "2.4.0")).version).toBe(
      "2.5.0",
    );
    expect(componentAdvisoryStatus({ state: "active", products }, versions("2.4.0", "2.5.0")).status).toBe(
      "fixed",
    );
  });
});

describe("advisory audience", () => {
  const supplier = "01jsupplierxxxxxxxxxxxxxxx";
  const named = "01jnamedxxxxxxxxxxxxxxxxxx";
  it.each([
    [{ kind: "public" as const }, { kind: "platform" as const }, ["*"]],
    [
      { kind: "restricted" as const, tenantIds: [named] },
      { kind: "supplier" as const, tenantId: supplier },
      [named, supplier].sort(),
    ],
    [{ kind: "restricted" as const, tenantIds: [] }, { kind: "platform" as const }, []],
  ])("visibility %j of owner %j → %j", (visibility, owner, audience) => {
    expect(advisoryAudience({ visibility, owner })).toEqual(audience);
  });
  it("lets everyone read `*` and only the listed tenants otherwise", () => {
    expect(canReadAudience(["*"], named)).toBe(true);
    expect(canReadAudience([supplier], named)).toBe(false);
    expect(canReadAudience([named], named)).toBe(true);
  });
});

describe("certification window of the headline claim", () => {
  const certified: TClaim = {
    versionRange: "*",
    slC: [2, 2, 2, 2, 2, 2, 2],
    basis: "certified",
    certificationId: "01jcertxxxxxxxxxxxxxxxxxxx",
    securityContext: [],
  };
  const published = { versions: [], claims: [certified] };
  const cert = (status: "valid" | "revoked" | "suspended", expires?: string) =>
    new Map([
      [certified.certificationId!, { id: certified.certificationId!, status, issued: "2025-01-01", expires }],
    ]);

  it.each([
    [
      "valid until a date",
      cert("valid", "2026-06-30"),
      "2026-06-30",
      ["2026-06-30"],
      ["2026-07-01", "2024-12-31"],
    ],
    ["valid without expiry", cert("valid"), NO_EXPIRY, ["2030-01-01"], ["2024-12-31"]],
  ])("%s: inside on %j, outside on %j", (_name, certs, until, inside, outside) => {
    const window = certificationWindow(published, certs);
    expect(window).toEqual({
      certificationId: certified.certificationId,
      validFrom: "2025-01-01",
      validUntil: until,
    });
    for (const day of inside) expect(isWithinWindow(window, day)).toBe(true);
    for (const day of outside) expect(isWithinWindow(window, day)).toBe(false);
  });

  it.each([
    ["revoked", cert("revoked", "2027-01-01")],
    ["suspended", cert("suspended")],
    ["missing", new Map()],
  ])("has no window when the certificate is %s", (_name, certs) => {
    expect(certificationWindow(published, certs)).toBeUndefined();
  });

  it("has no window when the headline claim is not certified, even if a certificate is named", () => {
    const assessed = { versions: [], claims: [{ ...certified, basis: "third_party_assessed" as const }] };
    expect(certificationWindow(assessed, cert("valid"))).toBeUndefined();
    expect(headlineCertification(assessed, cert("valid"), "2026-01-01")).toBeNull();
  });

  it("reports the state on a date for the catalog column", () => {
    expect(headlineCertification(published, cert("valid", "2026-06-30"), "2026-06-01")).toMatchObject({
      state: "expiring_soon",
      expires: "2026-06-30",
    });
    expect(headlineCertification(published, cert("valid", "2026-06-30"), "2026-07-01")?.state).toBe(
      "expired",
    );
    expect(headlineCertification(published, cert("revoked"), "2026-01-01")?.state).toBe("revoked");
  });
});
