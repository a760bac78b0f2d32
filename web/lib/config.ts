import "server-only";
import { z } from "zod";

/** The portal's server-side environment, parsed once. */
const ZPortalEnv = z.object({
  ASSURE_API_URL: z.url().default("http://127.0.0.1:4000"),
  /** The private ES256 JWK the portal signs API tokens with (its public half is served as JWKS). */
  PORTAL_SIGNING_JWK: z.string().min(10, "PORTAL_SIGNING_JWK must hold the private signing JWK"),
  AUTH_ISSUER: z.string().default("assure-portal"),
  AUTH_AUDIENCE: z.string().default("assure-api"),
  /** credentials (local and demo users) or oidc (Cognito or any OIDC issuer). */
  ASSURE_AUTH_PROVIDER: z.enum(["credentials", "oidc"]).default("credentials"),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
});
export type TPortalEnv = z.infer<typeof ZPortalEnv>;

let cached: TPortalEnv | undefined;

export function portalEnv(): TPortalEnv {
  if (!cached) {
    const result = ZPortalEnv.safeParse(process.env);
    if (!result.success) {
      throw new Error(
        `Invalid portal configuration: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    }
    cached = result.data;
  }
  return cached;
}
