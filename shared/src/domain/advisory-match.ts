import { z } from "zod";
import { ZAdvisoryProduct } from "../advisory/list-advisory-products";
import { ZAdvisory, ZAdvisoryOwner, ZAdvisoryVisibility, ZSeverity } from "./advisory";
import { ZId, ZIsoDateTime } from "./ids";
import { multiLine } from "./text";

/**
 * An advisory matched to a catalog component (one item per pair), and what follows from it per asset owner:
 * impact on assets running a matched version, and confirm/reject decisions for ambiguous matches.
 */

export const MATCH_METHODS = ["purl", "cpe", "model_number", "name_version", "declared"] as const;
export const ZMatchMethod = z.enum(MATCH_METHODS);
export type TMatchMethod = z.infer<typeof ZMatchMethod>;

export const ZMatchVerdict = z.enum(["confirmed", "rejected"]);
export type TMatchVerdict = z.infer<typeof ZMatchVerdict>;

export const ZMatchDecisionRecord = z.object({
  verdict: ZMatchVerdict,
  tenantId: ZId,
  by: z.string(),
  at: ZIsoDateTime,
});

/** The advisory facts a match (and an impact) carries, so lists need no second read. */
export const ZAdvisoryRef = z.object({
  id: z.string(),
  owner: ZAdvisoryOwner,
  trackingId: z.string(),
  revision: z.string(),
  title: z.string(),
  severity: ZSeverity.nullable(),
  cvssMax: z.number().nullable(),
  currentReleaseDate: ZIsoDateTime,
  cves: z.array(z.string()),
});
export type TAdvisoryRef = z.infer<typeof ZAdvisoryRef>;

export const ZAdvisoryMatch = z.object({
  advisoryId: z.string(),
  owner: ZAdvisoryOwner,
  visibility: ZAdvisoryVisibility,
  advisory: ZAdvisoryRef,
  componentId: ZId,
  supplierTenantId: ZId,
  componentName: z.string(),
  componentVendor: z.string(),
  method: ZMatchMethod,
  /** 0..1, see docs/adr/0011: purl 1, CPE 0.95, model number 0.9, vendor + name 0.8, partial name 0.5. */
  confidence: z.number().min(0).max(1),
  ambiguous: z.boolean(),
  /** The advisory's products this component matched: version specs and statuses decide per asset version. */
  products: z.array(ZAdvisoryProduct),
  /** Per published catalog version of the component: affected (true/false) or cannot tell (null). */
  versions: z.array(z.object({ version: z.string(), affected: z.boolean().nullable() })),
  /** The component supplier's (or the operator's) decision; it applies to every tenant. */
  decision: ZMatchDecisionRecord.nullable(),
  /** active: impact is computed; review: ambiguous and undecided (shown for confirmation); rejected. */
  state: z.enum(["active", "review", "rejected"]),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TAdvisoryMatch = z.infer<typeof ZAdvisoryMatch>;

/** Effective state of a match for one tenant: its own decision wins, then the supplier's, then ambiguity. */
export function matchStateFor(
  match: Pick<TAdvisoryMatch, "ambiguous" | "decision">,
  tenantDecision: TMatchVerdict | null | undefined,
): TAdvisoryMatch["state"] {
  const verdict = tenantDecision ?? match.decision?.verdict ?? null;
  if (verdict === "rejected") return "rejected";
  if (verdict === "confirmed") return "active";
  return match.ambiguous ? "review" : "active";
}

/** A tenant's confirm/reject of one (advisory, component) match, remembered across re-imports. */
export const ZMatchDecision = z.object({
  tenantId: ZId,
  advisoryId: z.string(),
  componentId: ZId,
  verdict: ZMatchVerdict,
  note: z.string().max(1000).default(""),
  decidedBy: z.string(),
  decidedAt: ZIsoDateTime,
});
export type TMatchDecision = z.infer<typeof ZMatchDecision>;

export const ZMatchDecisionInput = z.object({
  verdict: ZMatchVerdict,
  note: multiLine("Note").max(1000).default(""),
});
export type TMatchDecisionInput = z.infer<typeof ZMatchDecisionInput>;

export const IMPACT_STATES = ["open", "review", "resolved"] as const;
export const ZImpactState = z.enum(IMPACT_STATES);
export type TImpactState = z.infer<typeof ZImpactState>;

/** An advisory hitting one asset of an asset owner. Only that tenant ever reads it. */
export const ZAdvisoryImpact = z.object({
  tenantId: ZId,
  advisory: ZAdvisoryRef,
  componentId: ZId,
  componentName: z.string(),
  siteId: z.string(),
  zoneId: z.string().nullable(),
  assetId: z.string(),
  assetName: z.string().nullable(),
  /** The version the asset runs, when the asset records one. */
  assetVersion: z.string().nullable(),
  /** true: the version is affected; null: cannot tell (unreadable range, no version recorded). */
  affected: z.boolean().nullable(),
  reason: z.string(),
  /** open: affected; review: cannot tell or ambiguous match, a person should look; resolved: no longer hits. */
  state: ZImpactState,
  method: ZMatchMethod,
  confidence: z.number(),
  obligationIds: z.array(z.string()).default([]),
  detectedAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TAdvisoryImpact = z.infer<typeof ZAdvisoryImpact>;

/** An advisory as its detail page shows it: matches, the reader's own decisions and impact, revisions. */
export const ZAdvisoryDetail = ZAdvisory.extend({
  matches: z.array(ZAdvisoryMatch.omit({ products: true }).extend({ productIds: z.array(z.string()) })),
  myDecisions: z.array(ZMatchDecision),
  myImpacts: z.array(ZAdvisoryImpact),
  revisions: z.array(
    z.object({ revision: z.string(), storedAt: ZIsoDateTime, sha256: z.string(), size: z.number() }),
  ),
});
export type TAdvisoryDetail = z.infer<typeof ZAdvisoryDetail>;
