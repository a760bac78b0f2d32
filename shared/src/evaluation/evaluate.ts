import type { TAssuranceBasis, TComponentType } from "../domain/component";
import {
  combineRaises,
  indexCountermeasures,
  NO_RAISE,
  raiseFromCountermeasures,
  raiseThroughEveryConduit,
  type TRaiseProfile,
} from "../engine/apply-countermeasures";
import { ObligationCollector } from "../engine/collect-obligations";
import { evaluateAssetGroup, type TAssetGroupContext } from "../engine/evaluate-asset-group";
import {
  resolveComponentCapability,
  type TComponentCapability,
} from "../engine/resolve-component-capability";
import { maxVector, zeroVector } from "../engine/security-levels";
import {
  rankCandidates,
  suggestFromRanked,
  type TSuggestion,
  type TSuggestionCandidate,
} from "../engine/suggest-components";
import type { TReason } from "../engine/verdict-reason";
import type { TEvaluationInput } from "./evaluation-input";
import {
  EVALUATION_FORMAT_VERSION,
  type TConduitResult,
  type TEvaluationResult,
  type TZoneResult,
} from "./evaluation-result";
import { EMPTY_ZONE_TEXT } from "./group-status";

const DEFAULT_SUGGESTIONS = 3;

/**
 * Evaluates a (validated) evaluation document: per asset and FR a verdict with reasons, per zone the weakest-link
 * SL-A and compliance, conduits against their SL-T, advisories, obligations and suggestions. Pure and
 * synchronous: the same document always gives the same result. Work that does not depend on the asset
 * (capabilities, countermeasure indexes, zone raises, suggestion lists) is done once.
 */
