import { z } from "zod";
import { ZCertificationView } from "./certification";
import { ZClaim, ZComponentRelease } from "./claim";
import { ZPublishedDetails } from "./component";
import { ZId, ZIsoDateTime } from "./ids";

/**
 * A revision's visibility as signed. A restricted one carries a salted digest of its customer list, never the
 * list: every customer reads the revision and must not learn of the others, nor be able to confirm a guessed
 * list against the digest (docs/adr/0061). Revisions signed before that carry `tenantIds`; they are shown to
 * the supplier only as signed.
 */
export const ZSignedVisibility = z.union([
  z.object({ kind: z.literal("public") }),
  z.object({ kind: z.literal("restricted"), audienceDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/) }),
  z.object({ kind: z.literal("restricted"), tenantIds: z.array(ZId) }),
]);
export type TSignedVisibility = z.infer<typeof ZSignedVisibility>;

/** What a published revision contains and its digest covers. */
export const ZPublishedContent = ZPublishedDetails.extend({
  visibility: ZSignedVisibility,
  versions: z.array(ZComponentRelease),
  claims: z.array(ZClaim),
});
export type TPublishedContent = z.infer<typeof ZPublishedContent>;

/** The payload a deployment signs for each revision (JWS, ES256); `assure verify` checks it offline. */
export const ZSignedClaimPayload = z.object({
  format: z.literal("assure-signed-claim/1"),
  componentId: ZId,
  revision: z.number().int().min(1),
  publishedAt: ZIsoDateTime,
  digest: z.string(),
  supplier: z.object({ id: ZId, name: z.string(), slug: z.string(), verified: z.boolean() }),
  component: ZPublishedContent,
  certifications: z.array(ZCertificationView.omit({ createdAt: true, updatedAt: true })),
});
export type TSignedClaimPayload = z.infer<typeof ZSignedClaimPayload>;

export const REVISION_STATUSES = ["published", "superseded", "withdrawn"] as const;
export const ZRevisionStatus = z.enum(REVISION_STATUSES);

export const ZRevisionSummary = z.object({
  revision: z.number().int().min(1),
  status: ZRevisionStatus,
  publishedAt: ZIsoDateTime,
  publishedBy: z.string(),
  digest: z.string(),
  kid: z.string(),
});
export type TRevisionSummary = z.infer<typeof ZRevisionSummary>;

export const ZRevisionView = ZRevisionSummary.extend({ payload: ZSignedClaimPayload });
export type TRevisionView = z.infer<typeof ZRevisionView>;

/** A signed claim as exported: the compact JWS is authoritative; `payload` is its content for reading. */
export const ZSignedClaimExport = z.object({
  format: z.literal("assure-signed-claim/1"),
  kid: z.string(),
  jwksUrl: z.string().optional(),
  jws: z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, "must be a compact JWS"),
  payload: ZSignedClaimPayload.optional(),
});
export type TSignedClaimExport = z.infer<typeof ZSignedClaimExport>;
