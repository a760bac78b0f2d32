import { ASSURANCE_BASES, type TAssuranceBasis } from "../domain/component";
import type { TCertificateFacts, TReason } from "./verdict-reason";

export type TCertificateInput = TCertificateFacts & {
  scheme?: string | undefined;
  body?: string | undefined;
  /** The levels the certificate covers per FR, FR1 first; caps the claim where lower. */
  slC?: readonly number[] | undefined;
};

export type TBasisResolution = {
  /** The basis that counts on the evaluation date. */
  basis: TAssuranceBasis;
  /** Why a certified claim does or does not count as certified; null for other bases. */
  reason: TReason | null;
};

/** self_declared < third_party_assessed < certified. */
export function basisRank(basis: TAssuranceBasis): number {
  return ASSURANCE_BASES.indexOf(basis);
}

/** Whether an effective basis satisfies a minimum; an unknown claim (null) satisfies none. */
export function meetsMinimumBasis(basis: TAssuranceBasis | null, minimum: TAssuranceBasis): boolean {
  return basis !== null && basisRank(basis) >= basisRank(minimum);
}

/** "certificate CSA-2025-0077", or "the certificate" when it has no number. */
export function describeCertificate(certificate: TCertificateInput): string {
  const number = certificate.number ?? certificate.certificateNo;
  return number ? `certificate ${number}` : "the certificate";
}

/** The certificate's identifying facts, as reasons carry them. */
export function certificateFacts(certificate: TCertificateInput): TCertificateFacts {
  return {
    ...(certificate.certificateNo === undefined ? {} : { certificateNo: certificate.certificateNo }),
    ...(certificate.number === undefined ? {} : { number: certificate.number }),
    ...(certificate.standardPart === undefined ? {} : { standardPart: certificate.standardPart }),
    ...(certificate.status === undefined ? {} : { status: certificate.status }),
    ...(certificate.issued === undefined ? {} : { issued: certificate.issued }),
    ...(certificate.expires === undefined ? {} : { expires: certificate.expires }),
  };
}

/**
 * A `certified` claim counts as certified only when its certificate is a component (62443-4-2) certificate,
 * states both its issue and its expiry date, the evaluation date lies within them (inclusive) and its status is
 * valid (suspended counts as revoked); otherwise it counts as self_declared, with a reason naming the check
 * that failed. Dates are ISO calendar dates, so string order is date order. See docs/adr/0065-assurance-rigor.md.
 */
export function resolveAssuranceBasis(
  declared: TAssuranceBasis,
  certificate: TCertificateInput | undefined,
  evaluationDate: string,
): TBasisResolution {
  if (declared !== "certified") return { basis: declared, reason: null };
  if (!certificate) {
    return {
      basis: "self_declared",
      reason: {
        code: "certificate_missing",
        message: "Claimed as certified without a certificate, so it counts as self-declared.",
        basis: "self_declared",
      },
    };
  }
  const facts = certificateFacts(certificate);
  const downgrade = (code: TReason["code"], why: string): TBasisResolution => ({
    basis: "self_declared",
    reason: {
      code,
      message: `${why}, so the claim counts as self-declared.`,
      certificate: facts,
      basis: "self_declared",
    },
  });
  const name = capitalise(describeCertificate(certificate));
  const part = certificate.standardPart ?? "4-2";
  if (part !== "4-2") {
    const kind = part === "4-1" ? "development process" : "system";
    return downgrade(
      "certificate_wrong_part",
      `${name} is a 62443-${part} (${kind}) certificate, which never certifies a component claim`,
    );
  }
  if (certificate.status === "revoked") return downgrade("certificate_revoked", `${name} is revoked`);
  if (certificate.status === "suspended")
    return downgrade("certificate_revoked", `${name} is suspended (counts as revoked)`);
  if (certificate.status === "expired") return downgrade("certificate_expired", `${name} is marked expired`);
  if (certificate.expires === undefined)
    return downgrade("certificate_undated", `${name} has no expiry date and certifies nothing`);
  if (certificate.issued === undefined)
    return downgrade("certificate_undated", `${name} has no issue date and certifies nothing`);
  if (certificate.expires < evaluationDate) {
    return downgrade(
      "certificate_expired",
      `${name} expired on ${certificate.expires}, before ${evaluationDate}`,
    );
  }
  if (certificate.issued > evaluationDate) {
    return downgrade(
      "certificate_not_yet_valid",
      `${name} is issued on ${certificate.issued}, after ${evaluationDate}`,
    );
  }
  return {
    basis: "certified",
    reason: {
      code: "certificate_valid",
      message: `${name} is valid on ${evaluationDate} (until ${certificate.expires}).`,
      certificate: facts,
      basis: "certified",
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
