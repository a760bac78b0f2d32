import { type TCatalogEntry, type TComponent, ZCatalogEntry } from "@assure/shared";
import type { Db } from "../db/client";
import { getTenantsById } from "../repos/components";

/** Joins published components with their suppliers (one BatchGet for the page) into what readers see. */
export async function toCatalogEntries(db: Db, components: TComponent[]): Promise<TCatalogEntry[]> {
  const suppliers = await getTenantsById(
    db,
    components.map((component) => component.supplierTenantId),
  );
  return components.flatMap((component) => {
    const supplier = suppliers.get(component.supplierTenantId);
    if (!supplier || !component.published) return [];
    const { draft: _draft, version: _version, ...visible } = component;
    return [
      ZCatalogEntry.parse({
        ...visible,
        supplier: {
          id: supplier.id,
          name: supplier.name,
          slug: supplier.slug,
          verified: Boolean(supplier.supplierVerification),
        },
      }),
    ];
  });
}
