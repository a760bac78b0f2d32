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

/**
 * Components of the same type that meet the target on every FR with at least the required basis, best first:
 * stronger basis, then more headroom, then id (stable). See docs/adr/0007-suggestions.md.
 */
export function suggestComponents(
  candidates: readonly TSuggestionCandidate[],
  target: TSuggestionTarget,
  limit = Number.POSITIVE_INFINITY,
): TSuggestion[] {
  const minimumBasis = target.minimumBasis ?? "self_declared";
  const excluded = new Set(target.excludeComponentIds ?? []);
  const suggestions: TSuggestion[] = [];
  for (const candidate of candidates) {
    if (candidate.componentType !== target.componentType || excluded.has(candidate.componentId)) continue;
    if (candidate.basis === null || !meetsMinimumBasis(candidate.basis, minimumBasis)) continue;
    let headroom = 0;
    let meetsTarget = true;
    for (let i = 0; i < FR_COUNT; i++) {
      const margin = (candidate.slC[i] ?? 0) - (target.slT[i] ?? 0);
      if (margin < 0) {
        meetsTarget = false;
        break;
      }
      headroom += margin;
    }
    if (meetsTarget) {
      suggestions.push({
        componentId: candidate.componentId,
        slC: [...candidate.slC],
        basis: candidate.basis,
        headroom,
      });
    }
  }
  suggestions.sort(
    (left, right) =>
      basisRank(right.basis) - basisRank(left.basis) ||
      right.headroom - left.headroom ||
      (left.componentId < right.componentId ? -1 : left.componentId > right.componentId ? 1 : 0),
  );
  return suggestions.slice(0, limit);
}
