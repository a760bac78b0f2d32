import type { TAssuranceBasis, TComponentType } from "../domain/component";
import {
  combineRaises,
  raiseFromCountermeasures,
  type TCountermeasure,
  type TRaiseProfile,
} from "./apply-countermeasures";
import { isAdvisoryOpen, openAdvisoryReason, type TAssetAdvisory } from "./assess-advisories";
import type { ObligationCollector } from "./collect-obligations";
import { createVerdictMemo, judgeFrVerdict, type TFrVerdict, type TVerdictMemo } from "./judge-fr-verdict";
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
  /** Asset-wide reasons: missing claim, certificate, end of support, open advisories. */
  reasons: TReason[];
  /** Components of the same type in the document that would close every gap, best first. */
  suggestions?: TSuggestion[] | undefined;
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
  /**
   * Ranked replacements for a component type under a target and basis, one more than wanted so the asset's own
   * component can be dropped; omitted when suggestions are off.
   */
  suggest?:
    | ((
        componentType: TComponentType,
        slT: readonly number[],
        minimumBasis: TAssuranceBasis,
      ) => TSuggestion[])
    | undefined;
  suggestionLimit?: number | undefined;
  /** Filled by evaluateAssetGroup: per component id what one evaluation works out once and reuses. */
  entries?: Map<string, TCapabilityEntry> | undefined;
};

/**
 * A component as one evaluation uses it: its capability, shared verdicts and reasons, and the verdict row of the
 * group being evaluated (identical devices in a group share it). Held per evaluation, not in WeakMaps, because
 * a 10,000-asset plant pays for every allocation and every weak-map entry in garbage collection.
 */
type TCapabilityEntry = {
  capability: TComponentCapability;
  memo: TVerdictMemo;
  reasons: TReason[];
  rowGroup: number;
  row: TVerdictRow | undefined;
};

let groupCounter = 0;

function entryFor(context: TAssetGroupContext, componentId: string): TCapabilityEntry {
  context.entries ??= new Map();
  let entry = context.entries.get(componentId);
  if (!entry) {
    const capability = context.capabilities.get(componentId) ?? unknownComponentCapability(componentId);
    entry = {
      capability,
      memo: createVerdictMemo(),
      reasons: componentReasons(capability),
      rowGroup: -1,
      row: undefined,
    };
    context.entries.set(componentId, entry);
  }
  return entry;
}

type TVerdictRow = { perFr: TFrVerdict[]; meets: number; covered: number; gap: number };

/** The seven verdicts of one component under one target and raise, with their tally. */
function judgeRow(
  capability: TComponentCapability,
  memo: TVerdictMemo,
  slT: readonly number[],
  raise: TRaiseProfile,
): TVerdictRow {
  const perFr: TFrVerdict[] = new Array(FR_COUNT);
  const row: TVerdictRow = { perFr, meets: 0, covered: 0, gap: 0 };
  for (let i = 0; i < FR_COUNT; i++) {
    const verdict = judgeFrVerdict(i + 1, slT[i] ?? 0, capability, raise, memo);
    perFr[i] = verdict;
    if (verdict.verdict === "meets") row.meets++;
    else if (verdict.verdict === "covered") row.covered++;
    else row.gap++;
  }
  return row;
}

