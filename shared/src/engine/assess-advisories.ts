import type { TResponsibleParty } from "./resolve-component-capability";
import type { TReason } from "./verdict-reason";

/** CSAF 2.0 product status of the deployed version, as it concerns one asset. */
export const ADVISORY_STATUSES = [
  "known_affected",
  "fixed",
  "known_not_affected",
  "under_investigation",
] as const;
export type TAdvisoryStatus = (typeof ADVISORY_STATUSES)[number];

/** CSAF 2.0 remediation categories. */
export const REMEDIATION_CATEGORIES = [
  "vendor_fix",
  "workaround",
  "mitigation",
  "none_available",
  "no_fix_planned",
] as const;
export type TRemediationCategory = (typeof REMEDIATION_CATEGORIES)[number];

export type TRemediation = {
  category: TRemediationCategory;
  details?: string | undefined;
  responsibleParty?: TResponsibleParty | undefined;
};

export type TAssetAdvisory = {
  id: string;
  /** Defaults to known_affected: an advisory listed on an asset affects it unless said otherwise. */
  status?: TAdvisoryStatus | undefined;
  /** True once the fix (or the fixed version) is deployed on this asset. */
  fixApplied?: boolean | undefined;
  title?: string | undefined;
  cves?: readonly string[] | undefined;
  remediations?: readonly TRemediation[] | undefined;
};

/** Open = known to affect the deployed version and no fix applied. Open advisories put the asset at risk. */
export function isAdvisoryOpen(advisory: TAssetAdvisory): boolean {
  return (advisory.status ?? "known_affected") === "known_affected" && advisory.fixApplied !== true;
}

export function openAdvisoryReason(advisory: TAssetAdvisory): TReason {
  const title = advisory.title ? ` (${advisory.title})` : "";
  return {
    code: "advisory_open",
    message: `Advisory ${advisory.id}${title} affects the deployed version and no fix is applied: the asset is at risk. SL-C is unchanged.`,
    advisoryId: advisory.id,
  };
}

/**
 * Who acts on a remediation unless the advisory names someone: the asset owner applies fixes, workarounds and
 * mitigations (and compensates when no fix is planned); the supplier owes a fix that is not yet available.
 */
export function remediationParty(remediation: TRemediation | undefined): TResponsibleParty {
  if (remediation?.responsibleParty) return remediation.responsibleParty;
  return remediation?.category === "none_available" ? "supplier" : "asset_owner";
}

export function remediationText(advisory: TAssetAdvisory, remediation: TRemediation | undefined): string {
  const details = remediation?.details ? `: ${remediation.details}` : "";
  switch (remediation?.category) {
    case "vendor_fix":
      return `Apply the vendor fix for advisory ${advisory.id}${details}`;
    case "workaround":
      return `Apply the workaround for advisory ${advisory.id}${details}`;
    case "mitigation":
      return `Apply the mitigation for advisory ${advisory.id}${details}`;
    case "none_available":
      return `Provide a fix for advisory ${advisory.id}; none is available yet${details}`;
    case "no_fix_planned":
      return `Compensate or replace the affected component: no fix is planned for advisory ${advisory.id}${details}`;
    default:
      return `Assess advisory ${advisory.id} and remediate the affected assets`;
  }
}
