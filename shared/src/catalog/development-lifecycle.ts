import { z } from "zod";
import {
  type TDevelopmentPracticeRow,
  type TDevelopmentRequirementRow,
  type TMaturityLevelRow,
  ZDevelopmentPracticeRow,
  ZDevelopmentRequirementRow,
  ZMaturityLevelRow,
} from "./catalog-schemas";
import lifecycleData from "./data/62443-4-1.json";

/** IEC 62443-4-1 secure development lifecycle: 8 practices, 47 requirements (SM-1 … SG-7), ML1–ML4. */
export const developmentPracticeRows: readonly TDevelopmentPracticeRow[] = z
  .array(ZDevelopmentPracticeRow)
  .parse(lifecycleData.practices);
export const developmentRequirementRows: readonly TDevelopmentRequirementRow[] = z
  .array(ZDevelopmentRequirementRow)
  .parse(lifecycleData.requirements);
export const maturityLevelRows: readonly TMaturityLevelRow[] = z
  .array(ZMaturityLevelRow)
  .parse(lifecycleData.maturityLevels);

/** The requirements of one practice by its abbreviation (e.g. "SM", "SVV"), or all of them. */
export function listDevelopmentRequirements(practice?: string): TDevelopmentRequirementRow[] {
  return developmentRequirementRows.filter((row) => practice === undefined || row.practice === practice);
}
