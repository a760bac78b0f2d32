import { meetsVector, type TCatalogEntry, type TCatalogQuery, type TComponent } from "@assure/shared";
import type { Db } from "../db/client";
import { type CatalogViewer, factsMatchQuery } from "../repos/catalog-facts";
import { listSharedRowsWith, queryCatalog } from "../repos/components";
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
 * A page of the catalog as one tenant sees it today: published public components, plus (on the first page)
 * restricted ones their suppliers shared with this tenant. The certification and advisory filters run in
 * DynamoDB on the catalog facts (docs/adr/0033), and in memory with the same rules for the shared ones.
 */
export async function listCatalog(
  db: Db,
  viewer: CatalogViewer,
  query: TCatalogQuery,
): Promise<{ items: TCatalogEntry[]; nextCursor?: string | undefined }> {
  const page = await queryCatalog(db, query, viewer);
  const shared = query.cursor
    ? []
    : (await listSharedRowsWith(db, viewer.tenantId)).filter(
        ({ component, facts }) =>
          component.visibility.kind === "restricted" &&
          component.visibility.tenantIds.includes(viewer.tenantId) &&
          matchesQuery(component, query) &&
          factsMatchQuery(facts, query, viewer),
      );
  let items = await toCatalogEntries(db, [...shared, ...page.rows], viewer);
  if (query.verifiedOnly) items = items.filter((entry) => entry.supplier.verified);
  return { items, nextCursor: page.nextCursor };
}
