import type { TSite } from "@assure/shared";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { listGrants } from "../repos/grants";
import { batchWrite, queryKeys } from "../repos/site-items";
import { deleteSiteItem } from "../repos/sites";

/**
 * Deletes a site: the site item first (the commit point, with the audit event), then its children, grants and
 * the grantees' pointers in batches. A clean-up cut short leaves only unreachable items behind.
 */
export async function deleteSite(
  db: Db,
  input: { site: TSite; expectedVersion: number; actor: string; now: Date },
): Promise<void> {
  const grants = await listGrants(db, input.site.tenantId, input.site.id);
  await deleteSiteItem(db, input);
  const pk = keys.tenantPrefix(input.site.tenantId);
  const prefixes = [
    keys.zonePrefix(input.site.id),
    keys.assetPrefix(input.site.id),
    keys.conduitPrefix(input.site.id),
    keys.countermeasurePrefix(input.site.id),
    keys.obligationPrefix(input.site.id),
    keys.siteGrantPrefix(input.site.id),
  ];
  const children = (await Promise.all(prefixes.map((prefix) => queryKeys(db, pk, prefix)))).flat();
  await batchWrite(db, [
    ...children.map((key) => ({ delete: key })),
    ...grants
      .filter((grant) => !grant.revokedAt)
      .map((grant) => ({ delete: keys.siteShare(grant.granteeTenantId, input.site.id) })),
  ]);
}
