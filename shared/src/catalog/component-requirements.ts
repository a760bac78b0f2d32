import { z } from "zod";
import type { TComponentType } from "../domain/component";
import { type TComponentRequirementRow, ZComponentRequirementRow } from "./catalog-schemas";
import componentData from "./data/62443-4-2.json";

/** IEC 62443-4-2 rows (137): CRs and their REs, and the SAR/EDR/HDR/NDR rows and their REs. */
export const componentRequirementRows: readonly TComponentRequirementRow[] = z
  .array(ZComponentRequirementRow)
  .parse(componentData.items);

const rowsById = new Map(componentRequirementRows.map((row) => [row.id, row]));

export function findComponentRequirement(id: string): TComponentRequirementRow | undefined {
  return rowsById.get(id);
}

/**
 * Whether a component of `componentType` must meet the row at some level: rows for all components and the
 * type's own rows. Component-specific CR clauses carry no level; they apply through the type's rows.
 */
export function isComponentRequirementApplicable(
  row: TComponentRequirementRow,
  componentType: TComponentType,
): boolean {
  if (row.minSl === null) return false;
  return row.applicability === "all-components" || row.componentType === componentType;
}

/**
 * The id under which a requirement counts for `componentType`: a component-specific CR id ("CR 2.4") is an
 * alias of the type's realising row ("EDR 2.4"); other ids are returned unchanged. Undefined when the clause
 * has no realising row for the type (e.g. "CR 1.6" for an EDR).
 */
export function resolveComponentRequirementId(id: string, componentType: TComponentType): string | undefined {
  const row = rowsById.get(id);
  if (row?.applicability !== "component-specific") return id;
  return row.appliesVia?.find((viaId) => viaId.startsWith(`${componentType} `));
}

export type TComponentRequirementQuery = { componentType?: TComponentType; fr?: number; sl?: number };

/**
 * Rows a component must meet: for a component type, the applicable rows; for an FR; at a security level
 * (cumulative: min_sl ≤ sl). Without a component type, every row that carries a level.
 */
export function listComponentRequirements(
  query: TComponentRequirementQuery = {},
): TComponentRequirementRow[] {
  const { componentType, fr, sl } = query;
  return componentRequirementRows.filter(
    (row) =>
      row.minSl !== null &&
      (componentType === undefined || isComponentRequirementApplicable(row, componentType)) &&
      (fr === undefined || row.fr === fr) &&
      (sl === undefined || row.minSl <= sl),
  );
}
