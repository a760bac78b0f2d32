import type { TAdvisoryOwner, TComponent, TMatchCandidate } from "@assure/shared";
import type { Db } from "../../db/client";
import { listOwnComponents, queryCatalog } from "../../repos/components";

/** Where product matching finds catalog components for an advisory of this owner. */
export type MatchCandidateSource = (owner: TAdvisoryOwner) => Promise<TMatchCandidate[]>;

export function toCandidate(component: TComponent): TMatchCandidate {
  return {
    id: component.id,
    supplierTenantId: component.supplierTenantId,
    vendor: component.vendor,
    name: component.name,
    productLine: component.productLine,
    identifiers: {
      purl: component.identifiers.purl,
      cpe: component.identifiers.cpe,
      modelNumbers: component.identifiers.modelNumbers,
    },
    versions: (component.published?.versions ?? []).map((release) => release.version),
    restricted: component.visibility.kind === "restricted",
  };
}

/** Every published public catalog component (the catalog index, page by page). */
export async function loadPublicCatalog(db: Db): Promise<TMatchCandidate[]> {
  const out: TMatchCandidate[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryCatalog(db, { limit: 100, cursor });
    out.push(...page.items.map(toCandidate));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * Platform advisories match the public catalog; a supplier's advisories match that supplier's own published
 * components (restricted ones included). With `cacheMs`, the platform catalog is read once per period — bulk
 * imports use this so 1,655 documents cost one catalog read, not 1,655.
 */
export function catalogCandidates(db: Db, options: { cacheMs?: number } = {}): MatchCandidateSource {
  let cached: { at: number; value: Promise<TMatchCandidate[]> } | undefined;
  return async (owner) => {
    if (owner.kind === "supplier") {
      const own = await listOwnComponents(db, owner.tenantId);
      return own.filter((c) => c.status === "published").map(toCandidate);
    }
    const ttl = options.cacheMs ?? 0;
    if (ttl > 0 && cached && Date.now() - cached.at < ttl) return cached.value;
    const value = loadPublicCatalog(db);
    cached = { at: Date.now(), value };
    value.catch(() => {
      cached = undefined;
    });
    return value;
  };
}
