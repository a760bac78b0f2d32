import { type TCatalogEntry, type TComponent, ZCatalogEntry } from "@assure/shared";
import type { Db } from "../db/client";
import { getCertificationsMany } from "../repos/certifications";
import { getTenantsById } from "../repos/components";

/**
 * Joins published components with their suppliers and the certifications their published claims rest on
 * (one BatchGet each for the page) into what readers see.
 */
export async function toCatalogEntries(db: Db, components: TComponent[]): Promise<TCatalogEntry[]> {
  const certRefs = components.flatMap((component) =>
    (component.published?.claims ?? []).flatMap((claim) =>
      claim.certificationId
        ? [{ supplierTenantId: component.supplierTenantId, certificationId: claim.certificationId }]
        : [],
    ),
  );
  const [suppliers, certifications] = await Promise.all([
    getTenantsById(
      db,
      components.map((component) => component.supplierTenantId),
    ),
    getCertificationsMany(db, certRefs),
  ]);
  return components.flatMap((component) => {
    const supplier = suppliers.get(component.supplierTenantId);
    if (!supplier || !component.published) return [];
    const { draft: _draft, version: _version, ...visible } = component;
    const ids = [...new Set(component.published.claims.flatMap((claim) => claim.certificationId ?? []))];
    return [
      ZCatalogEntry.parse({
        ...visible,
        supplier: {
          id: supplier.id,
          name: supplier.name,
          slug: supplier.slug,
          verified: Boolean(supplier.supplierVerification),
        },
        certifications: ids.flatMap((id) => {
          const certification = certifications.get(id);
          if (!certification || certification.supplierTenantId !== component.supplierTenantId) return [];
          const { version: _v, ...view } = certification;
          return [view];
        }),
      }),
    ];
  });
}
