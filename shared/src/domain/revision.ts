import { z } from "zod";
import { ZCertificationView } from "./certification";
import { ZClaim, ZComponentRelease } from "./claim";
import { ZComponentType, ZIdentifiers, ZVisibility } from "./component";
import { ZId, ZIsoDate, ZIsoDateTime } from "./ids";

/** What a published revision contains and its digest covers. */
export const ZPublishedContent = z.object({
  name: z.string(),
  vendor: z.string(),
  productLine: z.string(),
  componentType: ZComponentType,
  description: z.string(),
  identifiers: ZIdentifiers,
  lifecycle: z.object({ ga: ZIsoDate.optional(), endOfSupport: ZIsoDate.optional() }),
  visibility: ZVisibility,
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
