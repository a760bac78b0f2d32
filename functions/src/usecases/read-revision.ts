import { type TSignedClaimPayload, visibilityAsSeenBy, ZSignedClaimPayload } from "@assure/shared";
import { AppError } from "../app-error";
import type { TRevisionItem } from "../repos/components";

export interface ReadableRevision {
  item: TRevisionItem;
  payload: TSignedClaimPayload;
  /** Whether the signed JWS may leave the API for this reader (it is exactly what was signed). */
  exportable: boolean;
}

/**
 * A revision as a reader may see it. Revisions signed since docs/adr/0061 carry no customer list and are shown
 * to every reader as signed. Older restricted ones signed the list in clear: other readers get the readable
 * content naming themselves only, without the digest (a guessed list could be checked against it), and not
 * the JWS, which cannot be altered without breaking it; the supplier's next publication signs a new one.
 */
export function readableRevision(item: TRevisionItem, viewerTenantId: string): ReadableRevision {
  const payload = ZSignedClaimPayload.parse(JSON.parse(item.payload));
  const { visibility } = payload.component;
  if (item.supplierTenantId === viewerTenantId || !("tenantIds" in visibility))
    return { item, payload, exportable: true };
  return {
    item: { ...item, digest: "" },
    payload: {
      ...payload,
      digest: "",
      component: { ...payload.component, visibility: visibilityAsSeenBy(visibility, viewerTenantId, false) },
    },
    exportable: false,
  };
}

/** The signed export of a revision, or a conflict explaining why this reader cannot have it. */
export function exportableRevision(item: TRevisionItem, viewerTenantId: string): ReadableRevision {
  const readable = readableRevision(item, viewerTenantId);
  if (!readable.exportable)
    throw new AppError(
      "conflict",
      "This revision was signed with the list of customers it is shared with, which only its supplier may " +
        "see. Ask the supplier to publish the component again: the new revision can be exported and verified.",
    );
  return readable;
}
