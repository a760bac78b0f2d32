import { z } from "zod";
import { ZResponsibleParty } from "../engine/collect-obligations";
import type { TResponsibleParty } from "../engine/resolve-component-capability";
import { ZId, ZIsoDate, ZIsoDateTime } from "./ids";
import { multiLine, singleLine } from "./text";

export const OBLIGATION_STATUSES = ["open", "in_progress", "met", "waived"] as const;
export const ZObligationStatus = z.enum(OBLIGATION_STATUSES);
export type TObligationStatus = z.infer<typeof ZObligationStatus>;

export const OBLIGATION_STATUS_LABELS: Record<TObligationStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  met: "Met",
  waived: "Waived",
};

export const SITE_OBLIGATION_SOURCES = [
  "security_context",
  "countermeasure",
  "advisory_remediation",
  "end_of_support",
  "role_baseline",
] as const;
export const ZSiteObligationSource = z.enum(SITE_OBLIGATION_SOURCES);
export type TSiteObligationSource = z.infer<typeof ZSiteObligationSource>;

export const OBLIGATION_SOURCE_LABELS: Record<TSiteObligationSource, string> = {
  security_context: "Security context",
  countermeasure: "Countermeasure",
  advisory_remediation: "Advisory remediation",
  end_of_support: "End of support",
  role_baseline: "Role baseline",
};

export const PARTY_LABELS: Record<TResponsibleParty, string> = {
  asset_owner: "Asset owner",
  integrator: "Integrator",
  supplier: "Supplier",
};

export const ZObligationSubject = z.object({
  kind: z.enum(["site", "zone", "conduit", "asset", "countermeasure", "component"]),
  id: z.string(),
  label: z.string(),
});
export type TObligationSubject = z.infer<typeof ZObligationSubject>;

export const ZObligationEvidence = z.object({
  id: ZId,
  kind: z.enum(["link", "note", "file"]),
  title: z.string().min(1).max(200),
  url: z.string().max(2000).optional(),
  note: z.string().max(4000).optional(),
  /** Files: the evidence store's id, digest and size. */
  evidenceId: z.string().optional(),
  sha256: z.string().optional(),
  size: z.number().int().optional(),
  contentType: z.string().optional(),
  addedBy: z.string(),
  addedByTenantId: ZId,
  addedAt: ZIsoDateTime,
});
export type TObligationEvidence = z.infer<typeof ZObligationEvidence>;

export const OBLIGATION_HISTORY_ACTIONS = [
  "created",
  "status",
  "due",
  "evidence_added",
  "evidence_removed",
  "waiver_requested",
  "waiver_approved",
  "waiver_rejected",
  "regenerated",
  "reassigned",
  "retired",
  "reactivated",
] as const;

export const ZObligationHistoryEntry = z.object({
  at: ZIsoDateTime,
  actor: z.string(),
  action: z.enum(OBLIGATION_HISTORY_ACTIONS),
  from: z.string().optional(),
  to: z.string().optional(),
  note: z.string().optional(),
  /** Who acted, in words (added when the API answers; not stored). */
  actorName: z.string().optional(),
});
export type TObligationHistoryEntry = z.infer<typeof ZObligationHistoryEntry>;

export const ZWaiver = z.object({
  justification: z.string(),
  requestedBy: z.string(),
  requestedAt: ZIsoDateTime,
  state: z.enum(["requested", "approved"]),
  approvedBy: z.string().optional(),
  approvedAt: ZIsoDateTime.optional(),
});
export type TWaiver = z.infer<typeof ZWaiver>;

