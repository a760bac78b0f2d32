import { decideForProducts } from "../advisory/decide-affected";
import type { TAdvisoryProduct } from "../advisory/list-advisory-products";
import { matchComponent } from "../advisory/match-component";
import { vendorCandidates } from "../advisory/normalize-name";
import type { TAdvisory } from "./advisory";
import type { TAdvisoryMatch, TAdvisoryRef, TMatchMethod } from "./advisory-match";

/** What matching needs of a catalog component (a published component, with its versions when known). */
export interface TMatchCandidate {
  id: string;
  supplierTenantId: string;
  vendor: string;
  name: string;
  productLine?: string | undefined;
  identifiers: { purl?: string | undefined; cpe?: string | undefined; modelNumbers: string[] };
  versions?: readonly string[] | undefined;
  /** Visible to named customers only (an NDA claim): not counted where every reader sees the count. */
  restricted?: boolean | undefined;
}

export const advisoryRef = (a: TAdvisory): TAdvisoryRef => ({
  id: a.id,
  owner: a.owner,
  trackingId: a.trackingId,
  revision: a.revision,
  title: a.title,
  severity: a.severity,
  cvssMax: a.cvssMax,
  currentReleaseDate: a.currentReleaseDate,
  cves: a.cves,
});

/**
 * Candidates worth matching: a vendor of the advisory matches the component's vendor, or the component has an
 * identifier (purl, CPE, model number) that can match regardless of vendor spelling.
 */
export function isMatchCandidate(vendorKeys: ReadonlySet<string>, c: TMatchCandidate): boolean {
  if (c.identifiers.purl || c.identifiers.cpe || c.identifiers.modelNumbers.length > 0) return true;
  return vendorCandidates(c.vendor).some((k) => vendorKeys.has(k));
}

/**
 * Matches an advisory's products to catalog components (docs/adr/0011): per component the strongest method
 * wins and every product matched by it is kept, so the asset's version can be decided later against their
 * ranges. `declared` maps product ids to the component an authoring supplier named (method `declared`, 1.0).
 * `decision` and `state` are left for the caller (tenant decisions are applied there). Pure.
 */
export function matchAdvisoryToComponents(input: {
  advisory: TAdvisory;
  products: TAdvisoryProduct[];
  components: readonly TMatchCandidate[];
  declared?: ReadonlyMap<string, string> | undefined;
  now: string;
}): Omit<TAdvisoryMatch, "decision" | "state">[] {
  const { advisory, products } = input;
  const vendorKeys = new Set(products.flatMap((p) => (p.vendor ? vendorCandidates(p.vendor) : [])));
  const byId = new Map(products.map((p) => [p.productId, p]));
  const out: Omit<TAdvisoryMatch, "decision" | "state">[] = [];
  for (const component of input.components) {
    const declaredProducts = [...(input.declared ?? [])]
      .filter(([, componentId]) => componentId === component.id)
      .flatMap(([productId]) => byId.get(productId) ?? []);
    let method: TMatchMethod;
    let confidence: number;
    let ambiguous: boolean;
    let matched: TAdvisoryProduct[];
    if (declaredProducts.length > 0) {
      method = "declared";
      confidence = 1;
      ambiguous = false;
      matched = declaredProducts;
    } else {
      if (!isMatchCandidate(vendorKeys, component)) continue;
      const found = matchComponent(products, {
        vendor: component.vendor,
        name: component.name,
        modelNumbers: component.identifiers.modelNumbers,
        purl: component.identifiers.purl ?? null,
        cpe: component.identifiers.cpe ?? null,
      });
      const best = found[0];
      if (!best) continue;
      const top = found.filter((m) => m.method === best.method && m.confidence === best.confidence);
      method = best.method;
      confidence = best.confidence;
      ambiguous = top.some((m) => m.ambiguous);
      matched = top.flatMap((m) => byId.get(m.productId) ?? []);
    }
    out.push({
      advisoryId: advisory.id,
      owner: advisory.owner,
      visibility: advisory.visibility,
      advisory: advisoryRef(advisory),
      componentId: component.id,
      supplierTenantId: component.supplierTenantId,
      componentName: component.name,
      componentVendor: component.vendor,
      method,
      confidence,
      ambiguous,
      products: matched,
      versions: (component.versions ?? []).map((version) => ({
        version,
        affected: decideForProducts(matched, version).affected,
      })),
      createdAt: input.now,
      updatedAt: input.now,
    });
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.componentName.localeCompare(b.componentName));
}
