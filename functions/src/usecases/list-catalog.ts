import { meetsVector, type TCatalogEntry, type TCatalogQuery, type TComponent } from "@assure/shared";
import type { Db } from "../db/client";
import { listSharedWith, queryCatalog } from "../repos/components";
import { toCatalogEntries } from "./catalog-entries";

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, " ");

function matchesQuery(component: TComponent, query: TCatalogQuery): boolean {
  if (component.status !== "published" || !component.published) return false;
  if (query.componentType && component.componentType !== query.componentType) return false;
  if (query.minSl && !meetsVector(component.published.slC, query.minSl)) return false;
  const haystack = normalise(
    [component.name, component.vendor, component.productLine, ...component.identifiers.modelNumbers].join(
      " ",
    ),
  );
  if (
    query.q &&
    !normalise(query.q)
      .trim()
      .split(/\s+/)
      .every((word) => haystack.includes(word))
  )
    return false;
  if (query.vendor && !normalise(component.vendor).includes(normalise(query.vendor).trim())) return false;
  return true;
}

/**
 * A page of the catalog as one tenant sees it: published public components, plus (on the first page)
 * restricted ones their suppliers shared with this tenant.
 */
export async function listCatalog(
  db: Db,
  viewerTenantId: string,
  query: TCatalogQuery,
): Promise<{ items: TCatalogEntry[]; nextCursor?: string | undefined }> {
  const page = await queryCatalog(db, query);
  const shared = query.cursor
    ? []
    : (await listSharedWith(db, viewerTenantId)).filter(
        (component) =>
          component.visibility.kind === "restricted" &&
          component.visibility.tenantIds.includes(viewerTenantId) &&
          matchesQuery(component, query),
      );
  let items = await toCatalogEntries(db, [...shared, ...page.items]);
  if (query.verifiedOnly) items = items.filter((entry) => entry.supplier.verified);
  return { items, nextCursor: page.nextCursor };
}
