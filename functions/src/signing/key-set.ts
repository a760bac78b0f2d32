import { generateKeyPairSync, type JsonWebKey, randomUUID } from "node:crypto";

/**
 * Signing key material as stored in Secrets Manager and rotated by infra/src/lambda/rotate-signing-key.ts: the
 * portal's API-token key (ADR 0023) and the API's claim-signing key (ADR 0032). The holder signs with `active` and
 * publishes `active` (public part) plus `retired` in its JWKS, so what was signed with an earlier key still
 * verifies. Only public keys are kept for retired entries.
 */
export interface SigningKeySet {
  active: JsonWebKey & { kid: string; alg: "ES256"; use: "sig" };
  retired: (JsonWebKey & { kid: string })[];
  rotatedAt: string;
}

function isSigningKeySet(value: unknown): value is SigningKeySet {
  const candidate = value as Partial<SigningKeySet> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.active?.kid === "string" &&
    typeof candidate.active.d === "string" &&
    Array.isArray(candidate.retired)
  );
}

/** The current value, or undefined for the bootstrap value the stack creates before the first rotation. */
export function parseSigningKeySet(secretString: string | undefined): SigningKeySet | undefined {
  if (!secretString) return undefined;
  try {
    const parsed: unknown = JSON.parse(secretString);
    return isSigningKeySet(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function publicJwk(key: JsonWebKey & { kid: string }): JsonWebKey & { kid: string } {
  const { d: _privatePart, ...publicPart } = key;
  return publicPart;
}

/**
 * How many previous public keys a rotation keeps: API tokens live minutes, so one is enough for the portal's key;
 * a signed claim may be checked years later, so the claim-signing key keeps them all. Set on the secret as the
 * tag `assure:retired-keys` (`all` or a number), read by the rotation function; 1 without the tag.
 */
export const RETIRED_KEYS_TAG = "assure:retired-keys";
export type RetiredKeysKept = number | "all";

export function retiredKeysKept(tagValue: string | undefined): RetiredKeysKept {
  if (tagValue === "all") return "all";
  const count = Number(tagValue);
  return Number.isInteger(count) && count >= 0 ? count : 1;
}

/** A fresh P-256 key becomes active; previous keys are kept (public parts only) for verification, newest first. */
export function nextSigningKeySet(
  current: SigningKeySet | undefined,
  now: Date,
  kid: string = randomUUID(),
  keep: RetiredKeysKept = 1,
): SigningKeySet {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" });
  const previous = current ? [publicJwk(current.active), ...current.retired] : [];
  return {
    active: { ...jwk, kid, alg: "ES256", use: "sig" },
    retired: keep === "all" ? previous : previous.slice(0, keep),
    rotatedAt: now.toISOString(),
  };
}

/** The JWKS the portal serves for this key set. */
export function jwksOf(keySet: SigningKeySet): { keys: (JsonWebKey & { kid: string })[] } {
  return { keys: [{ ...publicJwk(keySet.active) }, ...keySet.retired] };
}
