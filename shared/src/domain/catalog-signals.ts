import { z } from "zod";
import { decideForProducts } from "../advisory/decide-affected";
import { ZAdvisoryListItem, ZSeverity } from "./advisory";
import { type TAdvisoryMatch, ZMatchMethod } from "./advisory-match";
import { CERTIFICATION_STATES, certificationState, type TCertification } from "./certification";
import { claimForVersion, sortVersionsNewestFirst, type TClaim, type TComponentRelease } from "./claim";
import { ZId, ZIsoDate } from "./ids";

/**
 * What the catalog shows and filters on besides the published claim (docs/adr/0033): whether the headline claim
 * rests on a certification that is valid today, and the open advisories naming the component. Pure.
 */

/**
 * An advisory's status for one catalog component:
 * - `open`: the match counts (not rejected, not awaiting review) and the newest published version is affected
 *   (known_affected / first_affected / last_affected covers it, no fixed status does); when the supplier lists no
 *   versions, any product the advisory marks affected counts, since no release is known to carry the fix;
 * - `review`: an ambiguous match nobody confirmed yet, or the newest version cannot be decided (unreadable range,
 *   under investigation) — a person should look, as for an asset (docs/adr/0051);
 * - `fixed`: the newest published version is not affected but older published versions are;
 * - `not_affected`: no published version is affected;
 * - `rejected`: the component's supplier (or the platform operator) rejected the match.
 */
export const COMPONENT_ADVISORY_STATUSES = ["open", "review", "fixed", "not_affected", "rejected"] as const;
export const ZComponentAdvisoryStatus = z.enum(COMPONENT_ADVISORY_STATUSES);
export type TComponentAdvisoryStatus = z.infer<typeof ZComponentAdvisoryStatus>;

export const COMPONENT_ADVISORY_STATUS_LABELS: Record<TComponentAdvisoryStatus, string> = {
  open: "Open",
  review: "Needs review",
  fixed: "Fixed in newest version",
  not_affected: "Not affected",
  rejected: "Match rejected",
};

const AFFECTED = new Set(["known_affected", "first_affected", "last_affected"]);

export interface ComponentAdvisoryDecision {
  status: TComponentAdvisoryStatus;
  /** The version the status was decided for (the newest published one), null when none is listed. */
  version: string | null;
  reason: string;
}

/** The status of one match for the component's published versions (see COMPONENT_ADVISORY_STATUSES). */
export function componentAdvisoryStatus(
  match: Pick<TAdvisoryMatch, "state" | "products">,
  versions: readonly TComponentRelease[],
): ComponentAdvisoryDecision {
  if (match.state === "rejected")
    return { status: "rejected", version: null, reason: "the supplier rejected this match" };
  if (match.state === "review")
    return {
      status: "review",
      version: null,
      reason: "the match is ambiguous (partial name or several product lines) and not confirmed yet",
    };
  const [newest, ...older] = sortVersionsNewestFirst(versions);
  if (!newest) {
    const statuses = match.products.flatMap((p) => p.statuses.map((s) => s.status));
    if (statuses.some((s) => AFFECTED.has(s)))
      return {
        status: "open",
        version: null,
        reason:
          "the advisory marks the product affected and the supplier lists no version that carries a fix",
      };
    if (statuses.length === 0 || statuses.includes("under_investigation"))
      return { status: "review", version: null, reason: "the advisory gives the product no final status" };
    return { status: "not_affected", version: null, reason: "the advisory marks the product not affected" };
  }
  const decision = decideForProducts(match.products, newest.version);
  if (decision.affected === true)
    return {
      status: "open",
      version: newest.version,
      reason: `the newest version ${newest.version} is affected (${decision.reason})`,
    };
  if (decision.affected === null)
    return {
      status: "review",
      version: newest.version,
      reason: `cannot tell whether the newest version ${newest.version} is affected (${decision.reason})`,
    };
  const affectedOlder = older.filter((v) => decideForProducts(match.products, v.version).affected === true);
  if (affectedOlder.length > 0)
    return {
      status: "fixed",
      version: newest.version,
      reason: `the newest version ${newest.version} is not affected; older ${
        affectedOlder.length === 1 ? "version" : "versions"
      } ${affectedOlder.map((v) => v.version).join(", ")} ${affectedOlder.length === 1 ? "is" : "are"}`,
    };
  return {
    status: "not_affected",
    version: newest.version,
    reason: `no published version is affected (${decision.reason})`,
  };
}