export function evaluate(input: TEvaluationInput): TEvaluationResult {
  const evaluationDate = input.evaluationDate;
  const capabilities = new Map<string, TComponentCapability>();
  for (const component of input.components) {
    capabilities.set(component.id, resolveComponentCapability(component, evaluationDate));
  }

  const countermeasures = indexCountermeasures(input.countermeasures ?? []);
  const conduits = input.conduits ?? [];
  const conduitRaises = new Map<string, TRaiseProfile>();
  const conduitRaisesByZone = new Map<string, TRaiseProfile[]>();
  for (const conduit of conduits) {
    const raise = raiseFromCountermeasures(countermeasures.conduit.get(conduit.id));
    conduitRaises.set(conduit.id, raise);
    for (const zoneId of new Set([conduit.from, conduit.to])) {
      const raises = conduitRaisesByZone.get(zoneId);
      if (raises) raises.push(raise);
      else conduitRaisesByZone.set(zoneId, [raise]);
    }
  }

  const suggestionLimit = input.options?.suggestions ?? DEFAULT_SUGGESTIONS;
  const context: TAssetGroupContext = {
    capabilities,
    assetCountermeasures: countermeasures.asset,
    suggest: createSuggester(capabilities, suggestionLimit),
    suggestionLimit,
  };

  const zones = input.zones.map((zone): TZoneResult => {
    const minimumBasis = zone.minimumBasis ?? "self_declared";
    const zoneCountermeasures = countermeasures.zone.get(zone.id);
    const raise = combineRaises(
      raiseFromCountermeasures(zoneCountermeasures),
      raiseThroughEveryConduit(conduitRaisesByZone.get(zone.id) ?? []),
    );
    const obligations = new ObligationCollector({ zoneId: zone.id });
    for (const countermeasure of zoneCountermeasures ?? []) obligations.addCountermeasure(countermeasure);
    const assets = zone.assets ?? [];
    const group = evaluateAssetGroup(assets, zone.slT, minimumBasis, raise, context, obligations);
    const reasons = group.reasons;
    if (assets.length === 0) reasons.unshift(emptyReason("zone_empty", EMPTY_ZONE_TEXT));
    return {
      id: zone.id,
      ...(zone.name === undefined ? {} : { name: zone.name }),
      slT: [...zone.slT],
      slA: group.slA,
      compliant: assets.length > 0 && group.basisMet && reachesTarget(group.slA, zone.slT),
      empty: assets.length === 0,
      minimumBasis,
      basisMet: group.basisMet,
      reasons,
      assets: group.assets,
      obligations: obligations.list(),
      counts: group.counts,
    };
  });

  const zoneTargets = new Map(input.zones.map((zone) => [zone.id, zone.slT]));
  const conduitResults = conduits.map((conduit): TConduitResult => {
    const slTInherited = conduit.slT === undefined;
    const slT =
      conduit.slT ??
      maxVector(zoneTargets.get(conduit.from) ?? zeroVector(), zoneTargets.get(conduit.to) ?? zeroVector());
    const minimumBasis: TAssuranceBasis = conduit.minimumBasis ?? "self_declared";
    const raise = conduitRaises.get(conduit.id) ?? NO_RAISE;
    const obligations = new ObligationCollector({ conduitId: conduit.id });
    for (const countermeasure of countermeasures.conduit.get(conduit.id) ?? [])
      obligations.addCountermeasure(countermeasure);
    const assets = conduit.assets ?? [];
    const group = evaluateAssetGroup(assets, slT, minimumBasis, raise, context, obligations);
    const reasons = group.reasons;
    // A conduit without devices is only as strong as the countermeasures recorded on it.
    const slA = assets.length === 0 ? [...raise.levels] : group.slA;
    if (assets.length === 0) {
      reasons.unshift(
        emptyReason(
          "conduit_without_assets",
          "No assets on the conduit: its SL-A is what its own countermeasures reach.",
        ),
      );
    }
    if (slTInherited) {
      reasons.unshift(
        emptyReason(
          "conduit_target_inherited",
          `No SL-T given: using the stricter of zones ${conduit.from} and ${conduit.to}, [${slT.join(", ")}].`,
        ),
      );
    }
    return {
      id: conduit.id,
      ...(conduit.name === undefined ? {} : { name: conduit.name }),
      from: conduit.from,
      to: conduit.to,
      slT: [...slT],
      slTInherited,
      slA,
      compliant: group.basisMet && reachesTarget(slA, slT),
      minimumBasis,
      basisMet: group.basisMet,
      reasons,
      assets: group.assets,
      obligations: obligations.list(),
      counts: group.counts,
    };
  });

  const components = input.components.map((component) => {
    const capability = capabilities.get(component.id);
    return {
      id: component.id,
      componentType: component.componentType,
      hasClaim: capability?.hasClaim ?? false,
      declaredSlC: capability?.declaredSlC ? [...capability.declaredSlC] : null,
      derivedSlC: capability?.derivedSlC ? [...capability.derivedSlC] : null,
      slC: capability ? [...capability.slC] : zeroVector(),
      declaredBasis: capability?.declaredBasis ?? null,
      basis: capability?.basis ?? null,
      reasons: capability?.basisReason ? [capability.basisReason] : [],
      inconsistencies: capability ? [...capability.inconsistencies] : [],
    };
  });

  const groups = [...zones, ...conduitResults];
  const sum = (pick: (group: TZoneResult | TConduitResult) => number) =>
    groups.reduce((total, group) => total + pick(group), 0);
  return {
    formatVersion: EVALUATION_FORMAT_VERSION,
    evaluationDate,
    summary: {
      zones: zones.length,
      compliantZones: zones.filter((zone) => zone.compliant).length,
      emptyZones: zones.filter((zone) => zone.empty).length,
      conduits: conduitResults.length,
      compliantConduits: conduitResults.filter((conduit) => conduit.compliant).length,
      assets: sum((group) => group.counts.assets),
      atRiskAssets: sum((group) => group.counts.atRisk),
      meets: sum((group) => group.counts.meets),
      covered: sum((group) => group.counts.covered),
      gap: sum((group) => group.counts.gap),
      obligations: sum((group) => group.obligations.length),
      inconsistencies: components.reduce((total, component) => total + component.inconsistencies.length, 0),
    },
    components,
    zones,
    conduits: conduitResults,
  };
}

function reachesTarget(slA: readonly number[], slT: readonly number[]): boolean {
  return slT.every((target, i) => (slA[i] ?? 0) >= target);
}

function emptyReason(code: TReason["code"], message: string): TReason {
  return { code, message };
}

/** Ranks the document's own components as replacements; candidates are grouped by type once. */
function createSuggester(capabilities: ReadonlyMap<string, TComponentCapability>, limit: number) {
  if (limit <= 0) return undefined;
  const candidatesByType = new Map<TComponentType, TSuggestionCandidate[]>();
  for (const capability of capabilities.values()) {
    if (!capability.componentType || !capability.hasClaim) continue;
    const candidate = {
      componentId: capability.componentId,
      componentType: capability.componentType,
      slC: capability.slC,
      basis: capability.basis,
    };
    const group = candidatesByType.get(capability.componentType);
    if (group) group.push(candidate);
    else candidatesByType.set(capability.componentType, [candidate]);
  }
  const rankedByType = new Map(
    [...candidatesByType].map(([componentType, group]) => [componentType, rankCandidates(group)]),
  );
  // One extra, so dropping the asset's own component still leaves `limit` suggestions.
  return (
    componentType: TComponentType,
    slT: readonly number[],
    minimumBasis: TAssuranceBasis,
  ): TSuggestion[] =>
    suggestFromRanked(rankedByType.get(componentType) ?? [], { componentType, slT, minimumBasis }, limit + 1);
}
