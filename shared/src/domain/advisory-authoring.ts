import { z } from "zod";
import { parseVersionRange } from "../advisory/version-range";
import { severityOf } from "./advisory";
import { ZId } from "./ids";
import { multiLine, singleLine } from "./text";

/**
 * Advisories a supplier writes in the portal for its own components, and the CSAF 2.0 document built from
 * them (csaf_security_advisory profile). The document is what is stored, served and validated; this module is
 * pure so the browser can preview the same document the API stores.
 */

// --- CVSS 3.1 base score (FIRST specification, section 7.1) ----------------------------------------------

const CVSS_WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
} as const;

const CVSS_VECTOR =
  /^CVSS:3\.[01]\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[HLN]\/I:[HLN]\/A:[HLN]$/;

/** CVSS 3.x round-up to one decimal, as specified (avoids floating-point artefacts). */
function roundUp(value: number): number {
  const int = Math.round(value * 100000);
  return int % 10000 === 0 ? int / 100000 : (Math.floor(int / 10000) + 1) / 10;
}

/** The base score of a CVSS 3.0/3.1 base vector, or null when the vector is not a complete base vector. */
export function cvss3BaseScore(vector: string): number | null {
  if (!CVSS_VECTOR.test(vector)) return null;
  const m = Object.fromEntries(
    vector
      .split("/")
      .slice(1)
      .map((part) => part.split(":") as [string, string]),
  );
  const scope = m.S === "C" ? "C" : "U";
  const pr = m.PR === "N" ? 0.85 : m.PR === "L" ? (scope === "C" ? 0.68 : 0.62) : scope === "C" ? 0.5 : 0.27;
  const weight = <K extends keyof typeof CVSS_WEIGHTS>(k: K) =>
    (CVSS_WEIGHTS[k] as Record<string, number>)[m[k] ?? ""] ?? 0;
  const iss = 1 - (1 - weight("C")) * (1 - weight("I")) * (1 - weight("A"));
  const impact = scope === "U" ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * weight("AV") * weight("AC") * pr * weight("UI");
  if (impact <= 0) return 0;
  return scope === "U"
    ? roundUp(Math.min(impact + exploitability, 10))
    : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

// --- What the supplier writes ----------------------------------------------------------------------------

export const AUTHORING_TLP = ["WHITE", "GREEN", "AMBER", "RED"] as const;

export const ZAuthoredVulnerability = z.object({
  cve: z
    .string()
    .trim()
    .regex(/^CVE-\d{4}-\d{4,}$/, "a CVE id looks like CVE-2026-12345")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  title: singleLine("Title").min(3, "give the vulnerability a title").max(200),
  description: multiLine("Description")
    .min(10, "describe the vulnerability in at least 10 characters")
    .max(4000),
  cvssVector: z
    .string()
    .trim()
    .regex(CVSS_VECTOR, "a CVSS 3.1 base vector, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type TAuthoredVulnerability = z.infer<typeof ZAuthoredVulnerability>;

export const ZAuthoredProduct = z.object({
  componentId: ZId,
  /** Affected versions: a `vers:` range or CISA-style text ("<2.4.1", ">=2.0 <2.4.1", "All versions"). */
  affectedVersions: singleLine("Affected versions")
    .min(1, "name the affected versions")
    .max(200)
    .refine((value) => parseVersionRange(value) !== null, {
      message: 'not a version range this portal can read, e.g. "<2.4.1" or "vers:generic/>=2.0|<2.4.1"',
    }),
  /** The first fixed version, when there is one. */
  fixedVersion: singleLine("Fixed version")
    .max(64)
    .regex(/^[^<>=|*\s][^<>=|*]*$/, "a single version, e.g. 2.4.1")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type TAuthoredProduct = z.infer<typeof ZAuthoredProduct>;

export const AUTHORING_REMEDIATION_CATEGORIES = [
  "vendor_fix",
  "mitigation",
  "workaround",
  "no_fix_planned",
  "none_available",
] as const;

export const ZAuthoredRemediation = z.object({
  category: z.enum(AUTHORING_REMEDIATION_CATEGORIES),
  details: multiLine("Details").min(5, "say what to do").max(2000),
  url: z
    .url({ protocol: /^https?$/, error: "a link starts with http:// or https://" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type TAuthoredRemediation = z.infer<typeof ZAuthoredRemediation>;

export const ZAuthoredAdvisoryInput = z
  .object({
    title: singleLine("Title").min(5, "give the advisory a title of at least 5 characters").max(200),
    summary: multiLine("Summary").min(10, "summarise the advisory in at least 10 characters").max(4000),
    tlp: z.enum(AUTHORING_TLP).default("WHITE"),
    /** For TLP other than WHITE: the tenants allowed to read it. */
    restrictedTo: z.array(ZId).max(100).default([]),
    products: z.array(ZAuthoredProduct).min(1, "name at least one of your components").max(50),
    vulnerabilities: z.array(ZAuthoredVulnerability).min(1, "describe at least one vulnerability").max(50),
    remediations: z.array(ZAuthoredRemediation).max(20).default([]),
    /** Why this revision (revision history); defaults to "Initial release" / "Update". */
    changeSummary: singleLine("Change summary").max(500).optional(),
  })
  .superRefine((input, ctx) => {
    const cves = input.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : []));
    cves.forEach((cve, i) => {
      if (cves.indexOf(cve) !== i)
        ctx.addIssue({ code: "custom", path: ["vulnerabilities"], message: `${cve} is listed twice` });
    });
    const ids = input.products.map((p) => p.componentId);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({
          code: "custom",
          path: ["products", i, "componentId"],
          message: "this component is listed twice",
        });
    });
  });
export type TAuthoredAdvisoryInput = z.input<typeof ZAuthoredAdvisoryInput>;
export type TAuthoredAdvisory = z.output<typeof ZAuthoredAdvisoryInput>;

export interface TAuthoringComponent {
  id: string;
  vendor: string;
  name: string;
  identifiers: { purl?: string | undefined; cpe?: string | undefined; modelNumbers: string[] };
}

export interface TRevisionEntry {
  number: string;
  date: string;
  summary: string;
}

/**
 * The CSAF 2.0 document of an authored advisory. Product ids are `CSAFPID-<component>-A` (affected range) and
 * `-F` (first fixed version); `declaredProducts` maps them back to the components for matching.
 */
export function buildSupplierCsaf(input: {
  advisory: TAuthoredAdvisory;
  components: readonly TAuthoringComponent[];
  publisher: { name: string; namespace: string };
  trackingId: string;
  /** Earlier revisions (oldest first); this one is appended with number = previous + 1. */
  history: readonly TRevisionEntry[];
  initialReleaseDate?: string | undefined;
  now: string;
}): { document: Record<string, unknown>; declaredProducts: Map<string, string>; revision: string } {
  const { advisory } = input;
  const byId = new Map(input.components.map((c) => [c.id, c]));
  const declaredProducts = new Map<string, string>();
  const affectedIds: string[] = [];
  const fixedIds: string[] = [];
  const vendorBranches = new Map<string, Record<string, unknown>[]>();
  for (const product of advisory.products) {
    const component = byId.get(product.componentId);
    if (!component) throw new Error(`unknown component ${product.componentId}`);
    const helper = {
      ...(component.identifiers.cpe ? { cpe: component.identifiers.cpe } : {}),
      ...(component.identifiers.purl ? { purl: component.identifiers.purl } : {}),
      ...(component.identifiers.modelNumbers.length
        ? { model_numbers: component.identifiers.modelNumbers }
        : {}),
    };
    const withHelper = Object.keys(helper).length ? { product_identification_helper: helper } : {};
    const affectedId = `CSAFPID-${component.id}-A`;
    affectedIds.push(affectedId);
    declaredProducts.set(affectedId, component.id);
    const versions: Record<string, unknown>[] = [
      {
        category: "product_version_range",
        name: product.affectedVersions,
        product: {
          name: `${component.vendor} ${component.name} ${product.affectedVersions}`,
          product_id: affectedId,
          ...withHelper,
        },
      },
    ];
    if (product.fixedVersion) {
      const fixedId = `CSAFPID-${component.id}-F`;
      fixedIds.push(fixedId);
      declaredProducts.set(fixedId, component.id);
      versions.push({
        category: "product_version",
        name: product.fixedVersion,
        product: {
          name: `${component.vendor} ${component.name} ${product.fixedVersion}`,
          product_id: fixedId,
          ...withHelper,
        },
      });
    }
    const list = vendorBranches.get(component.vendor) ?? [];
    list.push({ category: "product_name", name: component.name, branches: versions });
    vendorBranches.set(component.vendor, list);
  }

  const number = String(input.history.length + 1);
  const revisionHistory = [
    ...input.history,
    {
      number,
      date: input.now,
      summary: advisory.changeSummary || (number === "1" ? "Initial release" : "Update"),
    },
  ];
  const vulnerabilities = advisory.vulnerabilities.map((v) => {
    const score = v.cvssVector ? cvss3BaseScore(v.cvssVector) : null;
    const severity = severityOf(score);
    return {
      ...(v.cve ? { cve: v.cve } : {}),
      title: v.title,
      notes: [{ category: "description", title: "Description", text: v.description }],
      product_status: {
        known_affected: affectedIds,
        ...(fixedIds.length ? { fixed: fixedIds } : {}),
      },
      ...(v.cvssVector && score !== null && severity
        ? {
            scores: [
              {
                products: affectedIds,
                cvss_v3: {
                  version: v.cvssVector.startsWith("CVSS:3.0") ? "3.0" : "3.1",
                  vectorString: v.cvssVector,
                  baseScore: score,
                  baseSeverity: severity.toUpperCase(),
                },
              },
            ],
          }
        : {}),
      ...(advisory.remediations.length
        ? {
            remediations: advisory.remediations.map((r) => ({
              category: r.category,
              details: r.details,
              ...(r.url ? { url: r.url } : {}),
              product_ids: affectedIds,
            })),
          }
        : {}),
    };
  });
  const document = {
    document: {
      category: "csaf_security_advisory",
      csaf_version: "2.0",
      lang: "en",
      title: advisory.title,
      publisher: { category: "vendor", name: input.publisher.name, namespace: input.publisher.namespace },
      distribution: { tlp: { label: advisory.tlp, url: "https://www.first.org/tlp/" } },
      notes: [{ category: "summary", title: "Summary", text: advisory.summary }],
      tracking: {
        id: input.trackingId,
        status: "final",
        version: number,
        initial_release_date: input.initialReleaseDate ?? input.now,
        current_release_date: input.now,
        revision_history: revisionHistory,
        generator: { engine: { name: "Assure IEC 62443 portal" }, date: input.now },
      },
    },
    product_tree: {
      branches: [...vendorBranches].map(([vendor, products]) => ({
        category: "vendor",
        name: vendor,
        branches: products,
      })),
    },
    vulnerabilities,
  };
  return { document, declaredProducts, revision: number };
}