/** A tracked obligation of a site. Its id is derived from its source, so regeneration finds it again. */
export const ZSiteObligation = z.object({
  id: ZId,
  siteId: ZId,
  ownerTenantId: ZId,
  sourceKey: z.string(),
  source: ZSiteObligationSource,
  /** Role baselines: which standard and which area/practice. */
  reference: z.string().optional(),
  subject: ZObligationSubject,
  text: z.string(),
  frs: z.array(z.number().int().min(1).max(7)).default([]),
  responsibleParty: ZResponsibleParty,
  /** The tenant that owes it; absent when the party has no tenant yet (no integrator named). */
  obligeeTenantId: ZId.optional(),
  obligeeName: z.string().optional(),
  /** False once its source is gone (kept with status and history, shown as retired). */
  active: z.boolean(),
  status: ZObligationStatus,
  due: ZIsoDate.optional(),
  evidence: z.array(ZObligationEvidence).default([]),
  waiver: ZWaiver.optional(),
  history: z.array(ZObligationHistoryEntry).default([]),
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TSiteObligation = z.infer<typeof ZSiteObligation>;

/** Obligations listed for someone else: the site's name and owner travel along. */
export const ZOwedObligation = ZSiteObligation.extend({ siteName: z.string(), ownerName: z.string() });
export type TOwedObligation = z.infer<typeof ZOwedObligation>;

export const ZObligationUpdate = z
  .object({
    status: z.enum(["open", "in_progress", "met"]).optional(),
    /** YYYY-MM-DD, or null to clear. */
    due: ZIsoDate.nullable().optional(),
    note: multiLine("Note").max(1000).optional(),
  })
  .refine((update) => update.status !== undefined || update.due !== undefined, {
    message: "change the status or the due date",
  });
export type TObligationUpdate = z.infer<typeof ZObligationUpdate>;

/**
 * Evidence for an obligation: a link, a note, or a file the caller's tenant uploaded to the evidence store
 * (`POST /v1/evidence`), named by its evidence id. Files are downloaded through the obligation, by whoever may
 * see it.
 */
export const ZEvidenceLinkInput = z
  .object({
    title: singleLine("Title").min(1, "give the evidence a title").max(200),
    url: z.url({ protocol: /^https?$/, error: "a link starts with http:// or https://" }).optional(),
    note: multiLine("Note").max(4000).optional(),
    evidenceId: ZId.optional(),
  })
  .refine(
    (evidence) =>
      evidence.url !== undefined || evidence.evidenceId !== undefined || (evidence.note ?? "") !== "",
    { message: "give a link, a note or a file", path: ["url"] },
  )
  .refine((evidence) => !(evidence.url !== undefined && evidence.evidenceId !== undefined), {
    message: "a piece of evidence is a link or a file, not both",
    path: ["evidenceId"],
  });
export type TEvidenceLinkInput = z.infer<typeof ZEvidenceLinkInput>;

export const ZWaiverRequest = z.object({
  justification: multiLine("Justification")
    .min(20, "explain in at least 20 characters why the obligation can be waived")
    .max(2000),
});

export const ZWaiverDecision = z.object({
  approve: z.boolean(),
  note: multiLine("Note").max(1000).optional(),
});

export function isOverdue(
  obligation: Pick<TSiteObligation, "due" | "status" | "active">,
  today: string,
): boolean {
  return (
    obligation.active &&
    obligation.due !== undefined &&
    obligation.due < today &&
    (obligation.status === "open" || obligation.status === "in_progress")
  );
}

export const ZObligationListQuery = z.object({
  status: ZObligationStatus.optional(),
  party: ZResponsibleParty.optional(),
  source: ZSiteObligationSource.optional(),
  overdue: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  includeRetired: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  q: singleLine("Search").max(100).optional(),
  sort: z.enum(["due", "status", "party", "source", "text", "updated"]).default("due"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type TObligationListQuery = z.infer<typeof ZObligationListQuery>;

/** RACI letters per party for one obligation (docs/adr/0040). */
export type TRaci = Partial<Record<TResponsibleParty, "R" | "A" | "R/A" | "C" | "I">>;

export function raciOf(obligation: Pick<TSiteObligation, "responsibleParty" | "source">): TRaci {
  const raci: TRaci = { asset_owner: "A", integrator: "I", supplier: "I" };
  const responsible = obligation.responsibleParty;
  raci[responsible] = responsible === "asset_owner" ? "R/A" : "R";
  // Who is consulted: the supplier for what its product assumes or its advisory says, the integrator for
  // compensating controls it usually builds, the asset owner's integrator for supplier practices it relies on.
  const consulted: TResponsibleParty | undefined =
    obligation.source === "security_context" || obligation.source === "advisory_remediation"
      ? "supplier"
      : obligation.source === "countermeasure"
        ? "integrator"
        : undefined;
  if (consulted && consulted !== responsible) raci[consulted] = "C";
  return raci;
}
