import { z } from "zod";
import { compareVersions, parseVersion } from "../advisory/version";
import { parseVersionRange, rangeContains } from "../advisory/version-range";
import { ZId, ZIsoDate } from "./ids";
import { ZSlVector } from "./sl-vector";
import { multiLine, singleLine } from "./text";

/**
 * What a supplier claims, per component version range: SL-C per FR, optional per-requirement
 * results over the IEC 62443-4-2 rows, the assurance basis (with the certification behind it), security-context
 * assumptions that others must fulfil, and IEC 62443-4-1 process maturity. Pure schemas and helpers, no I/O.
 */

const ASSURANCE_BASIS_VALUES = ["self_declared", "third_party_assessed", "certified"] as const;

export const ZVersionString = z
  .string()
  .trim()
  .min(1, "give the version")
  .max(60, "versions are limited to 60 characters")
  .regex(/^[0-9A-Za-z][0-9A-Za-z._+-]*$/, "letters, digits and . _ + - only, e.g. 3.2.1");

export const ZComponentRelease = z
  .object({
    version: ZVersionString,
    releaseDate: ZIsoDate.optional(),
    /** The version this one replaces (listed in the same component). */
    supersedes: ZVersionString.optional(),
    endOfSupport: ZIsoDate.optional(),
  })
  .refine((v) => !v.releaseDate || !v.endOfSupport || v.endOfSupport >= v.releaseDate, {
    message: "end of support cannot be before the release date",
    path: ["endOfSupport"],
  });
export type TComponentRelease = z.infer<typeof ZComponentRelease>;

/** Who is expected to act on a security-context assumption (it becomes their obligation). */
export const EXPECTED_PARTIES = ["asset_owner", "integrator"] as const;
export const ZExpectedParty = z.enum(EXPECTED_PARTIES);

export const ZSecurityContextEntry = z.object({
  fr: z.number().int().min(1, "FR numbers are 1 to 7").max(7, "FR numbers are 1 to 7"),
  assumption: multiLine("Assumption")
    .min(3, "describe the assumption")
    .max(500, "assumptions are limited to 500 characters"),
  expectedParty: ZExpectedParty,
});
export type TSecurityContextEntry = z.infer<typeof ZSecurityContextEntry>;

/** IEC 62443-4-1 practices (SM … SG) and a maturity level 1–4 for each the supplier claims. */
export const DEVELOPMENT_PRACTICES = ["SM", "SR", "SD", "SI", "SVV", "DM", "SUM", "SG"] as const;
export const ZMaturityLevel = z.number().int().min(1, "ML is 1 to 4").max(4, "ML is 1 to 4");
export const ZMaturity = z.partialRecord(z.enum(DEVELOPMENT_PRACTICES), ZMaturityLevel);
export type TMaturity = z.infer<typeof ZMaturity>;

export const ZClaimRequirementResult = z.union([z.boolean(), z.literal("n/a")], {
  error: 'must be true (met), false (not met) or "n/a" (feature absent)',
});

export const ZVersionRangeText = singleLine("Version range")
  .min(1, 'give a version range, e.g. ">= 3.0, < 4.0" or "*" for all versions')
  .max(200)
  .refine((text) => text === "*" || parseVersionRange(text) !== null, {
    message: 'not a version range; write e.g. ">= 3.0, < 4.0", "vers:generic/>=3.0|<4.0", "3.2.1" or "*"',
  });

export const ZClaim = z.object({
  /** The versions this claim covers: "*" (all), a version, or a range. */
  versionRange: ZVersionRangeText,
  slC: ZSlVector,
  /** Per IEC 62443-4-2 requirement id the result; omitted = the declared SL-C stands alone. */
  requirements: z.record(z.string().max(40), ZClaimRequirementResult).optional(),
  basis: z.enum(ASSURANCE_BASIS_VALUES).default("self_declared"),
  /** The certification behind a `certified` (or assessed) claim. */
  certificationId: ZId.optional(),
  securityContext: z.array(ZSecurityContextEntry).max(50).default([]),
  maturity: ZMaturity.optional(),
  notes: multiLine("Notes").max(2000).optional(),
});
export type TClaim = z.infer<typeof ZClaim>;
export type TClaimInput = z.input<typeof ZClaim>;

/** The publishable content of a component: its versions and the claims over them. */
export const ZClaimSet = z.object({
  versions: z.array(ZComponentRelease).max(200).default([]),
  claims: z.array(ZClaim).min(1, "a component needs at least one claim").max(20),
});
export type TClaimSet = z.infer<typeof ZClaimSet>;

/** Version ids must be unique and `supersedes` must name a listed version. */
export function versionIssues(
  versions: readonly TComponentRelease[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v.version))
      issues.push({ path: ["versions", i, "version"], message: `version ${v.version} is listed twice` });
    seen.add(v.version);
  });
  versions.forEach((v, i) => {
    if (v.supersedes && !seen.has(v.supersedes))
      issues.push({
        path: ["versions", i, "supersedes"],
        message: `supersedes ${v.supersedes}, which is not listed`,
      });
    if (v.supersedes === v.version)
      issues.push({ path: ["versions", i, "supersedes"], message: "a version cannot supersede itself" });
  });
  return issues;
}

/** Versions newest first: by release date when both have one, else by version number. */
export function sortVersionsNewestFirst(versions: readonly TComponentRelease[]): TComponentRelease[] {
  return [...versions].sort((a, b) => {
    const pa = parseVersion(a.version);
    const pb = parseVersion(b.version);
    if (pa && pb) {
      const order = compareVersions(pb, pa);
      if (order !== 0) return order;
    }
    return (b.releaseDate ?? "").localeCompare(a.releaseDate ?? "");
  });
}

/** Does a claim's range cover the version? "*" covers everything; an unparseable version only "*". */
export function claimCoversVersion(claim: Pick<TClaim, "versionRange">, version: string): boolean {
  if (claim.versionRange.trim() === "*") return true;
  const range = parseVersionRange(claim.versionRange);
  return range !== null && rangeContains(range, version) === true;
}

/**
 * The claim covering a version: the first claim whose range contains it (order is the supplier's). Without
 * a version: the claim covering the newest listed version, else the first claim (the headline claim).
 */
export function claimForVersion<C extends Pick<TClaim, "versionRange">>(
  claimSet: { versions: readonly TComponentRelease[]; claims: readonly C[] },
  version?: string,
): C | undefined {
  if (version !== undefined) return claimSet.claims.find((claim) => claimCoversVersion(claim, version));
  const newest = sortVersionsNewestFirst(claimSet.versions)[0];
  if (newest) {
    const covering = claimSet.claims.find((claim) => claimCoversVersion(claim, newest.version));
    if (covering) return covering;
  }
  return claimSet.claims[0];
}

/** Versions no claim covers (shown as a warning: those versions have an unknown capability). */
export function uncoveredVersions(claimSet: Pick<TClaimSet, "versions" | "claims">): string[] {
  return claimSet.versions
    .filter((v) => !claimSet.claims.some((claim) => claimCoversVersion(claim, v.version)))
    .map((v) => v.version);
}
