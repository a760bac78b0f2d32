import type { TokenVerifier } from "./auth/tokens";
import type { Db } from "./db/client";

/** Everything a request needs from the outside world, built once per process (cold start). */
export interface AppDeps {
  db: Db;
  verifyToken: TokenVerifier;
  maxBodyBytes: number;
  /** Injected so tests can pin time (certificate validity, audit timestamps). */
  now: () => Date;
  portalOrigin?: string | undefined;
}
