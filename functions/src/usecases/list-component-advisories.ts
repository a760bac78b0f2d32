import {
  COMPONENT_ADVISORY_STATUSES,
  type ComponentAdvisoryDecision,
  componentAdvisoryStatus,
  type TAdvisory,
  type TAdvisoryMatch,
} from "@assure/shared";
import type { AuthContext } from "../auth/actor";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { getAdvisoriesByRef, listMatchesForComponent } from "../repos/advisories";
import { getComponent } from "./get-component";
import { ownsAdvisory } from "./read-advisory";

export interface ComponentAdvisoryRow extends ComponentAdvisoryDecision {
  advisory: TAdvisory;
  match: TAdvisoryMatch;
}

const STATUS_ORDER = new Map(COMPONENT_ADVISORY_STATUSES.map((status, i) => [status, i]));

/**
 * The advisories naming a component, as one reader may see them: the component must be readable (else 404, as
 * for the component itself), and each advisory too — published public ones, the reader's own, and restricted
 * ones that name the reader and whose share pointer is in the reader's partition (one BatchGet for all pointers).
 * Each carries its status for the component's newest published version (docs/adr/0033). Open first, then newest.
 */
export async function listComponentAdvisories(
  db: Db,
  auth: AuthContext,
  componentId: string,
): Promise<ComponentAdvisoryRow[]> {
  const view = await getComponent(db, auth, componentId);
  const versions = view.component.published?.versions ?? [];
  const matches = await listMatchesForComponent(db, componentId);
  const named = matches.filter(
    (m) =>
      m.visibility.kind === "restricted" &&
      !(m.owner.kind === "supplier" && m.owner.tenantId === auth.tenantId) &&
      m.visibility.tenantIds.includes(auth.tenantId),
  );
  const pointers = new Set(
    (
      await batchGetItems(
        db,
        named.map((m) => keys.advisoryShare(auth.tenantId, m.advisoryId)),
      )
    ).map((item) => String(item.advisoryId)),
  );
  const advisories = new Map(
    (
      await getAdvisoriesByRef(
        db,
        matches.map((m) => ({ id: m.advisoryId, owner: m.owner })),
      )
    ).map((a) => [a.id, a]),
  );
  const rows: ComponentAdvisoryRow[] = [];
  for (const match of matches) {
    const advisory = advisories.get(match.advisoryId);
    if (!advisory) continue;
    const readable = ownsAdvisory(advisory, auth.tenantId)
      ? true
      : advisory.state === "published" &&
        (advisory.visibility.kind === "public" ||
          (advisory.visibility.tenantIds.includes(auth.tenantId) && pointers.has(advisory.id)));
    if (!readable) continue;
    rows.push({ advisory, match, ...componentAdvisoryStatus(match, versions) });
  }
  return rows.sort(
    (a, b) =>
      (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) ||
      b.advisory.currentReleaseDate.localeCompare(a.advisory.currentReleaseDate),
  );
}
