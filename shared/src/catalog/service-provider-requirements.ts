import { z } from "zod";
import {
  type TServiceProviderAreaRow,
  type TServiceProviderRequirementRow,
  ZServiceProviderAreaRow,
  ZServiceProviderRequirementRow,
} from "./catalog-schemas";
import serviceProviderData from "./data/62443-2-4.json";

/** IEC 62443-2-4 service-provider functional areas SP.01–SP.12 and their requirement ids (no titles exist). */
export const serviceProviderAreaRows: readonly TServiceProviderAreaRow[] = z
  .array(ZServiceProviderAreaRow)
  .parse(serviceProviderData.functionalAreas);
export const serviceProviderRequirementRows: readonly TServiceProviderRequirementRow[] = z
  .array(ZServiceProviderRequirementRow)
  .parse(serviceProviderData.requirements);

/** Requirement ids of one functional area (e.g. "SP.03"), or all of them. */
export function listServiceProviderRequirements(functionalArea?: string): TServiceProviderRequirementRow[] {
  return serviceProviderRequirementRows.filter(
    (row) => functionalArea === undefined || row.functionalArea === functionalArea,
  );
}
