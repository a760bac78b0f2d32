import { z } from "zod";
import { type TSystemRequirementRow, ZSystemRequirementRow } from "./catalog-schemas";
import systemData from "./data/62443-3-3.json";

/** IEC 62443-3-3 SRs and REs (100 rows) with their SL-C(FR, control system) mapping. */
export const systemRequirementRows: readonly TSystemRequirementRow[] = z
  .array(ZSystemRequirementRow)
  .parse(systemData.items);

export type TSystemRequirementQuery = { fr?: number; sl?: number };

/** Rows required at security level `sl` (cumulative: min_sl ≤ sl), optionally for one FR. */
export function listSystemRequirements(query: TSystemRequirementQuery = {}): TSystemRequirementRow[] {
  return systemRequirementRows.filter(
    (row) =>
      (query.fr === undefined || row.fr === query.fr) && (query.sl === undefined || row.minSl <= query.sl),
  );
}
