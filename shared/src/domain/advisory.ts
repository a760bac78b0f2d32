import { z } from "zod";
import { listAdvisoryProducts, type TAdvisoryProduct } from "../advisory/list-advisory-products";
import { normalizeVendor } from "../advisory/normalize-name";
import { ZId, ZIsoDateTime } from "./ids";
import { singleLine } from "./text";

/**
 * A security advisory as the portal keeps it: the original CSAF 2.0 document (stored unchanged in the
 * document store) plus this parsed summary, which is what lists, filters, matching and impact read.
 * `summarizeCsaf` derives the summary from a document that passed validation; it is pure.
 */

export const TLP_LABELS = ["CLEAR", "WHITE", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export const ZTlpLabel = z.enum(TLP_LABELS);
export type TTlpLabel = z.infer<typeof ZTlpLabel>;

/** TLP:CLEAR (CSAF 2.0: WHITE) may be published to anyone; everything else is restricted. */
export const isPublicTlp = (label: TTlpLabel | null) =>
  label === null || label === "WHITE" || label === "CLEAR";

export const SEVERITIES = ["none", "low", "medium", "high", "critical"] as const;
export const ZSeverity = z.enum(SEVERITIES);
export type TSeverity = z.infer<typeof ZSeverity>;

/** CVSS v3 qualitative rating of a base score; null when the advisory gives no score. */
export function severityOf(score: number | null): TSeverity | null {
  if (score === null) return null;
  if (score === 0) return "none";
  if (score < 4) return "low";
  if (score < 7) return "medium";
  if (score < 9) return "high";
  return "critical";
}

/** Who owns an advisory: the platform (feeds, operator imports) or a supplier tenant (its own products). */
export const ZAdvisoryOwner = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("platform") }),
  z.object({ kind: z.literal("supplier"), tenantId: ZId }),
]);
export type TAdvisoryOwner = z.infer<typeof ZAdvisoryOwner>;

export const ZAdvisoryVisibility = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("public") }),
  /** Not TLP:CLEAR/WHITE: only the owner and these tenants may read it. */
  z.object({ kind: z.literal("restricted"), tenantIds: z.array(ZId).max(100) }),
]);
export type TAdvisoryVisibility = z.infer<typeof ZAdvisoryVisibility>;

/** One failed CSAF check kept as a visible conformance warning (only cosmetic tests, see docs/csaf.md). */
export const ZConformanceWarning = z.object({ test: z.string(), path: z.string(), message: z.string() });
export type TConformanceWarning = z.infer<typeof ZConformanceWarning>;

export const PRODUCT_STATUS_GROUPS = [
  "affected",
  "fixed",
  "not_affected",
  "under_investigation",
  "recommended",
  "unknown",
] as const;
export const ZProductStatusGroup = z.enum(PRODUCT_STATUS_GROUPS);
export type TProductStatusGroup = z.infer<typeof ZProductStatusGroup>;

export const ZAdvisoryProductSummary = z.object({
  productId: z.string(),
  /** The full product name as the advisory writes it. */
  name: z.string(),
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  /** The version text of the branch (range or single version), null when the tree names no version. */
  version: z.string().nullable(),
  /** Across all vulnerabilities: affected wins over fixed, fixed over not affected. */
  status: ZProductStatusGroup,
});
export type TAdvisoryProductSummary = z.infer<typeof ZAdvisoryProductSummary>;

export const ZCvss = z.object({
  version: z.string(),
  baseScore: z.number().min(0).max(10),
  vectorString: z.string(),
});

export const ZAdvisoryVulnerability = z.object({
  cve: z.string().nullable(),
  title: z.string().nullable(),
  cwe: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The highest CVSS v3 (else v2) score given for this vulnerability. */
  cvss: ZCvss.nullable(),
});
export type TAdvisoryVulnerability = z.infer<typeof ZAdvisoryVulnerability>;

export const ZAdvisoryRemediation = z.object({
  category: z.string(),
  details: z.string(),
  url: z.string().nullable(),
  productIds: z.array(z.string()),
  cves: z.array(z.string()),
});
export type TAdvisoryRemediation = z.infer<typeof ZAdvisoryRemediation>;

