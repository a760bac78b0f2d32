import {
  type TAdvisory,
  type TAdvisoryDetail,
  type TAdvisoryImpact,
  visibilityAsSeenBy,
  ZAdvisoryDetail,
  ZComponent,
} from "@assure/shared";
import { notFound } from "../app-error";
import type { AuthContext } from "../auth/actor";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import {
  findAdvisoryById,
  getMatchDecisions,
  isAdvisorySharedWith,
  listAdvisoryMatches,
  listAdvisoryRevisions,
} from "../repos/advisories";
import { listImpactsForAdvisory } from "../repos/advisories-impact";

/** Is the caller's tenant the advisory's owner? */
export const ownsAdvisory = (advisory: TAdvisory, tenantId: string) =>
  advisory.owner.kind === "supplier" && advisory.owner.tenantId === tenantId;

/**
 * Who a restricted advisory is shared with is its owner's business (the platform operator's for platform
 * advisories): every other reader sees a restriction naming itself only, never the other customers.
 */
export function advisoryAsSeenBy<T extends Pick<TAdvisory, "owner" | "visibility">>(
  advisory: T,
  auth: Pick<AuthContext, "tenantId" | "platformOperator">,
): T {
  const isOwner =
    advisory.owner.kind === "supplier" ? advisory.owner.tenantId === auth.tenantId : auth.platformOperator;
  return { ...advisory, visibility: visibilityAsSeenBy(advisory.visibility, auth.tenantId, isOwner) };
}

/**
 * An advisory the caller may read, else 404 (never 403, which would confirm it exists): published public ones
 * for everyone; drafts for their supplier only; restricted ones for their supplier and the named tenants.
 */
export async function readableAdvisory(db: Db, auth: AuthContext, advisoryId: string): Promise<TAdvisory> {
  const advisory = await findAdvisoryById(db, advisoryId);
  if (!advisory) throw notFound("The advisory");
  if (ownsAdvisory(advisory, auth.tenantId)) return advisory;
  if (advisory.state !== "published") throw notFound("The advisory");
  if (advisory.visibility.kind === "restricted") {
    const named = advisory.visibility.tenantIds.includes(auth.tenantId);
    if (!named || !(await isAdvisorySharedWith(db, auth.tenantId, advisory.id)))
      throw notFound("The advisory");
  }
  return advisory;
}

/**
 * The detail view: matches to components the reader may see (one BatchGet of the components), the reader's own
 * decisions (one BatchGet) and the reader's own impact (one query of its partition), and the revision history.
 */
export async function advisoryDetail(
  db: Db,
  auth: AuthContext,
  advisoryId: string,
): Promise<TAdvisoryDetail> {
  const advisory = await readableAdvisory(db, auth, advisoryId);
  const [matches, revisions, impacts] = await Promise.all([
    listAdvisoryMatches(db, advisory),
    listAdvisoryRevisions(db, advisory),
    listImpactsForAdvisory(db, auth.tenantId, advisory.id),
  ]);
  const components = parseItems(
    ZComponent,
    await batchGetItems(
      db,
      matches.map((m) => keys.component(m.supplierTenantId, m.componentId)),
    ),
  );
  const visible = new Set(
    components
      .filter(
        (c) =>
          c.supplierTenantId === auth.tenantId ||
          (c.status === "published" &&
            (c.visibility.kind === "public" || c.visibility.tenantIds.includes(auth.tenantId))),
      )
      .map((c) => c.id),
  );
  const shown = matches.filter((m) => visible.has(m.componentId));
  const decisions = await getMatchDecisions(
    db,
    [auth.tenantId],
    shown.map((m) => ({ advisoryId: advisory.id, componentId: m.componentId })),
  );
  const { authored, ...visibleFields } = advisoryAsSeenBy(advisory, auth);
  return ZAdvisoryDetail.parse({
    ...visibleFields,
    // What the supplier wrote (for its edit form) stays with the supplier.
    ...(authored && ownsAdvisory(advisory, auth.tenantId) ? { authored } : {}),
    matches: shown.map(({ products, ...m }) => ({
      ...advisoryAsSeenBy(m, auth),
      productIds: products.map((p) => p.productId),
    })),
    myDecisions: [...decisions.values()],
    myImpacts: impacts satisfies TAdvisoryImpact[],
    revisions: revisions.map((r) => ({
      revision: r.revision,
      storedAt: r.storedAt,
      sha256: r.document.sha256,
      size: r.document.size,
    })),
  });
}
