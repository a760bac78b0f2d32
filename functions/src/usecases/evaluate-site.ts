import {
  buildSiteDocument,
  evaluate,
  type TComponentType,
  type TEvaluationResult,
  type TSite,
  type TSiteDocument,
  type TSiteModel,
  ZEvaluationInput,
} from "@assure/shared";
import type { Db } from "../db/client";
import { listImpacts } from "../repos/advisories-impact";
import { listAssets } from "../repos/assets";
import { listConduits } from "../repos/conduits";
import { listCountermeasures } from "../repos/countermeasures";
import { listZones } from "../repos/sites";
import { listCatalog } from "./list-catalog";
import { componentRefKey, resolveEvaluationComponents } from "./resolve-evaluation-components";
import { withImpactAdvisories } from "./site-advisories";

/** Everything below a site, in four parallel queries (never one read per zone or asset). */
export async function loadSiteModel(db: Db, site: TSite): Promise<TSiteModel> {
  const [zones, conduits, assets, countermeasures] = await Promise.all([
    listZones(db, site.tenantId, site.id),
    listConduits(db, site.tenantId, site.id),
    listAssets(db, site.tenantId, site.id),
    listCountermeasures(db, site.tenantId, site.id),
  ]);
  return { site, zones, conduits, assets, countermeasures };
}

/** Candidates per component type: what the catalog offers (as the viewer sees it), at most this many. */
const CANDIDATES_PER_TYPE = 100;

export interface SiteEvaluation {
  document: TSiteDocument;
  result: TEvaluationResult;
}

/**
 * Evaluates a site with the engine: the assets' components resolved as the viewer may see them (one BatchGet),
 * and the site's advisory impact items (one Query in the owner's partition) put on the assets as their
 * advisories, so affected assets are at risk and remediation obligations follow. With `suggestions`, catalog
 * components of the types that have gaps become candidates (one catalog query per such type) and the engine
 * ranks them per gap.
 */
export async function evaluateSite(
  db: Db,
  input: { viewerTenantId: string; model: TSiteModel; now: Date; suggestions?: number },
): Promise<SiteEvaluation> {
  const refs = input.model.assets.map((asset) => ({
    supplierTenantId: asset.supplierTenantId,
    componentId: asset.componentId,
    version: asset.version,
  }));
  const [components, impacts] = await Promise.all([
    resolveEvaluationComponents(db, input.viewerTenantId, refs),
    input.model.assets.length
      ? listImpacts(db, input.model.site.tenantId, input.model.site.id)
      : Promise.resolve([]),
  ]);
  const model = withImpactAdvisories(input.model, impacts);
  const evaluationDate = input.now.toISOString().slice(0, 10);
  const base = buildSiteDocument(model, {
    components,
    keyOf: componentRefKey,
    evaluationDate,
    suggestions: 0,
  });
  const baseResult = evaluate(ZEvaluationInput.parse(base));
  if (!input.suggestions) return { document: base, result: baseResult };

  const componentTypes = new Map(base.components.map((component) => [component.id, component.componentType]));
  const gapTypes = new Set<TComponentType>();
  for (const group of [...baseResult.zones, ...baseResult.conduits]) {
    for (const asset of group.assets) {
      const type = componentTypes.get(asset.componentId);
      if (type && asset.perFr.some((fr) => fr.verdict === "gap")) gapTypes.add(type);
    }
  }
  if (gapTypes.size === 0) return { document: base, result: baseResult };
  const pages = await Promise.all(
    [...gapTypes].map((componentType) =>
      listCatalog(
        db,
        { tenantId: input.viewerTenantId, today: evaluationDate },
        { componentType, limit: CANDIDATES_PER_TYPE },
      ),
    ),
  );
  const candidateRefs = pages.flatMap((page) =>
    page.items.map((entry) => ({ supplierTenantId: entry.supplierTenantId, componentId: entry.id })),
  );
  const resolved = await resolveEvaluationComponents(db, input.viewerTenantId, candidateRefs);
  const candidates = candidateRefs.flatMap((ref) => {
    const component = resolved.get(componentRefKey(ref));
    return component?.claim ? [{ component, ref }] : [];
  });
  const document = buildSiteDocument(model, {
    components,
    keyOf: componentRefKey,
    evaluationDate,
    candidates,
    suggestions: input.suggestions,
  });
  return { document, result: evaluate(ZEvaluationInput.parse(document)) };
}