/** Reasons every asset of a component shares (frozen): no claim, certificate status. */
function componentReasons(capability: TComponentCapability): TReason[] {
  const list: TReason[] = [];
  if (!capability.hasClaim) {
    list.push({
      code: "no_claim",
      message: capability.componentType
        ? `No claim: component ${capability.componentId} has no claim, so its capability is unknown and every FR is a gap.`
        : `No claim: component ${capability.componentId} is not in the document, so every FR is a gap.`,
      componentId: capability.componentId,
    });
  }
  if (capability.basisReason) list.push(capability.basisReason);
  if (capability.endOfSupportReason) list.push(capability.endOfSupportReason);
  return Object.freeze(list) as TReason[];
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
    certificateReasonByFr: FR_NUMBERS.map(() => null),
    unmetByFr: FR_NUMBERS.map(() => null),
    securityContext: [],
    endOfSupport: null,
    endOfSupportReason: null,
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
  const belowBasis = new Map<TComponentCapability, string[]>();
  let meets = 0;
  let covered = 0;
  let gap = 0;
  let atRiskCount = 0;
  const results: TAssetEvaluation[] = new Array(assets.length);
  const group = ++groupCounter;
  // Per component type the ranked list and its top entries; assets share the top list unless it names their
  // own component.
  const suggestionsByType = new Map<TComponentType, { ranked: TSuggestion[]; top: TSuggestion[] }>();
  const suggestionLimit = context.suggestionLimit ?? 3;
  const suggestionsFor = (capability: TComponentCapability): TSuggestion[] => {
    const componentType = capability.componentType;
    if (!context.suggest || !componentType) return [];
    let lists = suggestionsByType.get(componentType);
    if (!lists) {
      const ranked = context.suggest(componentType, slT, minimumBasis);
      lists = { ranked, top: ranked.slice(0, suggestionLimit) };
      suggestionsByType.set(componentType, lists);
    }
    if (!lists.top.some((suggestion) => suggestion.componentId === capability.componentId)) return lists.top;
    const others: TSuggestion[] = [];
    for (const suggestion of lists.ranked) {
      if (others.length === suggestionLimit) break;
      if (suggestion.componentId !== capability.componentId) others.push(suggestion);
    }
    return others;
  };

  for (let assetIndex = 0; assetIndex < assets.length; assetIndex++) {
    const asset = assets[assetIndex] as TAssetInput;
    const entry = entryFor(context, asset.componentId);
    const capability = entry.capability;
    const ownCountermeasures = context.assetCountermeasures.get(asset.id);
    // Identical devices in one group share their verdict row unless they carry countermeasures of their own.
    let row = ownCountermeasures || entry.rowGroup !== group ? undefined : entry.row;
    if (!row) {
      const raise = ownCountermeasures
        ? combineRaises(raiseFromCountermeasures(ownCountermeasures), groupRaise)
        : groupRaise;
      row = judgeRow(capability, entry.memo, slT, raise);
      if (!ownCountermeasures) {
        entry.row = row;
        entry.rowGroup = group;
      }
    }
    const perFr = row.perFr;
    meets += row.meets;
    covered += row.covered;
    gap += row.gap;
    for (let i = 0; i < FR_COUNT; i++) {
      const effective = perFr[i]?.effective ?? 0;
      if (effective < (slA[i] ?? 0)) slA[i] = effective;
      if (effective < (slT[i] ?? 0)) belowTarget[i]?.push(asset.id);
    }
    const hasGap = row.gap > 0;

    // Shared (frozen) unless an open advisory adds to it: most assets have nothing of their own to say.
    let reasons = entry.reasons;
    // Past end of support the asset is at risk and owes a replacement plan; levels are unchanged.
    let atRisk = Boolean(capability.endOfSupportReason);
    if (atRisk) obligations.addEndOfSupport(capability, asset.id);
    if (asset.advisories) {
      let copied = false;
      for (const advisory of asset.advisories) {
        if (!isAdvisoryOpen(advisory)) continue;
        if (!copied) reasons = [...reasons];
        copied = true;
        atRisk = true;
        reasons.push(openAdvisoryReason(advisory));
        obligations.addAdvisory(advisory, asset.id);
      }
    }
    if (atRisk) atRiskCount++;
    if (!meetsMinimumBasis(capability.basis, minimumBasis)) {
      const assetIds = belowBasis.get(capability);
      if (assetIds) assetIds.push(asset.id);
      else belowBasis.set(capability, [asset.id]);
    }
    if (capability.securityContext.length > 0) obligations.addSecurityContext(capability, asset.id);
    for (const countermeasure of ownCountermeasures ?? [])
      obligations.addCountermeasure(countermeasure, asset.id);

    const suggestions = hasGap && context.suggest ? suggestionsFor(capability) : undefined;
    // Created with its final shape; `suggestions: undefined` is left out of JSON.
    results[assetIndex] = {
      id: asset.id,
      componentId: asset.componentId,
      perFr,
      atRisk,
      basis: capability.basis,
      reasons,
      suggestions: suggestions && suggestions.length > 0 ? suggestions : undefined,
    };
  }
  const counts: TVerdictCounts = { assets: assets.length, atRisk: atRiskCount, meets, covered, gap };

  const reasons: TReason[] = [];
  belowTarget.forEach((assetIds, i) => {
    if (assetIds.length === 0) return;
    const fr = i + 1;
    reasons.push({
      code: "fr_below_target",
      message: `${frLabel(fr)}: SL-A ${slA[i]} is below SL-T ${slT[i]}; held back by ${listIds(assetIds)}.`,
      fr,
      slT: slT[i] ?? 0,
      assetIds,
    });
  });
  for (const [capability, assetIds] of belowBasis)
    reasons.push(basisBelowMinimumReason(capability, minimumBasis, assetIds));
  return { assets: results, slA, basisMet: belowBasis.size === 0, reasons, counts };
}

/** Names a few ids in a message; the full list is in the reason's `assetIds`. */
function listIds(ids: readonly string[], shown = 5): string {
  if (ids.length <= shown) return ids.join(", ");
  return `${ids.slice(0, shown).join(", ")} and ${ids.length - shown} more`;
}

const CERTIFICATE_CAUSES: Partial<Record<TReason["code"], string>> = {
  certificate_expired: "its certificate has expired",
  certificate_revoked: "its certificate is revoked",
  certificate_not_yet_valid: "its certificate is not valid yet",
  certificate_missing: "it has no certificate",
  certificate_wrong_part: "its certificate does not certify a component",
  certificate_undated: "its certificate lacks an issue or expiry date",
};

const BASIS_WORDS: Record<TAssuranceBasis, string> = {
  self_declared: "self declared",
  third_party_assessed: "third party assessed",
  certified: "certified",
};

/** One reason per component: which basis it counts as, why (e.g. its certificate), and the assets affected. */
function basisBelowMinimumReason(
  capability: TComponentCapability,
  minimumBasis: TAssuranceBasis,
  assetIds: string[],
): TReason {
  const required = BASIS_WORDS[minimumBasis];
  const cause = capability.basisReason ? CERTIFICATE_CAUSES[capability.basisReason.code] : undefined;
  const why = capability.hasClaim
    ? `counts as ${capability.basis ? BASIS_WORDS[capability.basis] : "no basis"}${cause ? ` (${cause})` : ""}`
    : "has no claim";
  const certificate = capability.basisReason?.certificate;
  return {
    code: "basis_below_minimum",
    message: `Required basis ${required} is not met by ${listIds(assetIds)}: component ${capability.componentId} ${why}.`,
    minimumBasis,
    ...(capability.basis ? { basis: capability.basis } : {}),
    componentId: capability.componentId,
    ...(certificate ? { certificate } : {}),
    assetIds,
  };
}
