import { createApp } from "./app";
import { createTokenVerifier } from "./auth/tokens";
import { parseApiConfig } from "./config";
import { createDb } from "./db/client";
import { localPaths } from "./local/paths";
import { createLogger, logLevelFromEnv } from "./observability/logger";
import { claimSignerFromEnv } from "./signing/claim-signer";
import { createEvidenceStoreFromEnv } from "./storage/create-evidence-store";

// Built once per process: at Lambda cold start, or when the local server starts.
const config = parseApiConfig(process.env);

export const app = createApp({
  db: createDb({ tableName: config.TABLE_NAME, endpoint: config.DYNAMODB_ENDPOINT }),
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
  evidence: createEvidenceStoreFromEnv(process.env, localPaths.evidence),
  claimSigner: await claimSignerFromEnv(process.env, localPaths.claimSigningKey),
});
