import { z } from "zod";
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from "./auth/tokens";

/** Environment of the API process, parsed once at start (Lambda cold start or local server start). */
export const ZApiConfig = z
  .object({
    TABLE_NAME: z.string().min(3).default("assure"),
    DYNAMODB_ENDPOINT: z.url().optional(),
    AUTH_JWKS_URL: z.url().optional(),
    /** A JSON Web Key Set as a string, instead of fetching AUTH_JWKS_URL. */
    AUTH_JWKS: z.string().optional(),
    AUTH_ISSUER: z.string().default(DEFAULT_ISSUER),
    AUTH_AUDIENCE: z.string().default(DEFAULT_AUDIENCE),
    /** `local` enables developer conveniences such as `assure dev token`; never set it in AWS. */
    ASSURE_MODE: z.enum(["local", "aws"]).default("aws"),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1_048_576 * 2),
    PORTAL_ORIGIN: z.string().optional(),
    /** Password sign-in limits (defaults in auth/sign-in-throttle.ts): failures per account and per address. */
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().optional(),
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().optional(),
    SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).optional(),
    /**
     * Secrets Manager secret (ARN or name) with the claim-signing key set, rotated by the stack (AWS). Without it
     * the signer comes from CLAIM_SIGNING_JWK, or locally from the data directory (signing/claim-signer.ts).
     */
    CLAIM_SIGNING_KEY_SECRET_ID: z.string().min(1).optional(),
    /**
     * The role confined by dynamodb:LeadingKeys to one tenant's partitions (infra TenantScopedRole). When set, the
     * routes that only touch the caller's own tenant sign as it (aws/tenant-scoped-db.ts).
     */
    TENANT_SCOPED_ROLE_ARN: z.string().startsWith("arn:", "an IAM role ARN").optional(),
  })
  .refine((env) => env.AUTH_JWKS_URL || env.AUTH_JWKS, {
    message: "set AUTH_JWKS_URL (the portal's /.well-known/jwks.json) or AUTH_JWKS",
    path: ["AUTH_JWKS_URL"],
  });
export type TApiConfig = z.infer<typeof ZApiConfig>;

export function parseApiConfig(env: Record<string, string | undefined>): TApiConfig {
  const result = ZApiConfig.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid API configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}