/** What `summarizeCsaf` reads out of a document. */
export const ZAdvisorySummary = z.object({
  trackingId: z.string(),
  /** `document.tracking.version` as written ("3" or "1.2.0"). */
  revision: z.string(),
  trackingStatus: z.enum(["draft", "interim", "final"]),
  title: z.string(),
  summary: z.string(),
  category: z.string(),
  publisher: z.object({ name: z.string(), namespace: z.string(), category: z.string() }),
  tlp: ZTlpLabel.nullable(),
  initialReleaseDate: ZIsoDateTime,
  currentReleaseDate: ZIsoDateTime,
  cves: z.array(z.string()),
  cvssMax: z.number().min(0).max(10).nullable(),
  severity: ZSeverity.nullable(),
  /** Vendor names from the product tree, as written, and folded for filtering. */
  vendors: z.array(z.string()),
  vendorsNorm: z.array(z.string()),
  vulnerabilities: z.array(ZAdvisoryVulnerability),
  products: z.array(ZAdvisoryProductSummary),
  remediations: z.array(ZAdvisoryRemediation),
  /** Set when lists were cut to keep the item small; the document has everything. */
  truncated: z.boolean(),
});
export type TAdvisorySummary = z.infer<typeof ZAdvisorySummary>;

export const ZStoredDocument = z.object({
  /** Object key in the CSAF document store. */
  key: z.string(),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sha512: z.string().regex(/^[0-9a-f]{128}$/),
});
export type TStoredDocument = z.infer<typeof ZStoredDocument>;

export const ADVISORY_STATES = ["draft", "published"] as const;

export const ZAdvisory = ZAdvisorySummary.extend({
  /** Derived from publisher namespace + tracking id, so a document always lands on the same advisory. */
  id: z.string().regex(/^[0-9a-f]{26}$/),
  owner: ZAdvisoryOwner,
  source: z.enum(["import", "authored"]),
  /** Authored advisories start as drafts; imported ones are published at once. */
  state: z.enum(ADVISORY_STATES),
  visibility: ZAdvisoryVisibility,
  conformanceWarnings: z.array(ZConformanceWarning),
  document: ZStoredDocument,
  /** Advisories written in the portal keep what the supplier wrote (ZAuthoredAdvisoryInput), for editing. */
  authored: z.record(z.string(), z.unknown()).optional(),
  /**
   * Public catalog components this revision matched (details in the match items). Restricted components of the
   * advisory's supplier are matched too but not counted here, since every reader of the advisory sees the count.
   */
  matchedComponents: z.number().int().min(0).default(0),
  importedBy: z.string(),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
  version: z.number().int().min(1),
});
export type TAdvisory = z.infer<typeof ZAdvisory>;

/** What a list shows: the advisory without its long lists. */
export const ZAdvisoryListItem = ZAdvisory.omit({
  authored: true,
  vulnerabilities: true,
  products: true,
  remediations: true,
  summary: true,
});
export type TAdvisoryListItem = z.infer<typeof ZAdvisoryListItem>;

