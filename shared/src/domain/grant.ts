import { z } from "zod";
import { ZId, ZIsoDateTime, ZSlug } from "./ids";

export const GRANT_ACCESS = ["read", "write"] as const;
export const ZGrantAccess = z.enum(GRANT_ACCESS);
export type TGrantAccess = z.infer<typeof ZGrantAccess>;

/** An asset owner shares one site with an integrator tenant. Revoked grants stay as history. */
export const ZSiteGrant = z.object({
  siteId: ZId,
  ownerTenantId: ZId,
  granteeTenantId: ZId,
  granteeName: z.string(),
  granteeSlug: z.string(),
  access: ZGrantAccess,
  grantedBy: z.string(),
  grantedAt: ZIsoDateTime,
  revokedBy: z.string().optional(),
  revokedAt: ZIsoDateTime.optional(),
  version: z.number().int().min(1),
  updatedAt: ZIsoDateTime,
});
export type TSiteGrant = z.infer<typeof ZSiteGrant>;

export const ZGrantInput = z.object({
  granteeSlug: ZSlug,
  access: ZGrantAccess.default("read"),
});
export type TGrantInput = z.infer<typeof ZGrantInput>;

export const ZGrantPatch = z.object({ access: ZGrantAccess });

/** A site as the grantee sees it in "sites shared with me". */
export const ZSharedSite = z.object({
  siteId: ZId,
  ownerTenantId: ZId,
  ownerName: z.string(),
  siteName: z.string(),
  location: z.string(),
  access: ZGrantAccess,
  grantedAt: ZIsoDateTime,
});
export type TSharedSite = z.infer<typeof ZSharedSite>;
