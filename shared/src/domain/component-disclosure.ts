import {
  PUBLISHED_DETAILS,
  type TComponent,
  type TLiveVisibility,
  type TPendingDetails,
  type TVisibility,
} from "./component";

/**
 * What evaluations show for a component the viewer may not see (a draft, or a restriction that does not, or no
 * longer, name it) instead of its name: nothing about it leaks, and the portal can explain the gap.
 */
export const RESTRICTED_COMPONENT_NAME = "Restricted component";

/**
 * What a site's grantee sees for a component the site's owner may read and the grantee may not: the owner's
 * verdicts and levels count, its name and claim details stay with the owner.
 */
export const WITHHELD_COMPONENT_NAME = "Restricted component (details visible to the site owner)";

type AnyVisibility = { kind: "public" } | { kind: "restricted"; tenantIds: string[] };

/**
 * A restriction as a reader other than its owner may see it: whether it names the reader, never whom else it
 * names (customers under NDA must not learn of one another). The owner sees it whole.
 */
export function visibilityAsSeenBy<V extends AnyVisibility>(
  visibility: V,
  viewerTenantId: string,
  isOwner: boolean,
): V {
  if (isOwner || visibility.kind !== "restricted") return visibility;
  return { ...visibility, tenantIds: visibility.tenantIds.filter((id) => id === viewerTenantId) };
}

export function sameVisibility(a: AnyVisibility, b: AnyVisibility): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "public" || b.kind === "public") return true;
  const left = [...new Set(a.tenantIds)].sort();
  const right = [...new Set(b.tenantIds)].sort();
  return left.length === right.length && left.every((id, i) => id === right[i]);
}

/**
 * The part of a requested restriction that may apply before publishing: only what nobody gains by, i.e. the
 * readers both the live and the requested visibility admit. Public ∩ X = X; restricted ∩ public = restricted;
 * two restrictions: the customers named in both (possibly none, until the next publication).
 */
export function narrowestVisibility(live: TLiveVisibility, requested: TVisibility): TLiveVisibility {
  if (live.kind === "public") return requested;
  if (requested.kind === "public") return live;
  const wanted = new Set(requested.tenantIds);
  return { kind: "restricted", tenantIds: live.tenantIds.filter((id) => wanted.has(id)) };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The component as its next publication would show it: the live details with the pending edits applied. */
export function draftDetails(component: TComponent): TComponent {
  const { pending, ...rest } = component;
  return { ...rest, ...pending };
}

/**
 * Splits an edit of a component into what applies now and what waits for publishing. Before the first
 * publication nothing is live, so everything applies. Afterwards the published details stay as they are,
 * except a tightened restriction (applied at once, see narrowestVisibility); every other change, a loosened
 * restriction included, is kept in `pending` and applied when the supplier publishes.
 */
export function stageEdit(before: TComponent, edited: TComponent): TComponent {
  const { pending: _pending, ...next } = edited;
  if (!before.published) return next;
  const live = { ...next };
  const pending: Record<string, unknown> = {};
  for (const field of PUBLISHED_DETAILS) {
    if (field === "visibility") {
      live.visibility = narrowestVisibility(before.visibility, edited.visibility as TVisibility);
      if (!sameVisibility(live.visibility, edited.visibility)) pending.visibility = edited.visibility;
      continue;
    }
    Object.assign(live, { [field]: before[field] });
    if (!sameValue(before[field], edited[field])) pending[field] = edited[field];
  }
  return Object.keys(pending).length > 0 ? { ...live, pending: pending as TPendingDetails } : live;
}
