import { roleAtLeast, type TSite, type TSiteAccess } from "@assure/shared";
import { AppError, notFound } from "../app-error";
import type { AuthContext } from "../auth/actor";
import type { Db } from "../db/client";
import { getShare } from "../repos/grants";
import type { WriteContext } from "../repos/site-items";
import { getSite } from "../repos/sites";

export interface SiteAccess {
  site: TSite;
  access: TSiteAccess;
  /** The tenant whose partition holds the site (the asset owner). */
  ownerTenantId: string;
}

/**
 * How the caller's tenant may use a site: its own site, or one shared with it by an active grant (read from
 * the grantee's pointer, consistently, so a revocation takes effect at once). Anyone else gets 404.
 */
export async function resolveSiteAccess(db: Db, auth: AuthContext, siteId: string): Promise<SiteAccess> {
  const [own, share] = await Promise.all([
    getSite(db, auth.tenantId, siteId),
    getShare(db, auth.tenantId, siteId),
  ]);
  if (own) return { site: own, access: "owner", ownerTenantId: auth.tenantId };
  if (share) {
    const site = await getSite(db, share.ownerTenantId, siteId);
    if (site) return { site, access: share.access, ownerTenantId: share.ownerTenantId };
  }
  throw notFound("The site");
}

/** Editing needs the editor role and, on a shared site, write access. */
export function requireSiteWrite(access: SiteAccess, auth: AuthContext): void {
  if (auth.via === "api_key") throw new AppError("forbidden", "API keys may read sites, not change them.");
  if (access.access === "read") {
    throw new AppError("forbidden", "This site is shared with you read-only.");
  }
  if (!roleAtLeast(auth.role, "editor")) {
    throw new AppError("forbidden", `This needs the editor role or higher; you are ${auth.role}.`);
  }
}

/** Sharing, deleting the site and naming its integrator are for the asset owner's admins. */
export function requireSiteAdmin(access: SiteAccess, auth: AuthContext): void {
  if (access.access !== "owner") {
    throw new AppError("forbidden", "Only the asset owner manages this site's sharing and lifecycle.");
  }
  if (!roleAtLeast(auth.role, "admin")) {
    throw new AppError("forbidden", `This needs the admin role or higher; you are ${auth.role}.`);
  }
}

export function writeContextFor(access: SiteAccess, auth: AuthContext, now: Date): WriteContext {
  const grantee = access.access !== "owner";
  return {
    ownerTenantId: access.ownerTenantId,
    siteId: access.site.id,
    actor: grantee ? `${auth.actor}@tenant:${auth.tenantId}` : auth.actor,
    now,
    granteeTenantId: grantee ? auth.tenantId : undefined,
  };
}
