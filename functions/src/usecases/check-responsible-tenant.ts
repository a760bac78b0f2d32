import type { TSite } from "@assure/shared";
import { AppError } from "../app-error";
import type { Db } from "../db/client";
import { listAssets } from "../repos/assets";
import { listGrants } from "../repos/grants";

/**
 * The tenants a countermeasure on this site may name as responsible: the owner itself, its named integrator, the
 * tenants it is actively shared with, and the suppliers of components deployed on it. Anyone else would be made
 * to "owe" an obligation (and see the site's name in its owed list) for a site it has nothing to do with.
 * Two queries in the owner's partition, in parallel.
 */
export async function responsibleTenantsOf(db: Db, site: TSite): Promise<Set<string>> {
  const [grants, assets] = await Promise.all([
    listGrants(db, site.tenantId, site.id),
    listAssets(db, site.tenantId, site.id),
  ]);
  const tenants = new Set<string>([site.tenantId]);
  if (site.integratorTenantId) tenants.add(site.integratorTenantId);
  for (const grant of grants) if (!grant.revokedAt) tenants.add(grant.granteeTenantId);
  for (const asset of assets) tenants.add(asset.supplierTenantId);
  return tenants;
}

/**
 * Refuses a `responsibleTenantId` outside {@link responsibleTenantsOf}. No id passes, and so does the one the
 * countermeasure already names (`current`): an edit form sends it back unchanged, and a supplier whose component
 * has since left the site still owes what it agreed to until someone changes it.
 */
export async function assertResponsibleTenant(
  db: Db,
  site: TSite,
  tenantId: string | undefined,
  current?: string,
): Promise<void> {
  if (tenantId === undefined || tenantId === site.tenantId || tenantId === current) return;
  if ((await responsibleTenantsOf(db, site)).has(tenantId)) return;
  throw new AppError(
    "validation_failed",
    "A countermeasure can only make responsible this site's owner, its integrator, a tenant it is shared with, or the supplier of a component deployed on it.",
    {
      errors: [
        {
          path: "/responsibleTenantId",
          message: "not the owner, integrator, a grantee or a supplier of this site",
          in: "body" as const,
        },
      ],
    },
  );
}
