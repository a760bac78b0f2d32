import { createDb, type Db } from "../db/client";

/** Temporary credentials of a role session (what STS AssumeRole returns). */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** Assumes `roleArn` with the session tag `tenantId` (the role's dynamodb:LeadingKeys condition reads it). */
export type AssumeTenantRole = (input: { roleArn: string; tenantId: string }) => Promise<SessionCredentials>;

/** The tag the tenant-scoped role's policy reads (infra/src/constructs/tenant-scoped-role.ts). */
export const TENANT_SESSION_TAG = "tenantId";
const SESSION_SECONDS = 900;
/** Sessions are renewed this long before they expire (the SDK also asks again within 5 minutes of expiry). */
const RENEW_BEFORE_MS = 5 * 60_000;
/** Tenants whose clients are kept per process; the least recently used is dropped beyond this. */
const MAX_CACHED_TENANTS = 200;

/** The AssumeRole request for one tenant: a short session tagged with the tenant id. */
export function tenantSessionRequest(roleArn: string, tenantId: string) {
  return {
    RoleArn: roleArn,
    RoleSessionName: `tenant-${tenantId}`.slice(0, 64),
    DurationSeconds: SESSION_SECONDS,
    Tags: [{ Key: TENANT_SESSION_TAG, Value: tenantId }],
  };
}

let sts: Promise<AssumeTenantRole> | undefined;

/** STS through the SDK the Lambda runtime provides, loaded with the first tenant-scoped request. */
export const assumeTenantRoleWithSts: AssumeTenantRole = async (input) => {
  sts ??= import("@aws-sdk/client-sts").then(({ AssumeRoleCommand, STSClient }) => {
    const client = new STSClient({});
    return async ({ roleArn, tenantId }) => {
      const { Credentials } = await client.send(
        new AssumeRoleCommand(tenantSessionRequest(roleArn, tenantId)),
      );
      if (
        !Credentials?.AccessKeyId ||
        !Credentials.SecretAccessKey ||
        !Credentials.SessionToken ||
        !Credentials.Expiration
      )
        throw new Error(`STS returned no credentials for the tenant-scoped role ${roleArn}`);
      return {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretAccessKey,
        sessionToken: Credentials.SessionToken,
        expiration: Credentials.Expiration,
      };
    };
  });
  return (await sts)(input);
};

export interface TenantScopedDbOptions {
  roleArn: string;
  tableName: string;
  region?: string | undefined;
  assumeRole?: AssumeTenantRole;
  now?: () => number;
}

/**
 * Table clients that act as the tenant-scoped role (docs/adr/0001): each signs with a session tagged with one
 * tenant id, so IAM refuses any key outside `T#<tenantId>` and `T#<tenantId>#…` even if the calling code has a
 * bug. One client per tenant, its session renewed before it expires; concurrent requests share one AssumeRole.
 */
export function createTenantScopedDbs(options: TenantScopedDbOptions): (tenantId: string) => Db {
  const assumeRole = options.assumeRole ?? assumeTenantRoleWithSts;
  const now = options.now ?? Date.now;
  const clients = new Map<string, Db>();
  return (tenantId) => {
    const cached = clients.get(tenantId);
    if (cached) {
      // Re-inserted: Map order is then least recently used first.
      clients.delete(tenantId);
      clients.set(tenantId, cached);
      return cached;
    }
    let session: { credentials: Promise<SessionCredentials>; expiresAt?: number } | undefined;
    const credentials = () => {
      const stale = session?.expiresAt !== undefined && session.expiresAt - now() < RENEW_BEFORE_MS;
      if (!session || stale) {
        const next: { credentials: Promise<SessionCredentials>; expiresAt?: number } = {
          credentials: assumeRole({ roleArn: options.roleArn, tenantId }),
        };
        session = next;
        next.credentials.then(
          (value) => {
            next.expiresAt = value.expiration.getTime();
          },
          // A failed AssumeRole is not kept: the next request tries again.
          () => {
            if (session === next) session = undefined;
          },
        );
      }
      return session.credentials;
    };
    const db = createDb({ tableName: options.tableName, region: options.region, credentials });
    clients.set(tenantId, db);
    if (clients.size > MAX_CACHED_TENANTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    return db;
  };
}
