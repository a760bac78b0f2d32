import { ASSURANCE_BASES, type TAssuranceBasis } from "../domain/component";
import type { TCertificateFacts, TReason } from "./verdict-reason";

export type TCertificateInput = TCertificateFacts & { scheme?: string; body?: string };

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

const describe = (certificate: TCertificateInput) =>
  certificate.certificateNo ? `certificate ${certificate.certificateNo}` : "the certificate";

/**
 * A `certified` claim counts as certified only while its certificate is valid on the evaluation date
 * (status valid, issued ≤ date ≤ expires, both inclusive); otherwise it counts as self_declared. Dates are
 * ISO calendar dates, so string order is date order.
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
  const facts: TCertificateFacts = {
    ...(certificate.certificateNo === undefined ? {} : { certificateNo: certificate.certificateNo }),
    ...(certificate.status === undefined ? {} : { status: certificate.status }),
    ...(certificate.issued === undefined ? {} : { issued: certificate.issued }),
    ...(certificate.expires === undefined ? {} : { expires: certificate.expires }),
  };
  const downgrade = (code: TReason["code"], why: string): TBasisResolution => ({
    basis: "self_declared",
    reason: {
      code,
      message: `${why}, so the claim counts as self-declared.`,
      certificate: facts,
      basis: "self_declared",
    },
  });
  const name = describe(certificate);
  if (certificate.status === "revoked")
    return downgrade("certificate_revoked", `${capitalise(name)} is revoked`);
  if (certificate.status === "expired")
    return downgrade("certificate_expired", `${capitalise(name)} is marked expired`);
  if (certificate.expires !== undefined && certificate.expires < evaluationDate) {
    return downgrade(
      "certificate_expired",
      `${capitalise(name)} expired on ${certificate.expires}, before ${evaluationDate}`,
    );
  }
  if (certificate.issued !== undefined && certificate.issued > evaluationDate) {
    return downgrade(
      "certificate_not_yet_valid",
      `${capitalise(name)} is issued on ${certificate.issued}, after ${evaluationDate}`,
    );
  }
  const until = certificate.expires === undefined ? "without expiry" : `until ${certificate.expires}`;
  return {
    basis: "certified",
    reason: {
      code: "certificate_valid",
      message: `${capitalise(name)} is valid on ${evaluationDate} (${until}).`,
      certificate: facts,
      basis: "certified",
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
