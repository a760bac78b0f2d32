import { z } from "zod";
import { ZAssuranceBasis } from "../domain/component";

/**
 * Why the engine decided something. Each reason has a stable `code` the portal can switch on, the
 * structured facts behind it (FR, requirement ids, countermeasure, certificate, advisory) and a human message.
 */
export const REASON_CODES = [
  "capability_meets_target",
  "capability_below_target",
  "no_claim",
  "declared_above_derived",
  "unknown_requirement",
  "requirement_not_applicable",
  "not_applicable_majority",
  "covered_by_countermeasure",
  "countermeasure_insufficient",
  "countermeasure_procedural_cap",
  "countermeasure_without_claim",
  "certificate_valid",
  "certificate_expired",
  "certificate_revoked",
  "certificate_not_yet_valid",
  "certificate_missing",
  "certificate_wrong_part",
  "certificate_undated",
  "certificate_level_below_claim",
  "end_of_support",
  "basis_below_minimum",
  "advisory_open",
  "fr_below_target",
  "zone_empty",
  "conduit_without_assets",
  "conduit_target_inherited",
] as const;
export const ZReasonCode = z.enum(REASON_CODES);
export type TReasonCode = z.infer<typeof ZReasonCode>;

export const COUNTERMEASURE_SCOPES = ["asset", "zone", "conduit"] as const;
export const ZCountermeasureScopeKind = z.enum(COUNTERMEASURE_SCOPES);
export type TCountermeasureScopeKind = z.infer<typeof ZCountermeasureScopeKind>;

/** `suspended` counts as revoked. */
export const CERTIFICATE_STATUSES = ["valid", "expired", "revoked", "suspended"] as const;
export const ZCertificateStatus = z.enum(CERTIFICATE_STATUSES);

/** IEC 62443 part a certificate is issued against: 4-2 component, 4-1 development process, 3-3 system. */
export const CERTIFICATE_STANDARD_PARTS = ["4-2", "4-1", "3-3"] as const;
export const ZCertificateStandardPart = z.enum(CERTIFICATE_STANDARD_PARTS);
export type TCertificateStandardPart = z.infer<typeof ZCertificateStandardPart>;

export const ZCertificateFacts = z.object({
  certificateNo: z.string().optional(),
  number: z.string().optional(),
  standardPart: ZCertificateStandardPart.optional(),
  status: ZCertificateStatus.optional(),
  issued: z.string().optional(),
  expires: z.string().optional(),
});
export type TCertificateFacts = z.infer<typeof ZCertificateFacts>;

export const ZReason = z
  .object({
    code: ZReasonCode,
    message: z.string(),
    fr: z.number().int().min(1).max(7).optional(),
    slC: z.number().int().optional(),
    slT: z.number().int().optional(),
    declared: z.number().int().optional(),
    derived: z.number().int().optional(),
    /** Requirement rows involved: not met, missing, unknown or not applicable, depending on the code. */
    requirementIds: z.array(z.string()).optional(),
    countermeasureId: z.string().optional(),
    countermeasureScope: ZCountermeasureScopeKind.optional(),
    conduitId: z.string().optional(),
    raisesTo: z.number().int().optional(),
    /** A procedural countermeasure's own `raisesTo` where the SL 1 cap lowered it. */
    statedRaisesTo: z.number().int().optional(),
    /** The level a certificate covers for `fr` where it is below the claim. */
    certifiedLevel: z.number().int().optional(),
    /** End-of-support date of the component (ISO date). */
    endOfSupport: z.string().optional(),
    certificate: ZCertificateFacts.optional(),
    basis: ZAssuranceBasis.optional(),
    minimumBasis: ZAssuranceBasis.optional(),
    advisoryId: z.string().optional(),
    assetIds: z.array(z.string()).optional(),
    componentId: z.string().optional(),
  })
  .meta({ id: "EvaluationReason" });
export type TReason = z.infer<typeof ZReason>;
