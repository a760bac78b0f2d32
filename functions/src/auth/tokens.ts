import { ZId, ZRole } from "@assure/shared";
import {
  type CryptoKey,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from "jose";
import { z } from "zod";

export const TOKEN_ALG = "ES256";
export const DEFAULT_ISSUER = "assure-portal";
export const DEFAULT_AUDIENCE = "assure-api";
/** Short-lived: the portal signs a fresh one per request. */
export const TOKEN_TTL_SECONDS = 300;

/**
 * Claims of a user token: who, in which tenant, and when the portal session it was signed for began (`sat`,
 * epoch milliseconds; compared with the user's session revocations). `role` and `op` are what the portal
 * believed; the API decides with the stored membership and user instead.
 */
export const ZUserTokenClaims = z.object({
  sub: ZId,
  tid: ZId,
  role: ZRole,
  op: z.boolean().optional(),
  sat: z.number().int().positive(),
});
export type TUserTokenClaims = z.infer<typeof ZUserTokenClaims>;

/** A portal-to-API token with no tenant, for sign-in provisioning (OIDC users). */
export const ZServiceTokenClaims = z.object({ sub: z.literal("portal"), scope: z.literal("session") });

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey | Uint8Array;
}

export async function generateSigningJwk(kid = `portal-${Date.now().toString(36)}`) {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: TOKEN_ALG, use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALG, use: "sig" };
  return { privateJwk, publicJwk };
}

export async function importSigningKey(privateJwk: JWK): Promise<SigningKey> {
  if (!privateJwk.kid) throw new Error("the signing JWK needs a kid");
  return { kid: privateJwk.kid, privateKey: await importJWK(privateJwk, TOKEN_ALG) };
}

export async function signToken(
  key: SigningKey,
  claims: Record<string, unknown>,
  options: { issuer?: string; audience?: string; ttlSeconds?: number } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: TOKEN_ALG, kid: key.kid, typ: "JWT" })
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? TOKEN_TTL_SECONDS}s`)
    .sign(key.privateKey);
}

export interface VerifierConfig {
  /** The portal's JWKS endpoint (AWS, or local with the portal running). */
  jwksUrl?: string | undefined;
  /** Inline public keys (tests, or a key configured from stack outputs). */
  jwks?: JSONWebKeySet | undefined;
  issuer: string;
  audience: string;
}

export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

export function createTokenVerifier(config: VerifierConfig): TokenVerifier {
  let keySet: () => JWTVerifyGetKey;
  if (config.jwks) {
    const local = createLocalJWKSet(config.jwks);
    keySet = () => local;
  } else if (config.jwksUrl) {
    const url = new URL(config.jwksUrl);
    // Created with the first token: a remote key set loads Node's fetch (undici, ~25 ms) when it is built, which
    // requests without a token (health checks, the public CSAF provider) need not wait for at cold start.
    let remote: JWTVerifyGetKey | undefined;
    keySet = () => {
      remote ??= createRemoteJWKSet(url, { cooldownDuration: 30_000 });
      return remote;
    };
  } else throw new Error("token verification needs a JWKS URL or inline JWKS");
  return async (token) => {
    const { payload } = await jwtVerify(token, keySet(), {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: [TOKEN_ALG],
      clockTolerance: 5,
    });
    return payload as Record<string, unknown>;
  };
}
