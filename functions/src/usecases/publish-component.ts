import {
  certificationWindow,
  checkClaimSet,
  claimForVersion,
  draftDetails,
  type TCertification,
  type TClaimIssue,
  type TComponent,
  type TTenant,
} from "@assure/shared";
import type { Db } from "../db/client";
import { getCertificationsMany } from "../repos/certifications";
import {
  InvalidTransition,
  nextRevision,
  VersionMismatch,
  writePublishedRevision,
} from "../repos/components";
import { newAudienceSalt, signedVisibility } from "../signing/audience";
import { canonicalJson, contentDigest } from "../signing/canonical-json";
import type { ClaimSigner } from "../signing/claim-signer";

export const SIGNED_CLAIM_FORMAT = "assure-signed-claim/1";

export class ClaimSetInvalid extends Error {
  constructor(readonly issues: TClaimIssue[]) {
    super("the claims are not consistent");
  }
}
export class SigningUnavailable extends Error {}

/**
 * What a revision publishes (and what its digest covers): the component as buyers will see it (pending edits
 * applied), with its claims; a restriction as a salted digest of the customer list, never the list.
 */
export function publishableContent(draft: TComponent, audienceSalt: string) {
  const component = draftDetails(draft);
  if (component.visibility.kind === "restricted" && component.visibility.tenantIds.length === 0)
    throw new ClaimSetInvalid([{ path: ["visibility", "tenantIds"], message: "name at least one customer" }]);
  return {
    name: component.name,
    vendor: component.vendor,
    productLine: component.productLine,
    componentType: component.componentType,
    description: component.description,
    identifiers: component.identifiers,
    lifecycle: component.lifecycle,
    visibility: signedVisibility(component.visibility, audienceSalt),
    versions: component.draft.versions,
    claims: component.draft.claims,
  };
}

/** The certification facts a signed revision carries (as they stood when it was published). */
function certificationSnapshot(certification: TCertification) {
  const { version: _version, createdAt: _created, updatedAt: _updated, ...facts } = certification;
  return facts;
}

export type PublishOutcome = { component: TComponent; changed: boolean };

/**
 * Publishes the draft as the next revision: checks the claims with the engine (declared vs derived SL-C,
 * requirement ids, certifications), signs the revision payload, and writes it with the version condition.
 * The same content as the current revision publishes nothing (idempotent: no new revision).
 */
export async function publishDraft(
  db: Db,
  signer: ClaimSigner | undefined,
  input: { supplier: TTenant; before: TComponent; expectedVersion: number; actor: string; now: Date },
): Promise<PublishOutcome> {
  const { before, supplier } = input;
  if (before.status === "withdrawn") throw new InvalidTransition("a withdrawn component cannot be published");
  const ids = [...new Set(before.draft.claims.flatMap((claim) => claim.certificationId ?? []))];
  const certifications = await getCertificationsMany(
    db,
    ids.map((certificationId) => ({ supplierTenantId: supplier.id, certificationId })),
  );
  const check = checkClaimSet(draftDetails(before).componentType, before.draft, certifications);
  if (check.errors.length > 0) throw new ClaimSetInvalid(check.errors);

  const audienceSalt = before.audienceSalt ?? newAudienceSalt();
  const content = publishableContent(before, audienceSalt);
  const digest = contentDigest(content);
  if (input.expectedVersion !== before.version) throw new VersionMismatch();
  if (before.status === "published" && before.published?.digest === digest && !before.pending) {
    return { component: before, changed: false };
  }
  if (!signer) throw new SigningUnavailable("no claim-signing key is configured (CLAIM_SIGNING_JWK)");
  const revision = nextRevision(before);
  const publishedAt = input.now.toISOString();
  const payload = {
    format: SIGNED_CLAIM_FORMAT,
    componentId: before.id,
    revision,
    publishedAt,
    digest,
    supplier: {
      id: supplier.id,
      name: supplier.name,
      slug: supplier.slug,
      verified: Boolean(supplier.supplierVerification),
    },
    component: content,
    certifications: ids.flatMap((id) => {
      const certification = certifications.get(id);
      return certification ? [certificationSnapshot(certification)] : [];
    }),
  };
  const payloadJson = canonicalJson(payload);
  const jws = await signer.sign(payloadJson);
  const headline = claimForVersion(before.draft);
  if (!headline)
    throw new ClaimSetInvalid([{ path: ["claims"], message: "a component needs at least one claim" }]);
  const component = await writePublishedRevision(db, {
    before,
    expectedVersion: input.expectedVersion,
    actor: input.actor,
    now: input.now,
    headline: { slC: headline.slC, basis: headline.basis },
    certWindow: certificationWindow(before.draft, certifications),
    digest,
    audienceSalt,
    signed: { payload: payloadJson, jws, kid: signer.kid },
  });
  return { component, changed: true };
}
