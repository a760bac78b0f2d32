import { type TSharedSite, ZSite } from "@assure/shared";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import { getTenantsById } from "../repos/components";
import { listShares } from "../repos/grants";

/** "Sites shared with me": the grantee's pointers, then the sites and their owners in one BatchGet each. */
export async function listSharedSites(db: Db, granteeTenantId: string): Promise<TSharedSite[]> {
  const shares = await listShares(db, granteeTenantId);
  if (shares.length === 0) return [];
  const [siteItems, owners] = await Promise.all([
    batchGetItems(
      db,
      shares.map((share) => keys.site(share.ownerTenantId, share.siteId)),
    ),
    getTenantsById(db, [...new Set(shares.map((share) => share.ownerTenantId))]),
  ]);
  const sites = new Map(parseItems(ZSite, siteItems).map((site) => [site.id, site]));
  return shares.flatMap((share) => {
    const site = sites.get(share.siteId);
    if (!site) return [];
    return [
      {
        siteId: site.id,
        ownerTenantId: share.ownerTenantId,
        ownerName: owners.get(share.ownerTenantId)?.name ?? "Asset owner",
        siteName: site.name,
        location: site.location,
        access: share.access,
        grantedAt: share.grantedAt,
      },
    ];
  });
}
