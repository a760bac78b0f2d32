import "server-only";
import { importJWK, type JWK, SignJWT } from "jose";
import { portalConfig } from "./config";

const ALG = "ES256";
let cached: { source: JWK; kid: string; privateKey: CryptoKey | Uint8Array } | undefined;

const publicHalf = ({ d: _private, ...rest }: JWK): JWK => ({ ...rest, use: "sig", alg: ALG });

async function activeKey() {
  const { signingKeys } = await portalConfig();
  if (!signingKeys)
    throw new Error("The portal has no signing key yet (the first key rotation has not run).");
  if (cached?.source !== signingKeys.active) {
    const { kid } = signingKeys.active;
    if (!kid) throw new Error("the signing JWK needs a kid");
    cached = {
      source: signingKeys.active,
      kid,
      privateKey: (await importJWK(signingKeys.active, ALG)) as CryptoKey,
    };
  }
  return cached;
}

/** A short-lived token for one API call, naming the user, the current tenant and the role there. */
export async function signApiToken(claims: Record<string, unknown>, ttlSeconds = 120): Promise<string> {
  const [{ kid, privateKey }, config] = await Promise.all([activeKey(), portalConfig()]);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid, typ: "JWT" })
    .setIssuer(config.apiTokens.issuer)
    .setAudience(config.apiTokens.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(privateKey);
}

/** The active public key and the retired ones, so tokens signed just before a rotation still verify. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  const { signingKeys } = await portalConfig();
  if (!signingKeys) return { keys: [] };
  return { keys: [signingKeys.active, ...signingKeys.retired].map(publicHalf) };
}
