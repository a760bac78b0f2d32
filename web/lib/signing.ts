import "server-only";
import { importJWK, type JWK, SignJWT } from "jose";
import { portalEnv } from "./config";

const ALG = "ES256";
let key: { kid: string; privateKey: CryptoKey | Uint8Array; publicJwk: JWK } | undefined;

async function signingKey() {
  if (!key) {
    const jwk = JSON.parse(portalEnv().PORTAL_SIGNING_JWK) as JWK;
    if (!jwk.kid) throw new Error("PORTAL_SIGNING_JWK needs a kid");
    const { d: _private, ...publicJwk } = jwk;
    key = {
      kid: jwk.kid,
      privateKey: (await importJWK(jwk, ALG)) as CryptoKey,
      publicJwk: { ...publicJwk, use: "sig", alg: ALG },
    };
  }
  return key;
}

/** A short-lived token for one API call, naming the user, the current tenant and the role there. */
export async function signApiToken(claims: Record<string, unknown>, ttlSeconds = 120): Promise<string> {
  const { kid, privateKey } = await signingKey();
  const env = portalEnv();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid, typ: "JWT" })
    .setIssuer(env.AUTH_ISSUER)
    .setAudience(env.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(privateKey);
}

export async function publicJwks() {
  return { keys: [(await signingKey()).publicJwk] };
}
