import {
  componentRequirementRows,
  isComponentRequirementApplicable,
} from "../catalog/component-requirements";
import { COMPONENT_TYPES, type TComponentType } from "../domain/component";
import { FR_NUMBERS } from "./security-levels";

export type TApplicableRow = { readonly id: string; readonly minSl: number };

/**
 * For each component type and FR, the 4-2 rows the type must meet (common CRs and REs plus the type's own
 * SAR/EDR/HDR/NDR rows), lowest level first. Computed once: derivation runs per component in hot paths.
 */
const applicableRowsByType = new Map<TComponentType, readonly (readonly TApplicableRow[])[]>(
  COMPONENT_TYPES.map((componentType) => [
    componentType,
    FR_NUMBERS.map((fr) =>
      componentRequirementRows
        .filter((row) => row.fr === fr && isComponentRequirementApplicable(row, componentType))
        .map((row) => ({ id: row.id, minSl: row.minSl ?? 0 }))
        .sort((left, right) => left.minSl - right.minSl),
    ),
  ]),
);

export function applicableRows(componentType: TComponentType, fr: number): readonly TApplicableRow[] {
  return applicableRowsByType.get(componentType)?.[fr - 1] ?? [];
}

/** Ids of the rows a component of the type must add to go from level `from` to level `to` for an FR. */
export function rowIdsBetweenLevels(
  componentType: TComponentType,
  fr: number,
  from: number,
  to: number,
): string[] {
  const ids: string[] = [];
  for (const row of applicableRows(componentType, fr)) {
    if (row.minSl > from && row.minSl <= to) ids.push(row.id);
  }
  return ids;
}