/** Everyone may read a public advisory; a restricted one its owner and the tenants it names. */
export const EVERYONE = "*";

/** Who may read an advisory (for counting it in a reader's catalog): `*` or tenant ids. */
export function advisoryAudience(match: Pick<TAdvisoryMatch, "visibility" | "owner">): string[] {
  if (match.visibility.kind === "public") return [EVERYONE];
  const owner = match.owner.kind === "supplier" ? [match.owner.tenantId] : [];
  return [...new Set([...owner, ...match.visibility.tenantIds])].sort();
}

export const canReadAudience = (audience: readonly string[], tenantId: string) =>
  audience.includes(EVERYONE) || audience.includes(tenantId);

/** The certification behind a headline claim, as a date window (absent: not certified, or not valid). */
export const ZCertificationWindow = z.object({
  certificationId: ZId,
  /** The issue date and the expiry date (9999-12-31 when it has none), both inclusive. */
  validFrom: ZIsoDate,
  validUntil: ZIsoDate,
});
export type TCertificationWindow = z.infer<typeof ZCertificationWindow>;

export const NO_EXPIRY = "9999-12-31";

/**
 * The headline claim's certification as a window of validity, when the claim is `certified` and the body
 * says the certificate is valid. Expiry needs no write: readers compare the window with today (ADR 0033).
 */
export function certificationWindow(
  published: { versions: readonly TComponentRelease[]; claims: readonly TClaim[] },
  certifications: ReadonlyMap<string, Pick<TCertification, "id" | "status" | "issued" | "expires">>,
): TCertificationWindow | undefined {
  const headline = claimForVersion(published);
  if (headline?.basis !== "certified" || !headline.certificationId) return undefined;
  const certification = certifications.get(headline.certificationId);
  if (certification?.status !== "valid") return undefined;
  return {
    certificationId: certification.id,
    validFrom: certification.issued,
    validUntil: certification.expires ?? NO_EXPIRY,
  };
}

export const isWithinWindow = (window: TCertificationWindow | undefined, today: string) =>
  window !== undefined && window.validFrom <= today && today <= window.validUntil;

/** A catalog entry's signals as one reader sees them today. */
export const ZCatalogSignals = z.object({
  /** Open advisories naming the component that this reader may read. */
  openAdvisories: z.number().int().min(0),
  /** The highest severity among them (null: none, or none gives a CVSS score). */
  openSeverity: ZSeverity.nullable(),
  /** The headline claim's certification today; null when that claim is not `certified`. */
  certification: z
    .object({
      certificationId: ZId,
      state: z.enum(CERTIFICATION_STATES),
      expires: ZIsoDate.optional(),
    })
    .nullable(),
  /** The headline claim counts as certified today (its certificate is valid on this date). */
  certificationValid: z.boolean(),
});
export type TCatalogSignals = z.infer<typeof ZCatalogSignals>;

/** The headline claim's certification state today (what the catalog column shows). */
export function headlineCertification(
  published: { versions: readonly TComponentRelease[]; claims: readonly TClaim[] },
  certifications: ReadonlyMap<string, Pick<TCertification, "id" | "status" | "issued" | "expires">>,
  today: string,
): TCatalogSignals["certification"] {
  const headline = claimForVersion(published);
  if (headline?.basis !== "certified" || !headline.certificationId) return null;
  const certification = certifications.get(headline.certificationId);
  if (!certification) return null;
  return {
    certificationId: certification.id,
    state: certificationState(certification, today).state,
    ...(certification.expires ? { expires: certification.expires } : {}),
  };
}

/** One advisory naming a component, as the component page lists it. */
export const ZComponentAdvisory = z.object({
  advisory: ZAdvisoryListItem,
  status: ZComponentAdvisoryStatus,
  /** The version the status was decided for (the newest published one), null when none is listed. */
  version: z.string().nullable(),
  reason: z.string(),
  method: ZMatchMethod,
  confidence: z.number().min(0).max(1),
});
export type TComponentAdvisory = z.infer<typeof ZComponentAdvisory>;
