import { findComponentRequirement, resolveComponentRequirementId } from "../catalog/component-requirements";
import type { TComponentType } from "../domain/component";
import { applicableRows, type TApplicableRow } from "./applicable-requirements";
import { FR_NUMBERS, MAX_SECURITY_LEVEL } from "./security-levels";

/** `true` met, `false` not met, `"n/a"` the component lacks the feature (counts as met). */
export type TRequirementResult = boolean | "n/a";
export type TRequirementResults = Readonly<Record<string, TRequirementResult>>;

export type TFrDerivation = {
  fr: number;
  /** Highest level whose applicable rows are all met; null when the claim lists no row of this FR. */
  derived: number | null;
  /** Applicable rows that are false or not listed, lowest level first (empty when `derived` is null). */
  unmet: readonly TApplicableRow[];
};

export type TSlCDerivation = {
  perFr: readonly TFrDerivation[];
  /** Keys that are no 4-2 requirement id. */
  unknownRequirementIds: readonly string[];
  /** 4-2 ids that do not apply to the component type (another type's rows, clauses without a component requirement). */
  notApplicableRequirementIds: readonly string[];
};

/**
 * Derives SL-C per FR from per-requirement results (IEC 62443-4-2, cumulative within an FR): the highest n
 * such that every row applicable to the component type with min_sl ≤ n is met. An FR the claim says nothing
 * about is left to the declared level (null); once an FR lists any row, unlisted rows of it count as not met,
 * because unknown is not a pass. A component-specific CR id ("CR 2.4") stands for the type's row ("EDR 2.4");
 * the type's own id wins when both are given. See docs/adr/0002-sl-c-derivation.md.
 */
export function deriveSlC(componentType: TComponentType, requirements: TRequirementResults): TSlCDerivation {
  const results = new Map<string, TRequirementResult>();
  const aliased = new Map<string, TRequirementResult>();
  const unknownRequirementIds: string[] = [];
  const notApplicableRequirementIds: string[] = [];
  // for…in, not Object.entries: derivation runs for every component of every evaluation.
  for (const id in requirements) {
    const result = requirements[id] as TRequirementResult;
    const row = findComponentRequirement(id);
    if (!row) {
      unknownRequirementIds.push(id);
    } else if (row.applicability === "component-specific") {
      const realisingId = resolveComponentRequirementId(id, componentType);
      if (realisingId) aliased.set(realisingId, result);
      else notApplicableRequirementIds.push(id);
    } else if (
      row.minSl === null ||
      (row.componentType !== undefined && row.componentType !== componentType)
    ) {
      notApplicableRequirementIds.push(id);
    } else {
      results.set(id, result);
    }
  }
  for (const [id, result] of aliased) if (!results.has(id)) results.set(id, result);

  const perFr = FR_NUMBERS.map((fr): TFrDerivation => {
    const rows = applicableRows(componentType, fr);
    if (!rows.some((row) => results.has(row.id))) return { fr, derived: null, unmet: [] };
    const unmet = rows.filter((row) => {
      const result = results.get(row.id);
      return result === undefined || result === false;
    });
    const lowestUnmet = unmet[0];
    return { fr, derived: lowestUnmet ? lowestUnmet.minSl - 1 : MAX_SECURITY_LEVEL, unmet };
  });
  return { perFr, unknownRequirementIds, notApplicableRequirementIds };
}
