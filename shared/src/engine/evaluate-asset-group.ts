import type { TAssuranceBasis } from "../domain/component";
import {
  combineRaises,
  raiseFromCountermeasures,
  type TCountermeasure,
  type TRaiseProfile,
} from "./apply-countermeasures";
import { isAdvisoryOpen, openAdvisoryReason, type TAssetAdvisory } from "./assess-advisories";
import type { ObligationCollector } from "./collect-obligations";
import { judgeFrVerdict, type TFrVerdict } from "./judge-fr-verdict";
import { meetsMinimumBasis } from "./resolve-assurance-basis";
import type { TComponentCapability } from "./resolve-component-capability";
import { FR_COUNT, FR_NUMBERS, frLabel, zeroVector } from "./security-levels";
import type { TSuggestion } from "./suggest-components";
import type { TReason } from "./verdict-reason";

export type TAssetInput = {
  id: string;
  componentId: string;
  name?: string | undefined;
  advisories?: readonly TAssetAdvisory[] | undefined;
};

export type TAssetEvaluation = {
  id: string;
  componentId: string;
  /** One verdict per FR, FR1 first. */
  perFr: TFrVerdict[];
  atRisk: boolean;
  /** The basis that counts on the evaluation date; null without a claim. */
  basis: TAssuranceBasis | null;
  /** Asset-wide reasons: missing claim, certificate, open advisories. */
  reasons: TReason[];
  /** Components of the same type in the document that would close every gap, best first. */
  suggestions?: TSuggestion[];
};

export type TVerdictCounts = { assets: number; atRisk: number; meets: number; covered: number; gap: number };

export type TAssetGroupEvaluation = {
  assets: TAssetEvaluation[];
  /** Weakest link: per FR the lowest effective level over the assets (zeros without assets). */
  slA: number[];
  basisMet: boolean;
  /** Group-wide reasons: FRs below target with the assets holding them back, assets below the minimum basis. */
  reasons: TReason[];
  counts: TVerdictCounts;
};

export type TAssetGroupContext = {
  capabilities: ReadonlyMap<string, TComponentCapability>;
  assetCountermeasures: ReadonlyMap<string, TCountermeasure[]>;
  /** Suggests replacements for an asset with a gap; omitted when suggestions are off. */
  suggest?:
    | ((
        capability: TComponentCapability,
        slT: readonly number[],
        minimumBasis: TAssuranceBasis,
      ) => TSuggestion[])
    | undefined;
};

const baseReasonsCache = new WeakMap<TComponentCapability, readonly TReason[]>();

/** Reasons every asset of a component shares: no claim, certificate status. Built once per component. */
function componentReasons(capability: TComponentCapability): readonly TReason[] {
  let reasons = baseReasonsCache.get(capability);
  if (!reasons) {
    const list: TReason[] = [];
    if (!capability.hasClaim) {
      list.push({
        code: "no_claim",
        message: capability.componentType
          ? `Component ${capability.componentId} has no claim: unknown capability counts as SL 0, never as a pass.`
          : `Component ${capability.componentId} is not in the document: unknown capability counts as SL 0.`,
        componentId: capability.componentId,
      });
    }
    if (capability.basisReason) list.push(capability.basisReason);
    reasons = Object.freeze(list);
    baseReasonsCache.set(capability, reasons);
  }
  return reasons;
}

/** A stand-in for a component id the document does not define, so evaluation reports it instead of failing. */
export function unknownComponentCapability(componentId: string): TComponentCapability {
  return {
    componentId,
    componentType: null,
    hasClaim: false,
    declaredSlC: null,
    derivedSlC: null,
    slC: zeroVector(),
    declaredBasis: null,
    basis: null,
    basisReason: null,
    inconsistencies: [],
    derivationReasonByFr: FR_NUMBERS.map(() => null),
    unmetByFr: FR_NUMBERS.map(() => null),
    securityContext: [],
  };
}

/**
 * Evaluates the assets of one zone (or one conduit) against its target: per-FR verdicts, at-risk flags,
 * the weakest-link SL-A and the basis rule, and adds the obligations the assets bring with them.
 */
export function evaluateAssetGroup(
  assets: readonly TAssetInput[],
  slT: readonly number[],
  minimumBasis: TAssuranceBasis,
  groupRaise: TRaiseProfile,
  context: TAssetGroupContext,
  obligations: ObligationCollector,
): TAssetGroupEvaluation {
  const slA = assets.length === 0 ? zeroVector() : [4, 4, 4, 4, 4, 4, 4];
  const belowTarget: string[][] = [[], [], [], [], [], [], []];
  const belowBasis: string[] = [];
  const counts: TVerdictCounts = { assets: assets.length, atRisk: 0, meets: 0, covered: 0, gap: 0 };
  const results: TAssetEvaluation[] = [];

  for (const asset of assets) {
    const capability =
      context.capabilities.get(asset.componentId) ?? unknownComponentCapability(asset.componentId);
    const ownCountermeasures = context.assetCountermeasures.get(asset.id);
    const raise = ownCountermeasures
      ? combineRaises(raiseFromCountermeasures(ownCountermeasures), groupRaise)
      : groupRaise;
    const perFr: TFrVerdict[] = [];
    let hasGap = false;
    for (let i = 0; i < FR_COUNT; i++) {
      const target = slT[i] ?? 0;
      const verdict = judgeFrVerdict(i + 1, target, capability, raise);
      perFr.push(verdict);
      counts[verdict.verdict]++;
      if (verdict.effective < (slA[i] ?? 0)) slA[i] = verdict.effective;
      if (verdict.effective < target) belowTarget[i]?.push(asset.id);
      if (verdict.verdict === "gap") hasGap = true;
    }

    const reasons = [...componentReasons(capability)];
    let atRisk = false;
    if (asset.advisories) {
      for (const advisory of asset.advisories) {
        if (!isAdvisoryOpen(advisory)) continue;
        atRisk = true;
        reasons.push(openAdvisoryReason(advisory));
        obligations.addAdvisory(advisory, asset.id);
      }
    }
    if (atRisk) counts.atRisk++;
    if (!meetsMinimumBasis(capability.basis, minimumBasis)) belowBasis.push(asset.id);
    obligations.addSecurityContext(capability, asset.id);
    if (ownCountermeasures)
      for (const countermeasure of ownCountermeasures)
        obligations.addCountermeasure(countermeasure, asset.id);

    const result: TAssetEvaluation = {
      id: asset.id,
      componentId: asset.componentId,
      perFr,
      atRisk,
      basis: capability.basis,
      reasons,
    };
    if (hasGap && context.suggest) {
      const suggestions = context.suggest(capability, slT, minimumBasis);
      if (suggestions.length > 0) result.suggestions = suggestions;
    }
    results.push(result);
  }

  const reasons: TReason[] = [];
  belowTarget.forEach((assetIds, i) => {
    if (assetIds.length === 0) return;
    const fr = i + 1;
    reasons.push({
      code: "fr_below_target",
      message: `${frLabel(fr)}: SL-A ${slA[i]} is below SL-T ${slT[i]}; held back by ${assetIds.join(", ")}.`,
      fr,
      slT: slT[i] ?? 0,
      assetIds,
    });
  });
  if (belowBasis.length > 0) {
    reasons.push({
      code: "basis_below_minimum",
      message: `Required basis ${minimumBasis.replaceAll("_", " ")} is not met by ${belowBasis.join(", ")}.`,
      minimumBasis,
      assetIds: belowBasis,
    });
  }
  return { assets: results, slA, basisMet: belowBasis.length === 0, reasons, counts };
}
