import type { TAssuranceBasis, TComponentType } from "../domain/component";
import { applicableRows, type TApplicableRow } from "./applicable-requirements";
import { deriveSlC, type TRequirementResults } from "./derive-sl-c";
import {
  certificateFacts,
  describeCertificate,
  resolveAssuranceBasis,
  type TCertificateInput,
} from "./resolve-assurance-basis";
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
  /** Last day the supplier supports the component (ISO date); past it, assets are at risk. */
  endOfSupport?: string | undefined;
  claim?: TCapabilityClaim | undefined;
};

/** A component's capability as the engine uses it: computed once per component, read per asset. */
export type TComponentCapability = {
  componentId: string;
  /** Null only for a component id the document does not define. */
  componentType: TComponentType | null;
  hasClaim: boolean;
  declaredSlC: readonly number[] | null;
  /** Per FR the level supported by the listed requirements; null without a list. */
  derivedSlC: readonly (number | null)[] | null;
  /**
   * The level used: declared, lowered to the derived level and, for a claim that counts as certified, to the
   * level its certificate covers, where those are lower; zeros without a claim.
   */
  slC: readonly number[];
  declaredBasis: TAssuranceBasis | null;
  /** The basis that counts on the evaluation date; null without a claim. */
  basis: TAssuranceBasis | null;
  basisReason: TReason | null;
  /**
   * Declared levels above derived or certified ones, requirement ids that are unknown or not applicable, FRs
   * resting mostly on "n/a".
   */
  inconsistencies: readonly TReason[];
  /** Per FR the declared-above-derived inconsistency, if any, so verdicts of that FR can cite it. */
  derivationReasonByFr: readonly (TReason | null)[];
  /** Per FR the certificate-below-claim inconsistency, if any, so verdicts of that FR can cite it. */
  certificateReasonByFr?: readonly (TReason | null)[] | undefined;
  /** Per FR the applicable rows not met, or null where the level was taken as declared. */
  unmetByFr: readonly (readonly TApplicableRow[] | null)[];
  securityContext: readonly TSecurityContextAssumption[];
  /** The component's end of support, when it has passed on the evaluation date (assets at risk); else null. */
  endOfSupport?: string | null | undefined;
  /** Why assets of an unsupported component are at risk; null while supported. */
  endOfSupportReason?: TReason | null | undefined;
};

const NONE_PER_FR: readonly null[] = Object.freeze(FR_NUMBERS.map(() => null));

/** Past its end of support (the evaluation date is after it), a component's assets are at risk. */
function endOfSupportOf(
  component: TClaimedComponent,
  evaluationDate: string,
): Pick<TComponentCapability, "endOfSupport" | "endOfSupportReason"> {
  const date = component.endOfSupport;
  if (date === undefined || !(evaluationDate > date)) return { endOfSupport: null, endOfSupportReason: null };
  return {
    endOfSupport: date,
    endOfSupportReason: {
      code: "end_of_support",
      message: `Component ${component.id} is unsupported since ${date}: no more security updates, so the asset is at risk and its replacement is due. Levels and compliance are unchanged.`,
      endOfSupport: date,
      componentId: component.id,
    },
  };
}

/**
 * Resolves declared SL-C, derived SL-C, the assurance basis, the certificate's cap and end of support of one
 * component on the evaluation date.
 */
