import { existsSync } from "node:fs";
import {
  CompactSign,
  compactVerify,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
} from "jose";
import { z } from "zod";
import { readJsonFile, writeJsonFile } from "../local/paths";
import { parseSigningKeySet } from "./key-set";

/**
 * Each published claim revision is signed by the deployment that published it (a JWS, ES256, one key per
 * deployment), so a claim exported from the portal can be checked offline against the published JWKS.
 * See docs/adr/0032-signed-claims.md.
 */
export const CLAIM_SIGNING_ALG = "ES256";
export const SIGNED_CLAIM_TYPE = "assure-claim+json";

export interface ClaimSigner {
  kid: string;
  /** Compact JWS over the canonical JSON payload. */
  sign(payloadJson: string): Promise<string>;
  /** The public keys verifiers accept (the current key first, then retired ones still in use). */
  jwks(): JSONWebKeySet;
}

const ZPrivateJwk = z
  .object({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    d: z.string(),
    x: z.string(),
    y: z.string(),
    kid: z.string().min(1),
  })
  .passthrough();

export async function generateClaimSigningJwk(kid = `claims-${Date.now().toString(36)}`) {
  const { privateKey, publicKey } = await generateKeyPair(CLAIM_SIGNING_ALG, { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: CLAIM_SIGNING_ALG, use: "sig" };
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: CLAIM_SIGNING_ALG, use: "sig" };
  return { privateJwk, publicJwk };
}

export const publicPartOf = (jwk: JWK): JWK => {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return { ...rest, alg: CLAIM_SIGNING_ALG, use: "sig" };
};

/** A signer from a private JWK; `retiredPublicKeys` stay in the JWKS so older revisions still verify. */
export async function createClaimSigner(
  privateJwk: JWK,
  retiredPublicKeys: JWK[] = [],
): Promise<ClaimSigner> {
  const parsed = ZPrivateJwk.safeParse(privateJwk);
  if (!parsed.success) throw new Error("CLAIM_SIGNING_JWK must be a private EC P-256 JWK with a kid");
  const kid = parsed.data.kid;
  const key = await importJWK(privateJwk, CLAIM_SIGNING_ALG);
  const keys = [
    publicPartOf(privateJwk),
    ...retiredPublicKeys.filter((k) => k.kid !== kid).map(publicPartOf),
  ];
  return {
    kid,
    sign: (payloadJson) =>
      new CompactSign(new TextEncoder().encode(payloadJson))
        .setProtectedHeader({ alg: CLAIM_SIGNING_ALG, kid, typ: SIGNED_CLAIM_TYPE })
        .sign(key),
    jwks: () => ({ keys }),
  };
}

export type VerifyResult = { ok: true; kid: string; payload: unknown } | { ok: false; reason: string };

/** Verifies a compact JWS against a key set (offline). */
export async function verifySignedClaim(jws: string, jwks: JSONWebKeySet): Promise<VerifyResult> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks), {
      algorithms: [CLAIM_SIGNING_ALG],
    });
    if (protectedHeader.typ !== SIGNED_CLAIM_TYPE)
      return { ok: false, reason: `unexpected JWS type ${String(protectedHeader.typ)}` };
    return {
      ok: true,
      kid: protectedHeader.kid ?? "",
      payload: JSON.parse(new TextDecoder().decode(payload)),
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_JWKS_NO_MATCHING_KEY")
      return { ok: false, reason: "no key in the key set matches the signature's kid" };
    if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED")
      return {
        ok: false,
        reason: "the signature does not match the content (altered, or signed by another key)",
      };
    return { ok: false, reason: (error as Error).message };
  }
}

const ZJwkJson = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as JWK;
  } catch {
    ctx.addIssue({ code: "custom", message: "is not JSON" });
    return z.NEVER;
  }
});

const ZLocalClaimKey = z.object({ privateJwk: z.record(z.string(), z.unknown()) });

/**
 * The deployment's signer: CLAIM_SIGNING_JWK (a private JWK as JSON; in AWS injected from SSM/Secrets Manager),
 * with CLAIM_SIGNING_RETIRED_JWKS (a JWKS of older public keys) kept for verification. Without it, the local
 * stack generates one key under the data directory and keeps it; in AWS mode there is no signer (publishing
 * answers 500 and says why in the log).
 */
export async function claimSignerFromEnv(
  env: Record<string, string | undefined>,
  localKeyFile: string,
): Promise<ClaimSigner | undefined> {
  const retired = env.CLAIM_SIGNING_RETIRED_JWKS
    ? (JSON.parse(env.CLAIM_SIGNING_RETIRED_JWKS) as JSONWebKeySet).keys
    : [];
  if (env.CLAIM_SIGNING_JWK) {
    const jwk = ZJwkJson.safeParse(env.CLAIM_SIGNING_JWK);
    if (!jwk.success) throw new Error("CLAIM_SIGNING_JWK is not JSON");
    return createClaimSigner(jwk.data, retired);
  }
  if (env.ASSURE_MODE !== "local") return undefined;
  let stored = readJsonFile(ZLocalClaimKey, localKeyFile);
  if (!stored || !existsSync(localKeyFile)) {
    const { privateJwk } = await generateClaimSigningJwk("claims-local");
    writeJsonFile(localKeyFile, { privateJwk });
    stored = { privateJwk: privateJwk as Record<string, unknown> };
  }
  return createClaimSigner(stored.privateJwk as JWK, retired);
}

/**
 * The deployment's signer from a Secrets Manager secret in the rotated key-set format (functions/src/signing/
 * key-set.ts: `active` private JWK, `retired` public JWKs; every retired key is kept for claims), read with
 * `secretString` (cached and re-read by the caller, see aws/secrets.ts). Undefined while the secret holds the
 * stack's bootstrap value, before its first rotation.
 */
export function claimSignerFromSecret(
  secretString: () => Promise<string | undefined>,
): () => Promise<ClaimSigner | undefined> {
  let built: { source: string; signer: Promise<ClaimSigner> } | undefined;
  return async () => {
    const source = await secretString();
    const keySet = parseSigningKeySet(source);
    if (!source || !keySet) return undefined;
    if (built?.source !== source) {
      built = { source, signer: createClaimSigner(keySet.active as JWK, keySet.retired as JWK[]) };
    }
    return built.signer;
  };
}
