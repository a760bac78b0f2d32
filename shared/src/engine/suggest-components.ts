import type { TAssuranceBasis, TComponentType } from "../domain/component";
import { basisRank, meetsMinimumBasis } from "./resolve-assurance-basis";
import { FR_COUNT } from "./security-levels";

/** A catalog component as suggestions see it: its effective SL-C and the basis that counts today. */
export type TSuggestionCandidate = {
  componentId: string;
  componentType: TComponentType;
  slC: readonly number[];
  basis: TAssuranceBasis | null;
};

export type TSuggestionTarget = {
  componentType: TComponentType;
  slT: readonly number[];
  minimumBasis?: TAssuranceBasis | undefined;
  /** Components not to suggest, typically the one already deployed. */
  excludeComponentIds?: readonly string[] | undefined;
};

export type TSuggestion = {
  componentId: string;
  slC: number[];
  basis: TAssuranceBasis;
  /** Levels above the target summed over the FRs: headroom if the target rises. */
  headroom: number;
};

/** Candidates in suggestion order, computed once so each target only scans until it has enough. */
export type TRankedCandidates = readonly (TSuggestionCandidate & { total: number; basis: TAssuranceBasis })[];

/**
 * Orders candidates by stronger basis, then higher total SL-C, then id. For any one target the headroom is the
 * total minus the target's sum, so this is also the suggestion order. Candidates without a claim are dropped.
 */
export function rankCandidates(candidates: readonly TSuggestionCandidate[]): TRankedCandidates {
  const ranked: (TSuggestionCandidate & { total: number; basis: TAssuranceBasis })[] = [];
  for (const candidate of candidates) {
    if (candidate.basis === null) continue;
    let total = 0;
    for (let i = 0; i < FR_COUNT; i++) total += candidate.slC[i] ?? 0;
    ranked.push({ ...candidate, basis: candidate.basis, total });
  }
  return ranked.sort(
    (left, right) =>
      basisRank(right.basis) - basisRank(left.basis) ||
      right.total - left.total ||
      (left.componentId < right.componentId ? -1 : left.componentId > right.componentId ? 1 : 0),
  );
}

/** The first `limit` ranked candidates of the target's type that meet its SL-T and minimum basis. */
export function suggestFromRanked(
  ranked: TRankedCandidates,
  target: TSuggestionTarget,
  limit = Number.POSITIVE_INFINITY,
): TSuggestion[] {
  const minimumBasis = target.minimumBasis ?? "self_declared";
  const excluded = target.excludeComponentIds ?? [];
  let targetTotal = 0;
  for (let i = 0; i < FR_COUNT; i++) targetTotal += target.slT[i] ?? 0;
  const suggestions: TSuggestion[] = [];
  for (const candidate of ranked) {
    if (suggestions.length >= limit) break;
    // Sorted by basis first: once one is too weak, all that follow are.
    if (!meetsMinimumBasis(candidate.basis, minimumBasis)) break;
    // A lower total cannot reach the target on every FR: a cheap test before the per-FR one.
    if (candidate.total < targetTotal || candidate.componentType !== target.componentType) continue;
    if (excluded.includes(candidate.componentId)) continue;
    let meetsTarget = true;
    for (let i = 0; i < FR_COUNT; i++) {
      if ((candidate.slC[i] ?? 0) < (target.slT[i] ?? 0)) {
        meetsTarget = false;
        break;
      }
    }
    if (meetsTarget) {
      suggestions.push({
        componentId: candidate.componentId,
        slC: [...candidate.slC],
        basis: candidate.basis,
        headroom: candidate.total - targetTotal,
      });
    }
  }
  return suggestions;
}

/**
 * Components of the same type that meet the target on every FR with at least the required basis, best first:
 * stronger basis, then more headroom, then id (stable). See docs/adr/0007-suggestions.md.
 */
export function suggestComponents(
  candidates: readonly TSuggestionCandidate[],
  target: TSuggestionTarget,
  limit = Number.POSITIVE_INFINITY,
): TSuggestion[] {
  return suggestFromRanked(rankCandidates(candidates), target, limit);
}
