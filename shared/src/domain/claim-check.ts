import { applicableRows } from "../engine/applicable-requirements";
import { deriveSlC, type TFrDerivation } from "../engine/derive-sl-c";
import { resolveComponentCapability } from "../engine/resolve-component-capability";
import { frLabel } from "../engine/security-levels";
import type { TCertification } from "./certification";
import { type TClaim, type TClaimSet, uncoveredVersions, versionIssues } from "./claim";
import type { TComponentType } from "./component";

export type TClaimIssue = {
  /** Path into the component input, e.g. ["claims", 0, "slC", 2]. */
  path: (string | number)[];
  message: string;
};

export type TClaimSetCheck = {
  /** Publishing is refused while there are errors. */
  errors: TClaimIssue[];
  /** Shown, not blocking (e.g. versions no claim covers). */
  warnings: TClaimIssue[];
};

/** Per FR the level the claim's requirement results support (null = none listed for that FR). */
export function derivedLevels(
  componentType: TComponentType,
  claim: Pick<TClaim, "requirements">,
): TFrDerivation[] {
  return [...deriveSlC(componentType, claim.requirements ?? {}).perFr];
}

/**
 * What must hold before a claim set is published, checked by the same engine in the editor (live) and in the
 * API (refusing the publish): declared SL-C not above the level the listed requirements support, requirement
 * ids that exist and apply to the type, a certification behind every certified claim, consistent versions.
 */
export function checkClaimSet(
  componentType: TComponentType,
  claimSet: TClaimSet,
  certifications?: ReadonlyMap<string, Pick<TCertification, "id" | "standardPart">>,
): TClaimSetCheck {
  const errors: TClaimIssue[] = versionIssues(claimSet.versions);
  const warnings: TClaimIssue[] = [];
  claimSet.claims.forEach((claim, i) => {
    if (claim.requirements && Object.keys(claim.requirements).length > 0) {
      const capability = resolveComponentCapability(
        { id: `claim ${i + 1}`, componentType, claim: { slC: claim.slC, requirements: claim.requirements } },
        "1970-01-01",
      );
      const derivation = deriveSlC(componentType, claim.requirements).perFr;
      for (const reason of capability.inconsistencies) {
        if (reason.code === "declared_above_derived" && reason.fr) {
          const path = ["claims", i, "slC", reason.fr - 1];
          // An FR the claim lists nothing of is shown, not refused: evaluations count its rows as not met.
          const listsNone =
            derivation[reason.fr - 1]?.unlisted.length === applicableRows(componentType, reason.fr).length;
          if (listsNone) {
            warnings.push({
              path,
              message: `${reason.message} No ${frLabel(reason.fr)} requirement is listed: once a claim lists requirement results, evaluations count every row it does not list as not met.`,
            });
          } else {
            errors.push({ path, message: reason.message });
          }
        } else if (reason.code === "not_applicable_majority") {
          warnings.push({ path: ["claims", i, "requirements"], message: reason.message });
        } else {
          errors.push({ path: ["claims", i, "requirements"], message: reason.message });
        }
      }
    }
    if (claim.basis === "certified" && !claim.certificationId) {
      errors.push({
        path: ["claims", i, "certificationId"],
        message: "a certified claim names the certification behind it",
      });
    }
    if (claim.certificationId && certifications && !certifications.has(claim.certificationId)) {
      errors.push({ path: ["claims", i, "certificationId"], message: "no such certification of yours" });
    }
    const frs = new Set<string>();
    claim.securityContext.forEach((entry, j) => {
      const key = `${entry.fr} ${entry.assumption.toLowerCase()}`;
      if (frs.has(key))
        errors.push({
          path: ["claims", i, "securityContext", j],
          message: "the same assumption is listed twice",
        });
      frs.add(key);
    });
  });
  for (const version of uncoveredVersions(claimSet)) {
    warnings.push({
      path: ["versions"],
      message: `no claim covers version ${version}; its capability counts as unknown`,
    });
  }
  return { errors, warnings };
}
