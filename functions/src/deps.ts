import type { TokenVerifier } from "./auth/tokens";
import type { Db } from "./db/client";
import type { Logger } from "./observability/logger";
import type { ClaimSigner } from "./signing/claim-signer";
import type { EvidenceStore } from "./storage/evidence-store";

/** Everything a request needs from the outside world, built once per process (cold start). */
export interface AppDeps {
  db: Db;
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
}
