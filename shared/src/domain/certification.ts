import { z } from "zod";
import { ZId, ZIsoDate, ZIsoDateTime } from "./ids";
import { ZSlVector } from "./sl-vector";
import { multiLine, singleLine } from "./text";

/** Schemes suppliers pick from in the portal (free text is accepted too). */
export const CERTIFICATION_SCHEMES = [
  "ISASecure CSA",
  "ISASecure SSA",
  "ISASecure SDLA",
  "IECEE CB Scheme (IEC 62443)",
  "TÜV SÜD IEC 62443",
  "TÜV Rheinland IEC 62443",
  "exida IEC 62443",
  "DEKRA IEC 62443",
  "UL IEC 62443",
] as const;

export const STANDARD_PARTS = ["4-1", "4-2", "3-3"] as const;
export const ZStandardPart = z.enum(STANDARD_PARTS);
export const STANDARD_PART_LABELS: Record<z.infer<typeof ZStandardPart>, string> = {
  "4-1": "IEC 62443-4-1 (secure development lifecycle)",
  "4-2": "IEC 62443-4-2 (component capability)",
  "3-3": "IEC 62443-3-3 (system capability)",
};

/** What the certification body says; `expired` follows from the dates and need not be set by hand. */
export const CERTIFICATION_STATUSES = ["valid", "suspended", "revoked"] as const;
export const ZCertificationStatus = z.enum(CERTIFICATION_STATUSES);

export const ZCertificationInput = z
  .object({
    scheme: singleLine("Scheme").min(2, "name the scheme").max(120),
    body: singleLine("Certification body").min(2, "name the certification body").max(120),
    certificateNo: singleLine("Certificate number").min(1, "give the certificate number").max(80),
    standardPart: ZStandardPart,
    /** Certified SL-C (4-2, 3-3). */
    slC: ZSlVector.optional(),
    /** Certified maturity level (4-1). */
    ml: z.number().int().min(1, "ML is 1 to 4").max(4, "ML is 1 to 4").optional(),
    issued: ZIsoDate,
    expires: ZIsoDate.optional(),
    status: ZCertificationStatus.default("valid"),
    scope: multiLine("Scope").max(500).default(""),
    /** Evidence files (uploaded first through /v1/evidence). */
    evidenceIds: z.array(ZId).max(10).default([]),
    /** The supplier's own key for it (CI publishing finds it by this). */
    sourceKey: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, "lower-case letters, digits and . _ - (up to 80)")
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.expires && input.expires < input.issued)
      ctx.addIssue({ code: "custom", path: ["expires"], message: "expiry cannot be before the issue date" });
    if (input.standardPart === "4-1" && input.slC)
      ctx.addIssue({
        code: "custom",
        path: ["slC"],
        message: "a 4-1 certification certifies a maturity level, not SL-C",
      });
    if (input.standardPart !== "4-1" && input.ml !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["ml"],
        message: "only a 4-1 certification certifies a maturity level",
      });
  });
export type TCertificationInput = z.input<typeof ZCertificationInput>;

export const ZEvidenceRef = z.object({
  evidenceId: ZId,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type TEvidenceRef = z.infer<typeof ZEvidenceRef>;

export const ZCertification = z.object({
  id: ZId,
  supplierTenantId: ZId,
  scheme: z.string(),
  body: z.string(),
  certificateNo: z.string(),
  standardPart: ZStandardPart,
  slC: ZSlVector.optional(),
  ml: z.number().int().min(1).max(4).optional(),
  issued: ZIsoDate,
  expires: ZIsoDate.optional(),
  status: ZCertificationStatus,
  scope: z.string(),
  evidence: z.array(ZEvidenceRef),
  sourceKey: z.string().optional(),
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TCertification = z.infer<typeof ZCertification>;

/** A certification as readers of a claim see it: no internal version. */
export const ZCertificationView = ZCertification.omit({ version: true });
export type TCertificationView = z.infer<typeof ZCertificationView>;

export const EXPIRING_SOON_DAYS = 90;

export const CERTIFICATION_STATES = [
  "valid",
  "expiring_soon",
  "expired",
  "not_yet_valid",
  "suspended",
  "revoked",
] as const;
export type TCertificationState = (typeof CERTIFICATION_STATES)[number];

const addDays = (isoDate: string, days: number) => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * The state shown wherever a certification appears, on a date (YYYY-MM-DD): revoked/suspended as the body
 * says; expired after the expiry date; expiring soon within 90 days of it (inclusive); not yet valid before
 * the issue date; valid otherwise. Dates are inclusive, as in the engine's certificate rule.
 */
export function certificationState(
  certification: Pick<TCertification, "status" | "issued" | "expires">,
  today: string,
): { state: TCertificationState; daysLeft?: number } {
  if (certification.status === "revoked") return { state: "revoked" };
  if (certification.status === "suspended") return { state: "suspended" };
  if (certification.issued > today) return { state: "not_yet_valid" };
  if (certification.expires === undefined) return { state: "valid" };
  if (certification.expires < today) return { state: "expired" };
  const daysLeft = Math.round(
    (Date.parse(`${certification.expires}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  if (certification.expires <= addDays(today, EXPIRING_SOON_DAYS))
    return { state: "expiring_soon", daysLeft };
  return { state: "valid", daysLeft };
}

/** The engine's certificate status (valid | expired | revoked) for a certification on a date. */
export function engineCertificateStatus(
  certification: Pick<TCertification, "status" | "issued" | "expires">,
  today: string,
): "valid" | "expired" | "revoked" {
  const { state } = certificationState(certification, today);
  if (state === "revoked" || state === "suspended") return "revoked";
  if (state === "expired") return "expired";
  return "valid";
}
