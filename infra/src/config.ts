import { z } from "zod";

/**
 * Stage configuration: everything that differs between dev and prod, validated before any construct
 * is created. Defaults live here (and only here) so a reader sees the whole deployment in one place.
 * Overrides come from CDK context: `npx cdk synth -c stage=prod -c config='{"api":{"reservedConcurrency":50}}'`.
 */

export const STAGES = ["dev", "prod"] as const;
export type Stage = (typeof STAGES)[number];

const domainSchema = z.object({
  /** e.g. portal.example.com */
  domainName: z.string().min(3),
  /** ACM certificate ARN. For the portal (CloudFront) it must be in us-east-1. */
  certificateArn: z.string().startsWith("arn:"),
});

const configSchema = z.object({
  stage: z.enum(STAGES),
  /** Prefix of resource names, SSM parameters and secrets. */
  appName: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/),
  /** Target account; unset means "the account of the credentials used to deploy" (and any account for synth). */
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),

  table: z.object({
    /** Encrypt with a customer-managed KMS key (rotated yearly) instead of the AWS-owned key. */
    customerManagedKey: z.boolean(),
    deletionProtection: z.boolean(),
    pointInTimeRecovery: z.boolean(),
  }),

  api: z.object({
    memoryMb: z.number().int().min(128).max(10_240),
    /** HTTP APIs give up after 30 s, so the function must finish before. */
    timeoutSeconds: z.number().int().min(1).max(29),
    /** Caps the API's share of the account's concurrency (protects the stream processor and jobs). */
    reservedConcurrency: z.number().int().min(1).optional(),
    /** Keeps N environments initialised behind the `live` alias; removes cold starts at a fixed cost. */
    provisionedConcurrency: z.number().int().min(1).optional(),
    throttle: z.object({ rateLimit: z.number().int().min(1), burstLimit: z.number().int().min(1) }),
    customDomain: domainSchema.optional(),
  }),

  streamProcessor: z.object({
    batchSize: z.number().int().min(1).max(10_000),
    maxBatchingWindowSeconds: z.number().int().min(0).max(300),
    /** Retries of a failing batch (halved by bisection each time) before the record goes to the DLQ. */
    retryAttempts: z.number().int().min(0).max(10_000),
    maxRecordAgeHours: z.number().int().min(1).max(168),
    parallelizationFactor: z.number().int().min(1).max(10),
  }),

  jobs: z.object({
    /** EventBridge schedule expressions (UTC). */
    certificateExpirySchedule: z.string().regex(/^(cron|rate)\(.+\)$/),
    csafFeedPollSchedule: z.string().regex(/^(cron|rate)\(.+\)$/),
    certificateReminderDays: z.array(z.number().int().min(1)).min(1),
    csafProviderMetadataUrls: z.array(z.string().url()),
    csafMaxDocumentsPerRun: z.number().int().min(1).max(5_000),
  }),

  claims: z.object({
    /**
     * Rotation of the API's claim-signing key (ADR 0032). Every previous public key stays in the published JWKS
     * (signed claims are checked for years), so each rotation adds one key there for good.
     */
    signingKeyRotationDays: z.number().int().min(1).max(3_650),
  }),

  notifications: z.object({
    /**
     * Sender address of notification e-mails, sent through Amazon SES (the identity must be verified there).
     * Unset: e-mails are written to the stream processor's log instead; inbox entries and webhooks work either way.
     */
    emailFrom: z.string().email().optional(),
    /** The verified SES identity the function may send as: a domain or an address. @default the sender's domain */
    sesIdentity: z.string().min(3).optional(),
  }),

  evidence: z.object({
    /** The API signs uploads no larger than this. */
    maxUploadBytes: z.number().int().min(1),
    allowedContentTypes: z.array(z.string().regex(/^[\w.+-]+\/[\w.+-]+$/)).min(1),
    uploadUrlTtlSeconds: z.number().int().min(30).max(3_600),
    transitionToInfrequentAccessDays: z.number().int().min(30),
    /** Replaced evidence stays recoverable this long. */
    noncurrentVersionRetentionDays: z.number().int().min(1),
  }),

  portal: z.object({
    /** The OpenNext build output (`web/.open-next`), relative to the repository root. */
    buildDir: z.string(),
    /**
     * When the build is absent, deploy a placeholder page instead of failing, so `cdk synth` and the tests
     * work on a fresh checkout. Off in prod: deploying prod without a built portal is an error.
     */
    allowPlaceholder: z.boolean(),
    customDomain: domainSchema.optional(),
    serverMemoryMb: z.number().int().min(128).max(10_240),
    /** Path of the portal's JWKS (public keys of the API tokens it signs). */
    jwksPath: z.string().startsWith("/"),
  }),

  waf: z.object({
    enabled: z.boolean(),
    /** Requests per 5 minutes per client IP before WAF blocks it. */
    rateLimitPer5Minutes: z.number().int().min(10),
  }),

  auth: z.discriminatedUnion("provider", [
    z.object({
      provider: z.literal("cognito"),
      /** Cognito hosted-UI domain prefix; must be unique in the region. */
      domainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
      mfa: z.enum(["required", "optional"]),
      /** The audience the API expects in the portal's tokens. */
      apiAudience: z.string(),
      signingKeyRotationDays: z.number().int().min(1).max(365),
    }),
    z.object({
      provider: z.literal("external"),
      /** OIDC issuer URL of the external IdP (Entra ID, Okta, Keycloak, …). */
      issuer: z.string().url(),
      clientId: z.string().min(1),
      /** Secrets Manager secret holding the client secret as plain text. */
      clientSecretArn: z.string().startsWith("arn:"),
      apiAudience: z.string(),
      signingKeyRotationDays: z.number().int().min(1).max(365),
    }),
  ]),

  observability: z.object({
    logRetentionDays: z.union([
      z.literal(7),
      z.literal(14),
      z.literal(30),
      z.literal(90),
      z.literal(365),
      z.literal(731),
    ]),
    /** Where alarms are sent; unset means alarms only show in the console and the dashboard. */
    alarmEmail: z.string().email().optional(),
    apiP99LatencyMs: z.number().int().min(1),
  }),
});

