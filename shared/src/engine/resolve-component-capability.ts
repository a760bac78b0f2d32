import type { TAssuranceBasis, TComponentType } from "../domain/component";
import type { TApplicableRow } from "./applicable-requirements";
import { deriveSlC, type TRequirementResults } from "./derive-sl-c";
import { resolveAssuranceBasis, type TCertificateInput } from "./resolve-assurance-basis";
import { FR_NUMBERS, frLabel, zeroVector } from "./security-levels";
import type { TReason } from "./verdict-reason";

export const RESPONSIBLE_PARTIES = ["asset_owner", "integrator", "supplier"] as const;
export type TResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

export type TSecurityContextAssumption = {
  fr: number;
  assumption: string;
  expectedParty: TResponsibleParty;
};

/** What a supplier claims for a component version (the published claim covering the deployed version). */
export type TCapabilityClaim = {
  slC: readonly number[];
  requirements?: TRequirementResults | undefined;
  basis?: TAssuranceBasis | undefined;
  certificate?: TCertificateInput | undefined;
  securityContext?: readonly TSecurityContextAssumption[] | undefined;
};

export type TClaimedComponent = {
  id: string;
  componentType: TComponentType;
  claim?: TCapabilityClaim | undefined;
};

/** A component's capability as the engine uses it: computed once per component, read per asset. */
export type TComponentCapability = {
  componentId: string;
  /** Null only for a component id the document does not define. */
  componentType: TComponentType | null;
  hasClaim: boolean;
  declaredSlC: readonly number[] | null;
  /** Per FR the level supported by the listed requirements, null where none are listed; null without a list. */
  derivedSlC: readonly (number | null)[] | null;
  /** The level used: declared, lowered to the derived level where that is lower; zeros without a claim. */
  slC: readonly number[];
  declaredBasis: TAssuranceBasis | null;
  /** The basis that counts on the evaluation date; null without a claim. */
  basis: TAssuranceBasis | null;
  basisReason: TReason | null;
  /** Declared levels above derived ones, and requirement ids that are unknown or not applicable. */
  inconsistencies: readonly TReason[];
  /** Per FR the declared-above-derived inconsistency, if any, so verdicts of that FR can cite it. */
  derivationReasonByFr: readonly (TReason | null)[];
  /** Per FR the applicable rows not met, or null where the level was taken as declared. */
  unmetByFr: readonly (readonly TApplicableRow[] | null)[];
  securityContext: readonly TSecurityContextAssumption[];
};

/** Resolves declared SL-C, derived SL-C and the assurance basis of one component on the evaluation date. */
export function resolveComponentCapability(
  component: TClaimedComponent,
  evaluationDate: string,
): TComponentCapability {
  const { claim } = component;
  if (!claim) {
    return {
      componentId: component.id,
      componentType: component.componentType,
      hasClaim: false,
      declaredSlC: null,
      derivedSlC: null,
      slC: zeroVector(),
      declaredBasis: null,
      basis: null,
      basisReason: null,
      inconsistencies: [],
      derivationReasonByFr: FR_NUMBERS.map(() => null),
      unmetByFr: FR_NUMBERS.map(() => null),
      securityContext: [],
    };
  }
  const declaredBasis = claim.basis ?? "self_declared";
  const { basis, reason: basisReason } = resolveAssuranceBasis(
    declaredBasis,
    claim.certificate,
    evaluationDate,
  );
  const declared = FR_NUMBERS.map((_, i) => claim.slC[i] ?? 0);
  const base = {
    componentId: component.id,
    componentType: component.componentType,
    hasClaim: true,
    declaredSlC: declared,
    declaredBasis,
    basis,
    basisReason,
    securityContext: claim.securityContext ?? [],
  };
  if (!claim.requirements) {
    return {
      ...base,
      derivedSlC: null,
      slC: declared,
      inconsistencies: [],
      derivationReasonByFr: FR_NUMBERS.map(() => null),
      unmetByFr: FR_NUMBERS.map(() => null),
    };
  }

  const derivation = deriveSlC(component.componentType, claim.requirements);
  const inconsistencies: TReason[] = [];
  const derivationReasonByFr = derivation.perFr.map(({ fr, derived, unmet }): TReason | null => {
    const declaredLevel = declared[fr - 1] ?? 0;
    if (derived === null || derived >= declaredLevel) return null;
    const requirementIds = unmet.filter((row) => row.minSl <= declaredLevel).map((row) => row.id);
    const reason: TReason = {
      code: "declared_above_derived",
      message: `${frLabel(fr)} is declared SL${declaredLevel} but the listed requirements support SL${derived} (not met or not listed: ${requirementIds.join(", ")}); SL${derived} is used.`,
      fr,
      declared: declaredLevel,
      derived,
      requirementIds,
      componentId: component.id,
    };
    inconsistencies.push(reason);
    return reason;
  });
  if (derivation.unknownRequirementIds.length > 0) {
    inconsistencies.push({
      code: "unknown_requirement",
      message: `Not IEC 62443-4-2 requirement ids, ignored: ${derivation.unknownRequirementIds.join(", ")}.`,
      requirementIds: [...derivation.unknownRequirementIds],
      componentId: component.id,
    });
  }
  if (derivation.notApplicableRequirementIds.length > 0) {
    inconsistencies.push({
      code: "requirement_not_applicable",
      message: `Requirements that do not apply to a ${component.componentType} component, ignored: ${derivation.notApplicableRequirementIds.join(", ")}.`,
      requirementIds: [...derivation.notApplicableRequirementIds],
      componentId: component.id,
    });
  }
  return {
    ...base,
    derivedSlC: derivation.perFr.map((entry) => entry.derived),
    slC: derivation.perFr.map(({ fr, derived }) => Math.min(declared[fr - 1] ?? 0, derived ?? 4)),
    inconsistencies,
    derivationReasonByFr,
    unmetByFr: derivation.perFr.map((entry) => (entry.derived === null ? null : entry.unmet)),
  };
}
