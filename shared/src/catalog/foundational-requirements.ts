import { z } from "zod";
import { ZFoundationalRequirementRow } from "./catalog-schemas";
import frData from "./data/fr.json";

/** FR1 IAC … FR7 RA, in FR order. */
export const foundationalRequirementRows = z.array(ZFoundationalRequirementRow).length(7).parse(frData.items);

export function foundationalRequirementLabel(fr: number): string {
  const row = foundationalRequirementRows[fr - 1];
  return row ? `FR${row.number} ${row.abbreviation}` : `FR${fr}`;
}