export function resolveComponentCapability(
  component: TClaimedComponent,
  evaluationDate: string,
): TComponentCapability {
  const { claim } = component;
  const support = endOfSupportOf(component, evaluationDate);
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
      derivationReasonByFr: NONE_PER_FR,
      certificateReasonByFr: NONE_PER_FR,
      unmetByFr: NONE_PER_FR,
      securityContext: [],
      ...support,
    };
  }
  const declaredBasis = claim.basis ?? "self_declared";
  const { basis, reason: basisReason } = resolveAssuranceBasis(
    declaredBasis,
    claim.certificate,
    evaluationDate,
  );
  const declared = FR_NUMBERS.map((_, i) => claim.slC[i] ?? 0);
  const inconsistencies: TReason[] = [];
  let derivedSlC: (number | null)[] | null = null;
  let derivationReasonByFr: readonly (TReason | null)[] = NONE_PER_FR;
  let unmetByFr: readonly (readonly TApplicableRow[] | null)[] = NONE_PER_FR;
  let slC = declared;

  if (claim.requirements) {
    const derivation = deriveSlC(component.componentType, claim.requirements);
    derivationReasonByFr = derivation.perFr.map(({ fr, derived, unmet, unlisted }): TReason | null => {
      const declaredLevel = declared[fr - 1] ?? 0;
      if (derived === null || derived >= declaredLevel) return null;
      const requirementIds = unmet.filter((row) => row.minSl <= declaredLevel).map((row) => row.id);
      const unlistedCount = unlisted.filter((row) => row.minSl <= declaredLevel).length;
      const notListed =
        unlistedCount > 0
          ? `; ${unlistedCount} FR${fr} ${unlistedCount === 1 ? "row" : "rows"} not listed, which count as not met`
          : "";
      const reason: TReason = {
        code: "declared_above_derived",
        message: `${frLabel(fr)} is declared SL${declaredLevel} but the listed requirements support SL${derived} (not met or not listed: ${requirementIds.join(", ")}${notListed}); SL${derived} is used.`,
        fr,
        declared: declaredLevel,
        derived,
        requirementIds,
        componentId: component.id,
      };
      inconsistencies.push(reason);
      return reason;
    });
    for (const { fr, notApplicable } of derivation.perFr) {
      const level = declared[fr - 1] ?? 0;
      if (level === 0) continue;
      const applicable = applicableRows(component.componentType, fr).filter((row) => row.minSl <= level);
      const notApplicableIds = notApplicable.filter((row) => row.minSl <= level).map((row) => row.id);
      if (notApplicableIds.length * 2 <= applicable.length) continue;
      inconsistencies.push({
        code: "not_applicable_majority",
        message: `FR${fr}: ${notApplicableIds.length} of ${applicable.length} rows n/a at the claimed SL${level}. "n/a" counts as met, so most of this level rests on features the component does not have.`,
        fr,
        declared: level,
        requirementIds: notApplicableIds,
        componentId: component.id,
      });
    }
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
    derivedSlC = derivation.perFr.map((entry) => entry.derived);
    unmetByFr = derivation.perFr.map((entry) => (entry.derived === null ? null : entry.unmet));
    slC = derivation.perFr.map(({ fr, derived }) => Math.min(declared[fr - 1] ?? 0, derived ?? 4));
  }

  // A certificate that counts caps the claim at the levels it covers.
  let certificateReasonByFr: readonly (TReason | null)[] = NONE_PER_FR;
  const certificate = claim.certificate;
  const certified = certificate?.slC;
  if (basis === "certified" && certificate && certified) {
    const name = describeCertificate(certificate).replace(/^./, (first) => first.toUpperCase());
    const facts = certificateFacts(certificate);
    const used = slC;
    certificateReasonByFr = FR_NUMBERS.map((fr, i): TReason | null => {
      const level = used[i] ?? 0;
      const covered = certified[i] ?? 0;
      if (covered >= level) return null;
      const reason: TReason = {
        code: "certificate_level_below_claim",
        message: `${name} covers FR${fr} at SL ${covered}; the claim says ${declared[i] ?? 0}. SL${covered} is used.`,
        fr,
        declared: declared[i] ?? 0,
        slC: covered,
        certifiedLevel: covered,
        certificate: facts,
        componentId: component.id,
      };
      inconsistencies.push(reason);
      return reason;
    });
    slC = used.map((level, i) => Math.min(level, certified[i] ?? 0));
  }

  return {
    componentId: component.id,
    componentType: component.componentType,
    hasClaim: true,
    declaredSlC: declared,
    derivedSlC,
    slC,
    declaredBasis,
    basis,
    basisReason,
    inconsistencies,
    derivationReasonByFr,
    certificateReasonByFr,
    unmetByFr,
    securityContext: claim.securityContext ?? [],
    ...support,
  };
}
