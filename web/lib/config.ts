import "server-only";
import type { JWK } from "jose";
import { z } from "zod";

/**
 * The portal's server-side configuration, loaded once per process. Locally it comes from environment
 * variables set by `npm start`; in AWS the server function gets only names (docs/adr/0023) and reads one
 * SSM parameter and its secrets at cold start.
 */
export interface PortalConfig {
  apiUrl: string;
  portalUrl?: string | undefined;
  apiTokens: { issuer: string; audience: string };
  authProvider: "credentials" | "oidc";
  oidc?: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
  /** `active` signs; its public half and the `retired` public keys are served as the JWKS. */
  signingKeys: { active: JWK; retired: JWK[] } | null;
  nextAuthSecret: string;
}

const ZLocalEnv = z.object({
  ASSURE_API_URL: z.url().default("http://127.0.0.1:4000"),
  PORTAL_SIGNING_JWK: z.string().min(10, "PORTAL_SIGNING_JWK must hold the private signing JWK"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must have at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  AUTH_ISSUER: z.string().default("assure-portal"),
  AUTH_AUDIENCE: z.string().default("assure-api"),
  ASSURE_AUTH_PROVIDER: z.enum(["credentials", "oidc"]).default("credentials"),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
});

const ZAwsParameter = z.object({
  portalUrl: z.url(),
  apiUrl: z.url(),
  oidc: z.object({ provider: z.string(), issuer: z.url(), clientId: z.string() }),
  apiTokens: z.object({ issuer: z.string(), audience: z.string(), jwksPath: z.string() }),
});

const ZJwk = z.record(z.string(), z.unknown()).transform((jwk) => jwk as JWK);
const ZSigningSecret = z.union([
  z.object({ active: ZJwk, retired: z.array(ZJwk).default([]) }),
  // The value CloudFormation writes before the first rotation: no key yet.
  z.object({ bootstrap: z.string() }).transform(() => null),
]);

function fail(source: string, error: z.ZodError): never {
  throw new Error(
    `Invalid portal configuration (${source}): ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
  );
}

function fromEnv(env: NodeJS.ProcessEnv): PortalConfig {
  const parsed = ZLocalEnv.safeParse(env);
  if (!parsed.success) fail("environment", parsed.error);
  const e = parsed.data;
  let oidc: PortalConfig["oidc"];
  if (e.ASSURE_AUTH_PROVIDER === "oidc") {
    if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) {
      throw new Error("ASSURE_AUTH_PROVIDER=oidc needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");
    }
    oidc = {
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      name: e.OIDC_NAME,
    };
  }
  return {
    apiUrl: e.ASSURE_API_URL,
    portalUrl: e.NEXTAUTH_URL,
    apiTokens: { issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE },
    authProvider: e.ASSURE_AUTH_PROVIDER,
    oidc,
    signingKeys: { active: JSON.parse(e.PORTAL_SIGNING_JWK) as JWK, retired: [] },
    nextAuthSecret: e.NEXTAUTH_SECRET,
  };
}

async function fromAws(env: NodeJS.ProcessEnv, parameterName: string): Promise<PortalConfig> {
  const [{ SSMClient, GetParameterCommand }, { SecretsManagerClient, GetSecretValueCommand }] =
    await Promise.all([import("@aws-sdk/client-ssm"), import("@aws-sdk/client-secrets-manager")]);
  const ssm = new SSMClient({});
  const secrets = new SecretsManagerClient({});
  const secret = async (id: string | undefined, what: string) => {
    if (!id) throw new Error(`Invalid portal configuration: the ${what} secret id is not set`);
    const value = await secrets.send(new GetSecretValueCommand({ SecretId: id }));
    if (!value.SecretString) throw new Error(`The ${what} secret ${id} is empty`);
    return value.SecretString;
  };
  const parameter = await ssm.send(new GetParameterCommand({ Name: parameterName }));
  const parsed = ZAwsParameter.safeParse(JSON.parse(parameter.Parameter?.Value ?? "{}"));
  if (!parsed.success) fail(`SSM ${parameterName}`, parsed.error);
  const p = parsed.data;
  const [signing, session, clientSecret] = await Promise.all([
    secret(env.AUTH_SIGNING_KEY_SECRET_ID, "signing key"),
    secret(env.NEXTAUTH_SECRET_ID, "session"),
    secret(env.OIDC_CLIENT_SECRET_ID, "OIDC client"),
  ]);
  const signingKeys = ZSigningSecret.safeParse(JSON.parse(signing));
  if (!signingKeys.success) fail("signing key secret", signingKeys.error);
  // next-auth builds callback URLs from NEXTAUTH_URL; in AWS it is only known from the parameter.
  process.env.NEXTAUTH_URL ??= p.portalUrl;
  return {
    apiUrl: env.API_URL ?? p.apiUrl,
    portalUrl: env.NEXTAUTH_URL ?? p.portalUrl,
    apiTokens: { issuer: p.apiTokens.issuer, audience: p.apiTokens.audience },
    authProvider: "oidc",
    oidc: {
      issuer: p.oidc.issuer,
      clientId: p.oidc.clientId,
      clientSecret,
      name: env.OIDC_NAME ?? "Single sign-on",
    },
    signingKeys: signingKeys.data,
    nextAuthSecret: session,
  };
}

let loading: Promise<PortalConfig> | undefined;

export function portalConfig(): Promise<PortalConfig> {
  if (!loading) {
    const parameter = process.env.PORTAL_CONFIG_PARAMETER;
    loading = parameter
      ? fromAws(process.env, parameter)
      : Promise.resolve().then(() => fromEnv(process.env));
    // A failed load (e.g. a transient AWS error) is retried on the next request instead of sticking.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
