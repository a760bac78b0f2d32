import { createApp } from "./app";
import { createTokenVerifier } from "./auth/tokens";
import { cachedSecretString } from "./aws/secrets";
import { createTenantScopedDbs } from "./aws/tenant-scoped-db";
import { parseApiConfig } from "./config";
import { createDb } from "./db/client";
import { localPaths } from "./local/paths";
import { resolveWithDns } from "./notify/webhook-target";
import { createLogger, logLevelFromEnv } from "./observability/logger";
import { claimSignerFromEnv, claimSignerFromSecret } from "./signing/claim-signer";
import { createEvidenceStoreFromEnv } from "./storage/create-evidence-store";

// Built once per process: at Lambda cold start, or when the local server starts.
const config = parseApiConfig(process.env);

/** After a rotation, processes sign with the new claim-signing key (and publish it) within this time. */
const CLAIM_SIGNING_KEY_TTL_MS = 5 * 60_000;

export const app = createApp({
  db: createDb({ tableName: config.TABLE_NAME, endpoint: config.DYNAMODB_ENDPOINT }),
  // In AWS, own-tenant routes sign as the tenant-scoped role; locally (no role) they use `db`.
  ...(config.TENANT_SCOPED_ROLE_ARN
    ? {
        tenantDb: createTenantScopedDbs({
          roleArn: config.TENANT_SCOPED_ROLE_ARN,
          tableName: config.TABLE_NAME,
        }),
      }
    : {}),
  verifyToken: createTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    jwks: config.AUTH_JWKS ? JSON.parse(config.AUTH_JWKS) : undefined,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
  }),
  maxBodyBytes: config.MAX_BODY_BYTES,
  now: () => new Date(),
  logger: createLogger({ service: process.env.SERVICE_NAME ?? "assure-api", level: logLevelFromEnv() }),
  portalOrigin: config.PORTAL_ORIGIN,
  // Plain http only for a developer's own machine; private and loopback addresses are refused in every mode.
  webhookTargets: { requireHttps: config.ASSURE_MODE !== "local", resolve: resolveWithDns },
  signInThrottle: {
    ...(config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT
      ? { maxFailuresPerAccount: config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT }
      : {}),
    ...(config.SIGN_IN_MAX_FAILURES_PER_ADDRESS
      ? { maxFailuresPerAddress: config.SIGN_IN_MAX_FAILURES_PER_ADDRESS }
      : {}),
    ...(config.SIGN_IN_WINDOW_SECONDS ? { windowSeconds: config.SIGN_IN_WINDOW_SECONDS } : {}),
  },
  evidence: createEvidenceStoreFromEnv(process.env, localPaths.evidence),
  // In AWS from the rotated secret, read with the first request that needs it and again every 5 minutes.
  ...(config.CLAIM_SIGNING_KEY_SECRET_ID
    ? {
        loadClaimSigner: claimSignerFromSecret(
          cachedSecretString(config.CLAIM_SIGNING_KEY_SECRET_ID, { ttlMs: CLAIM_SIGNING_KEY_TTL_MS }),
        ),
      }
    : { claimSigner: await claimSignerFromEnv(process.env, localPaths.claimSigningKey) }),
});