export const ZAdvisoryQuery = z.object({
  q: singleLine("Search").max(100).optional(),
  vendor: singleLine("Vendor").max(120).optional(),
  /** Minimum severity: high = high or critical. */
  severity: ZSeverity.optional(),
  /** Current release date on or after / on or before (YYYY-MM-DD). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Document status (final, interim), or `affecting` = hits at least one of my assets. */
  status: z.enum(["final", "interim", "affecting"]).optional(),
  /** Advisories matched to this catalog component. */
  componentId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type TAdvisoryQuery = z.infer<typeof ZAdvisoryQuery>;

export const IMPORT_OUTCOMES = ["created", "updated", "unchanged", "older"] as const;
export const ZImportOutcome = z.enum(IMPORT_OUTCOMES);
export type TImportOutcome = z.infer<typeof ZImportOutcome>;

export const ZAdvisoryImportResult = z.object({
  /** created: new advisory; updated: a newer revision superseded the stored one; unchanged: same revision;
   * older: the stored revision is newer, nothing changed. */
  outcome: ZImportOutcome,
  advisory: ZAdvisoryListItem,
  conformanceWarnings: z.array(ZConformanceWarning),
});
export type TAdvisoryImportResult = z.infer<typeof ZAdvisoryImportResult>;

const advisorySettingsShape = {
  /** Reject documents with cosmetic conformance failures too (instead of importing with a warning). */
  strictCsafImport: z.boolean().default(false),
  /** Extra notification channels for new impact; the in-portal inbox always gets it. */
  notifyEmails: z.array(z.email()).max(20).default([]),
  /** A public https endpoint; the API refuses private, loopback and link-local targets (and follows no redirect). */
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable()
    .default(null),
};

/** Per-tenant advisory preferences. */
export const ZAdvisorySettings = z.object(advisorySettingsShape);
export type TAdvisorySettings = z.infer<typeof ZAdvisorySettings>;

/** What PUT /v1/advisories/settings accepts: the same fields, and nothing else (a misspelt key is an error). */
export const ZAdvisorySettingsInput = z.strictObject(advisorySettingsShape);

/** Whether a tenant's webhooks are signed (x-assure-signature), and since when; never the key. */
export const ZWebhookSigningStatus = z.object({
  configured: z.boolean(),
  createdAt: ZIsoDateTime.nullable(),
});
export type TWebhookSigningStatus = z.infer<typeof ZWebhookSigningStatus>;

/** A newly created webhook signing key: shown once, in the answer that creates it. */
export const ZWebhookSigningKey = z.object({
  secret: z.string().startsWith("whsec_"),
  createdAt: ZIsoDateTime,
});
export type TWebhookSigningKey = z.infer<typeof ZWebhookSigningKey>;

// --- Summarising a CSAF document -------------------------------------------------------------------

const ZLooseDoc = z.looseObject({
  document: z.looseObject({
    category: z.string(),
    title: z.string(),
    publisher: z.looseObject({ name: z.string(), namespace: z.string(), category: z.string() }),
    distribution: z.looseObject({ tlp: z.looseObject({ label: z.string() }).optional() }).optional(),
    notes: z.array(z.looseObject({ category: z.string(), text: z.string() })).optional(),
    tracking: z.looseObject({
      id: z.string(),
      version: z.string(),
      status: z.enum(["draft", "interim", "final"]),
      initial_release_date: z.string(),
      current_release_date: z.string(),
    }),
  }),
  vulnerabilities: z
    .array(
      z.looseObject({
        cve: z.string().optional(),
        title: z.string().optional(),
        cwe: z.looseObject({ id: z.string(), name: z.string() }).optional(),
        scores: z
          .array(
            z.looseObject({
              cvss_v3: z
                .looseObject({ baseScore: z.number(), vectorString: z.string(), version: z.string() })
                .optional(),
              cvss_v2: z
                .looseObject({ baseScore: z.number(), vectorString: z.string(), version: z.string() })
                .optional(),
            }),
          )
          .optional(),
        remediations: z
          .array(
            z.looseObject({
              category: z.string(),
              details: z.string(),
              url: z.string().optional(),
              product_ids: z.array(z.string()).optional(),
              group_ids: z.array(z.string()).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  product_tree: z
    .looseObject({
      product_groups: z
        .array(z.looseObject({ group_id: z.string(), product_ids: z.array(z.string()) }))
        .optional(),
    })
    .optional(),
});

const AFFECTED = new Set(["known_affected", "first_affected", "last_affected"]);
const FIXED = new Set(["fixed", "first_fixed"]);

function statusGroup(p: TAdvisoryProduct): TProductStatusGroup {
  const s = new Set(p.statuses.map((e) => e.status));
  if ([...s].some((x) => AFFECTED.has(x))) return "affected";
  if ([...s].some((x) => FIXED.has(x))) return "fixed";
  if (s.has("known_not_affected")) return "not_affected";
  if (s.has("under_investigation")) return "under_investigation";
  if (s.has("recommended")) return "recommended";
  return "unknown";
}

/** Limits that keep a summary item far below DynamoDB's 400 KB; the stored document keeps everything. */
export const SUMMARY_LIMITS = { products: 600, remediations: 100, details: 1500, vulnerabilities: 300 };

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function toIso(date: string): string {
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? date : parsed.toISOString();
}

/** Reads the summary of a (validated) CSAF 2.0 document. Throws a ZodError when required fields are missing. */
export function summarizeCsaf(
  input: unknown,
  /** The document's products, when the caller listed them already (listAdvisoryProducts). */
  listed?: TAdvisoryProduct[],
): TAdvisorySummary {
  const doc = ZLooseDoc.parse(input);
  const d = doc.document;
  const products = listed ?? listAdvisoryProducts(input);
  const vulnerabilities = (doc.vulnerabilities ?? []).map((v): TAdvisoryVulnerability => {
    let best: TAdvisoryVulnerability["cvss"] = null;
    for (const score of v.scores ?? []) {
      const cvss = score.cvss_v3 ?? score.cvss_v2;
      if (cvss && (best === null || cvss.baseScore > best.baseScore)) {
        best = { version: cvss.version, baseScore: cvss.baseScore, vectorString: cvss.vectorString };
      }
    }
    return {
      cve: v.cve ?? null,
      title: v.title ?? null,
      cwe: v.cwe ? { id: v.cwe.id, name: v.cwe.name } : null,
      cvss: best,
    };
  });
  const scores = vulnerabilities.flatMap((v) => (v.cvss ? [v.cvss.baseScore] : []));
  const cvssMax = scores.length > 0 ? Math.max(...scores) : null;

  const groups = new Map((doc.product_tree?.product_groups ?? []).map((g) => [g.group_id, g.product_ids]));
  const remediations = new Map<string, TAdvisoryRemediation>();
  for (const v of doc.vulnerabilities ?? []) {
    for (const r of v.remediations ?? []) {
      const key = `${r.category}\u0000${r.details}\u0000${r.url ?? ""}`;
      const entry = remediations.get(key) ?? {
        category: r.category,
        details: cut(r.details, SUMMARY_LIMITS.details),
        url: r.url ?? null,
        productIds: [],
        cves: [],
      };
      const ids = [...(r.product_ids ?? []), ...(r.group_ids ?? []).flatMap((g) => groups.get(g) ?? [])];
      entry.productIds = [...new Set([...entry.productIds, ...ids])];
      if (v.cve && !entry.cves.includes(v.cve)) entry.cves.push(v.cve);
      remediations.set(key, entry);
    }
  }

  const vendors = [...new Set(products.flatMap((p) => (p.vendor ? [p.vendor] : [])))];
  const productSummaries = products.map(
    (p): TAdvisoryProductSummary => ({
      productId: p.productId,
      name: p.name,
      vendor: p.vendor,
      product: p.product,
      version: p.versionSpec.raw,
      status: statusGroup(p),
    }),
  );
  const remediationList = [...remediations.values()];
  const truncated =
    productSummaries.length > SUMMARY_LIMITS.products ||
    remediationList.length > SUMMARY_LIMITS.remediations ||
    vulnerabilities.length > SUMMARY_LIMITS.vulnerabilities;
  const summaryNote = d.notes?.find((n) => n.category === "summary")?.text ?? "";
  const tlp = ZTlpLabel.safeParse(d.distribution?.tlp?.label);
  return {
    trackingId: d.tracking.id,
    revision: d.tracking.version,
    trackingStatus: d.tracking.status,
    title: d.title,
    summary: cut(summaryNote, 2000),
    category: d.category,
    publisher: { name: d.publisher.name, namespace: d.publisher.namespace, category: d.publisher.category },
    tlp: tlp.success ? tlp.data : null,
    initialReleaseDate: toIso(d.tracking.initial_release_date),
    currentReleaseDate: toIso(d.tracking.current_release_date),
    cves: [...new Set(vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : [])))],
    cvssMax,
    severity: severityOf(cvssMax),
    vendors,
    vendorsNorm: [...new Set(vendors.map(normalizeVendor))],
    vulnerabilities: vulnerabilities.slice(0, SUMMARY_LIMITS.vulnerabilities),
    products: productSummaries.slice(0, SUMMARY_LIMITS.products),
    remediations: remediationList.slice(0, SUMMARY_LIMITS.remediations),
    truncated,
  };
}

/**
 * Orders two `document.tracking.version` values: integer versioning ("3") or semantic versioning
 * ("1.2.0", pre-releases before the release). Negative when a is older.
 */
export function compareTrackingVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = "", pre] = v.split("+")[0]!.split(/-(.*)/s);
    return { nums: core.split(".").map((n) => Number.parseInt(n, 10) || 0), pre: pre ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i++) {
    const diff = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}
