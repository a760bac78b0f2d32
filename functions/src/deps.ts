import type { SignInThrottleConfig } from "./auth/sign-in-throttle";
import type { TokenVerifier } from "./auth/tokens";
import type { Db } from "./db/client";
import type { WebhookTargetPolicy } from "./notify/webhook-target";
import type { Logger } from "./observability/logger";
import type { ClaimSigner } from "./signing/claim-signer";
import type { EvidenceStore } from "./storage/evidence-store";

/** Everything a request needs from the outside world, built once per process (cold start). */
export interface AppDeps {
  db: Db;
  /**
   * A table client confined to one tenant's partitions, for routes that only touch the caller's own tenant
   * (inbox, tenant settings): in AWS it signs as the tenant-scoped role (TENANT_SCOPED_ROLE_ARN), whose IAM
   * policy allows only `T#<tenantId>` keys, so a bug there cannot reach another tenant. Without it, `db`.
   */
  tenantDb?: ((tenantId: string) => Db) | undefined;
  verifyToken: TokenVerifier;
  maxBodyBytes: number;
  /** Injected so tests can pin time (certificate validity, audit timestamps). */
  now: () => Date;
  portalOrigin?: string | undefined;
  /** Structured JSON logs (one line per request, errors with stacks); silent when absent (tests). */
  logger?: Logger | undefined;
  /** Where evidence files live (local directory or S3); evidence routes answer 500 without one. */
  evidence?: EvidenceStore | undefined;
  /** Signs published claim revisions (JWS); publishing answers 500 without one. */
  claimSigner?: ClaimSigner | undefined;
  /**
   * Where the signer comes from when it is not fixed for the process: in AWS, a rotated Secrets Manager secret
   * (CLAIM_SIGNING_KEY_SECRET_ID). Read for the requests that sign or publish keys — under /v1/components
   * (publishing) and the claims JWKS — and set as `claimSigner` for them.
   */
  loadClaimSigner?: (() => Promise<ClaimSigner | undefined>) | undefined;
  /** Which webhook URLs a tenant may save (notify/webhook-target.ts); without it https only, resolved with DNS. */
  webhookTargets?: WebhookTargetPolicy | undefined;
  /** Limits of password sign-in per account and per client address (defaults in auth/sign-in-throttle.ts). */
  signInThrottle?: Partial<SignInThrottleConfig> | undefined;
}
