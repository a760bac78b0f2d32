import { randomBytes } from "node:crypto";
import type { TLiveVisibility, TSignedVisibility } from "@assure/shared";
import { contentDigest } from "./canonical-json";

/** A fresh per-component salt for the audience digest (128 bits: a guessed customer list cannot be checked). */
export const newAudienceSalt = () => randomBytes(16).toString("hex");

/**
 * The visibility a revision signs: a restricted component's customer list becomes a salted digest, so every
 * customer can read the signed revision without learning who else it was shared with, while the supplier
 * (who holds the salt) can still show which list it signed (docs/adr/0061).
 */
export function signedVisibility(visibility: TLiveVisibility, salt: string): TSignedVisibility {
  if (visibility.kind === "public") return visibility;
  const tenantIds = [...new Set(visibility.tenantIds)].sort();
  return { kind: "restricted", audienceDigest: contentDigest({ salt, tenantIds }) };
}
