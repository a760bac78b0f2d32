import { generateKeyPairSync, type JsonWebKey, randomUUID } from "node:crypto";

/**
 * The portal's token-signing key material as stored in Secrets Manager. The portal signs API tokens with
 * `active` and publishes `active` (public part) plus `retired` in its JWKS, so tokens signed just before a
 * rotation still verify until they expire. Only public keys are kept for retired entries.
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

/** A fresh P-256 key becomes active; the previous active key is kept (public part only) for verification. */
export function nextSigningKeySet(
  current: SigningKeySet | undefined,
  now: Date,
  kid: string = randomUUID(),
): SigningKeySet {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" });
  return {
    active: { ...jwk, kid, alg: "ES256", use: "sig" },
    retired: current ? [publicJwk(current.active)] : [],
    rotatedAt: now.toISOString(),
  };
}

/** The JWKS the portal serves for this key set. */
export function jwksOf(keySet: SigningKeySet): { keys: (JsonWebKey & { kid: string })[] } {
  return { keys: [{ ...publicJwk(keySet.active) }, ...keySet.retired] };
}
