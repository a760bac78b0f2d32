import { findComponentRequirement, resolveComponentRequirementId } from "../catalog/component-requirements";
import type { TComponentType } from "../domain/component";
import { applicableRows, type TApplicableRow } from "./applicable-requirements";
import { FR_NUMBERS, MAX_SECURITY_LEVEL } from "./security-levels";

/** `true` met, `false` not met, `"n/a"` the component lacks the feature (counts as met). */
export type TRequirementResult = boolean | "n/a";
export type TRequirementResults = Readonly<Record<string, TRequirementResult>>;

export type TFrDerivation = {
  fr: number;
  /** Highest level whose applicable rows are all met; null when the claim lists no applicable row at all. */
  derived: number | null;
  /** Applicable rows that are false or not listed, lowest level first (empty when `derived` is null). */
  unmet: readonly TApplicableRow[];
  /** Applicable rows the claim does not list (a subset of `unmet`), lowest level first. */
  unlisted: readonly TApplicableRow[];
  /** Applicable rows answered `"n/a"`, lowest level first. */
  notApplicable: readonly TApplicableRow[];
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
 * such that every row applicable to the component type with min_sl ≤ n is met. Once the claim lists any
 * applicable row, the list is taken as complete: every applicable row it does not list counts as not met, in
 * every FR, because unknown is not a pass. A claim that lists no applicable row leaves every FR to the declared
 * level (null). A component-specific CR id ("CR 2.4") stands for the type's row ("EDR 2.4"); the type's own
 * id wins when both are given. See docs/adr/0002-sl-c-derivation.md and docs/adr/0065-assurance-rigor.md.
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

  const listsAny = results.size > 0;
  const perFr = FR_NUMBERS.map((fr): TFrDerivation => {
    if (!listsAny) return { fr, derived: null, unmet: [], unlisted: [], notApplicable: [] };
    const unmet: TApplicableRow[] = [];
    const unlisted: TApplicableRow[] = [];
    const notApplicable: TApplicableRow[] = [];
    for (const row of applicableRows(componentType, fr)) {
      const result = results.get(row.id);
      if (result === undefined) {
        unmet.push(row);
        unlisted.push(row);
      } else if (result === false) unmet.push(row);
      else if (result === "n/a") notApplicable.push(row);
    }
    const lowestUnmet = unmet[0];
    return {
      fr,
      derived: lowestUnmet ? lowestUnmet.minSl - 1 : MAX_SECURITY_LEVEL,
      unmet,
      unlisted,
      notApplicable,
    };
  });
  return { perFr, unknownRequirementIds, notApplicableRequirementIds };
}
