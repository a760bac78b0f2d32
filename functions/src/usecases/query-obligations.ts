import {
  isOverdue,
  roleAtLeast,
  type TObligationListQuery,
  type TSiteObligation,
  ZSiteObligation,
} from "@assure/shared";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { AppError, notFound } from "../app-error";
import type { AuthContext } from "../auth/actor";
import type { Db } from "../db/client";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import { listOwedObligations } from "../repos/obligations";
import { compareBy } from "./paginate-in-memory";
import { resolveSiteAccess, type SiteAccess } from "./resolve-site-access";

const STATUS_ORDER = { open: 0, in_progress: 1, met: 2, waived: 3 } as const;

/** Filters and sorts obligations read whole (a site's, or those a tenant owes). */
export function filterObligations<T extends TSiteObligation>(
  items: readonly T[],
  query: TObligationListQuery,
  today: string,
): T[] {
  const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const selected = items.filter(
    (o) =>
      (query.includeRetired || o.active) &&
      (!query.status || o.status === query.status) &&
      (!query.party || o.responsibleParty === query.party) &&
      (!query.source || o.source === query.source) &&
      (query.overdue === undefined || isOverdue(o, today) === query.overdue) &&
      words.every((word) =>
        `${o.text} ${o.subject.label} ${o.reference ?? ""} ${o.obligeeName ?? ""}`
          .toLowerCase()
          .includes(word),
      ),
  );
  const value = {
    due: (o: T) => o.due ?? "9999-12-31",
    status: (o: T) => STATUS_ORDER[o.status],
    party: (o: T) => o.responsibleParty,
    source: (o: T) => o.source,
    text: (o: T) => o.text.toLowerCase(),
    updated: (o: T) => o.updatedAt,
  }[query.sort];
  // Ties keep a site's obligations together, in text order (across sites for the obligations a tenant owes).
  return [...selected].sort(
    (a, b) =>
      compareBy(value, query.order)(a, b) ||
      a.siteId.localeCompare(b.siteId) ||
      a.text.localeCompare(b.text) ||
      a.id.localeCompare(b.id),
  );
}

export type ObligationRole = "owner" | "write" | "read" | "obligee";

export interface ObligationAccess {
  obligation: TSiteObligation;
  role: ObligationRole;
  site?: SiteAccess;
}

/**
 * The caller's access to one obligation: through the site (owner or grantee), or as the tenant that owes it
 * (found in the byIdentifier index under its own tenant id, so nobody else's obligations can be reached).
 */
export async function resolveObligationAccess(
  db: Db,
  auth: AuthContext,
  siteId: string,
  obligationId: string,
): Promise<ObligationAccess> {
  const site = await resolveSiteAccess(db, auth, siteId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") return undefined;
    throw error;
  });
  if (site) {
    const { Item } = await db.doc.send(
      new GetCommand({
        TableName: db.tableName,
        Key: keys.obligation(site.ownerTenantId, siteId, obligationId),
        ConsistentRead: true,
      }),
    );
    if (!Item) throw notFound("The obligation");
    const obligation = parseItem(ZSiteObligation, Item);
    // A read-only grantee still works on what it owes itself (the responsible integrator with a read grant).
    const role =
      site.access === "read" && obligation.obligeeTenantId === auth.tenantId ? "obligee" : site.access;
    return { obligation, role, site };
  }
  const [owed] = await listOwedObligations(db, auth.tenantId, obligationId);
  if (!owed || owed.siteId !== siteId) throw notFound("The obligation");
  // The index is eventually consistent: read the item itself for the current version.
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.obligation(owed.ownerTenantId, siteId, obligationId),
      ConsistentRead: true,
    }),
  );
  const obligation = Item ? parseItem(ZSiteObligation, Item) : undefined;
  if (!obligation || obligation.obligeeTenantId !== auth.tenantId) throw notFound("The obligation");
  return { obligation, role: "obligee" };
}

/** Working on an obligation (status, evidence, waiver requests): editors of the owner, a write grantee, the obligee. */
export function requireObligationWork(access: ObligationAccess, auth: AuthContext) {
  if (access.role === "read") throw new AppError("forbidden", "This site is shared with you read-only.");
  if (!roleAtLeast(auth.role, "editor"))
    throw new AppError("forbidden", `This needs the editor role or higher; you are ${auth.role}.`);
  if (!access.obligation.active)
    throw new AppError("conflict", "This obligation is retired: its source is no longer part of the site.");
}
