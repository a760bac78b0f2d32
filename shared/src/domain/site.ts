import { z } from "zod";
import { ZAssuranceBasis } from "./component";
import { ZId, ZIsoDateTime } from "./ids";
import { ZSlVector } from "./sl-vector";
import { multiLine, singleLine } from "./text";

export const ZZone = z.object({
  id: ZId,
  siteId: ZId,
  name: z.string().min(1).max(120),
  description: z.string().max(2000).default(""),
  slT: ZSlVector,
  minimumBasis: ZAssuranceBasis.default("self_declared"),
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TZone = z.infer<typeof ZZone>;

export const ZSite = z.object({
  id: ZId,
  tenantId: ZId,
  name: z.string().min(1).max(120),
  location: z.string().max(200).default(""),
  description: z.string().max(2000).default(""),
  /** The integrator tenant that owes the integrator's obligations of this site (needs an active grant). */
  integratorTenantId: ZId.optional(),
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TSite = z.infer<typeof ZSite>;

export const ZSiteInput = z.object({
  name: singleLine("Name").min(1, "give the site a name").max(120),
  location: singleLine("Location").max(200).default(""),
  description: multiLine("Description").max(2000).default(""),
});
export type TSiteInput = z.infer<typeof ZSiteInput>;

export const ZSitePatch = z.object({
  name: singleLine("Name").min(1, "give the site a name").max(120).optional(),
  location: singleLine("Location").max(200).optional(),
  description: multiLine("Description").max(2000).optional(),
  /** null clears the responsible integrator. */
  integratorTenantId: ZId.nullable().optional(),
});
export type TSitePatch = z.infer<typeof ZSitePatch>;

export const ZZoneInput = z.object({
  name: singleLine("Name").min(1, "give the zone a name").max(120),
  description: multiLine("Description").max(2000).default(""),
  slT: ZSlVector,
  minimumBasis: ZAssuranceBasis.default("self_declared"),
});
export type TZoneInput = z.infer<typeof ZZoneInput>;

export const ZZonePatch = z.object({
  name: singleLine("Name").min(1, "give the zone a name").max(120).optional(),
  description: multiLine("Description").max(2000).optional(),
  slT: ZSlVector.optional(),
  minimumBasis: ZAssuranceBasis.optional(),
});
export type TZonePatch = z.infer<typeof ZZonePatch>;

/** How the signed-in tenant may use a site: its own, or shared with it by a grant. */
export const SITE_ACCESS = ["owner", "write", "read"] as const;
export const ZSiteAccess = z.enum(SITE_ACCESS);
export type TSiteAccess = z.infer<typeof ZSiteAccess>;