export type StageConfig = z.infer<typeof configSchema>;
export type AuthConfig = StageConfig["auth"];
export type DomainConfig = z.infer<typeof domainSchema>;

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
export type StageConfigOverrides = DeepPartial<StageConfig>;

const common = {
  appName: "assure",
  region: "eu-central-1",
  streamProcessor: {
    batchSize: 100,
    maxBatchingWindowSeconds: 2,
    retryAttempts: 5,
    maxRecordAgeHours: 24,
    parallelizationFactor: 1,
  },
  jobs: {
    certificateExpirySchedule: "cron(0 6 * * ? *)",
    csafFeedPollSchedule: "rate(1 hour)",
    certificateReminderDays: [90, 30, 7],
    csafProviderMetadataUrls: [],
    csafMaxDocumentsPerRun: 200,
  },
  claims: { signingKeyRotationDays: 365 },
  notifications: {},
  evidence: {
    maxUploadBytes: 50 * 1024 * 1024,
    allowedContentTypes: [
      "application/pdf",
      "application/json",
      "application/xml",
      "text/plain",
      "text/csv",
      "image/png",
      "image/jpeg",
      "application/zip",
    ],
    uploadUrlTtlSeconds: 300,
    transitionToInfrequentAccessDays: 90,
    noncurrentVersionRetentionDays: 365,
  },
  portal: {
    buildDir: "web/.open-next",
    customDomain: undefined,
    serverMemoryMb: 1024,
    jwksPath: "/api/jwks",
  },
} satisfies Partial<StageConfigOverrides>;

export const STAGE_DEFAULTS: Record<Stage, StageConfigOverrides> = {
  dev: {
    ...common,
    stage: "dev",
    table: { customerManagedKey: false, deletionProtection: false, pointInTimeRecovery: true },
    api: { memoryMb: 1024, timeoutSeconds: 15, throttle: { rateLimit: 50, burstLimit: 100 } },
    portal: { ...common.portal, allowPlaceholder: true },
    waf: { enabled: true, rateLimitPer5Minutes: 2_000 },
    auth: {
      provider: "cognito",
      domainPrefix: "assure-dev",
      mfa: "optional",
      apiAudience: "assure-api",
      signingKeyRotationDays: 30,
    },
    observability: { logRetentionDays: 14, apiP99LatencyMs: 2_000 },
  },
  prod: {
    ...common,
    stage: "prod",
    table: { customerManagedKey: true, deletionProtection: true, pointInTimeRecovery: true },
    api: {
      memoryMb: 1536,
      timeoutSeconds: 15,
      reservedConcurrency: 200,
      throttle: { rateLimit: 500, burstLimit: 1_000 },
    },
    portal: { ...common.portal, allowPlaceholder: false, serverMemoryMb: 1536 },
    waf: { enabled: true, rateLimitPer5Minutes: 2_000 },
    auth: {
      provider: "cognito",
      domainPrefix: "assure-prod",
      mfa: "required",
      apiAudience: "assure-api",
      signingKeyRotationDays: 90,
    },
    observability: { logRetentionDays: 365, apiP99LatencyMs: 1_000 },
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars replace. An override that switches auth.provider replaces auth. */
function merge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  if ("provider" in override && override.provider !== base.provider) return override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = merge(base[key], value);
  return result;
}

export class StageConfigError extends Error {}

/** The validated configuration of `stage` with `overrides` applied; throws with every problem listed. */
export function loadStageConfig(stage: string, overrides: StageConfigOverrides = {}): StageConfig {
  const parsedStage = z.enum(STAGES).safeParse(stage);
  if (!parsedStage.success) {
    throw new StageConfigError(`Unknown stage "${stage}"; expected one of ${STAGES.join(", ")}`);
  }
  const merged = merge(STAGE_DEFAULTS[parsedStage.data], { ...overrides, stage: parsedStage.data });
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new StageConfigError(`Invalid ${stage} configuration:\n${problems.join("\n")}`);
  }
  const config = result.data;
  if (config.api.provisionedConcurrency && config.api.reservedConcurrency) {
    if (config.api.provisionedConcurrency > config.api.reservedConcurrency) {
      throw new StageConfigError("api.provisionedConcurrency cannot exceed api.reservedConcurrency");
    }
  }
  return config;
}
