import {
  buildSiteDocument,
  evaluate,
  type TComponentType,
  type TEvaluationComponent,
  type TEvaluationResult,
  type TSite,
  type TSiteDocument,
  type TSiteModel,
  WITHHELD_COMPONENT_NAME,
  ZEvaluationInput,
} from "@assure/shared";
import type { Db } from "../db/client";
import { listImpacts } from "../repos/advisories-impact";
import { listAssets } from "../repos/assets";
import { listConduits } from "../repos/conduits";
import { listCountermeasures } from "../repos/countermeasures";
import { listZones } from "../repos/sites";
import { listCatalog } from "./list-catalog";
import { componentRefKey, refsVisibleTo, resolveEvaluationComponents } from "./resolve-evaluation-components";
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

/**
 * The owner's components as a grantee may be shown them: one the grantee may not see keeps the owner's effective
 * levels and the basis that counted, so the engine gives the grantee the owner's verdicts, but loses its name,
 * requirement rows and certificate (a certified basis is stated by a certificate valid on the evaluation date and
 * nothing else). Security-context assumptions stay: they are what the grantee may owe.
 */
function withholdComponents(
  components: Map<string, TEvaluationComponent>,
  withheld: readonly string[],
  ownerResult: TEvaluationResult,
  evaluationDate: string,
): Map<string, TEvaluationComponent> {
  const effective = new Map(ownerResult.components.map((c) => [c.id, c]));
  const shown = new Map(components);
  for (const key of withheld) {
    const component = components.get(key);
    const outcome = effective.get(key);
    if (!component) continue;
    const basis = outcome?.basis ?? "self_declared";
    shown.set(key, {
      id: key,
      componentType: component.componentType,
      name: WITHHELD_COMPONENT_NAME,
      // End of support puts the asset at risk: part of the owner's verdict, not a claim detail.
      ...(component.endOfSupport ? { endOfSupport: component.endOfSupport } : {}),
      ...(outcome?.hasClaim
        ? {
            claim: {
              slC: [...outcome.slC],
              basis,
              ...(basis === "certified"
                ? {
                    certificate: {
                      status: "valid" as const,
                      issued: evaluationDate,
                      expires: evaluationDate,
                    },
                  }
                : {}),
              ...(component.claim?.securityContext
                ? { securityContext: component.claim.securityContext }
                : {}),
            },
          }
        : {}),
    });
  }
  return shown;
}

/** Candidates per component type: what the catalog offers (as the viewer sees it), at most this many. */
const CANDIDATES_PER_TYPE = 100;

export interface SiteEvaluation {
  document: TSiteDocument;
  result: TEvaluationResult;
}

/**
 * Evaluates a site with the engine: the assets' components resolved as the site's owner sees them (one BatchGet;
 * a grantee gets the owner's verdicts, without the details of components it may not see),
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
  const ownerTenantId = input.model.site.tenantId;
  const grantee = input.viewerTenantId !== ownerTenantId;
  const [ownerComponents, impacts, visible] = await Promise.all([
    // The evaluation is the owner's: components resolve as the owner sees them, whoever reads the site.
    resolveEvaluationComponents(db, ownerTenantId, refs),
    input.model.assets.length ? listImpacts(db, ownerTenantId, input.model.site.id) : Promise.resolve([]),
    grantee ? refsVisibleTo(db, input.viewerTenantId, refs) : Promise.resolve(undefined),
  ]);
  const model = withImpactAdvisories(input.model, impacts);
  const evaluationDate = input.now.toISOString().slice(0, 10);
  const documentWith = (components: Map<string, TEvaluationComponent>) =>
    buildSiteDocument(model, { components, keyOf: componentRefKey, evaluationDate, suggestions: 0 });
  const ownerDocument = documentWith(ownerComponents);
  const ownerResult = evaluate(ZEvaluationInput.parse(ownerDocument));
  const withheld = visible ? [...ownerComponents.keys()].filter((key) => !visible.has(key)) : [];
  const components =
    withheld.length > 0
      ? withholdComponents(ownerComponents, withheld, ownerResult, evaluationDate)
      : ownerComponents;
  const base = withheld.length > 0 ? documentWith(components) : ownerDocument;
  const baseResult = withheld.length > 0 ? evaluate(ZEvaluationInput.parse(base)) : ownerResult;
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
