import type { Db } from "../db/client";
import { getUserAndMembership, type TMembershipRecord, type TUserRecord } from "../repos/users";

/**
 * How long a Lambda instance trusts a user's membership read: a removed member, a demoted admin or a revoked
 * session loses its rights within this time on every instance (at once on the instance that made the change).
 */
export const PRINCIPAL_CACHE_MS = 60_000;
const MAX_ENTRIES = 10_000;

export interface Principal {
  user: TUserRecord;
  membership: TMembershipRecord;
}

// Per process, i.e. per Lambda instance. Keyed by table as well, so test apps on separate tables never share.
const cache = new Map<string, { expiresAt: number; principal: Principal }>();

const cacheKey = (db: Db, userId: string, tenantId: string) =>
  `${db.tableName}\u0000${userId}\u0000${tenantId}`;

/**
 * The stored user and its membership of the tenant, read in one BatchGet and cached for at most a minute.
 * Undefined when either is gone; absences are not cached, so a member who is added back gets in at once.
 */
export async function loadPrincipal(
  db: Db,
  userId: string,
  tenantId: string,
  now: Date,
): Promise<Principal | undefined> {
  const key = cacheKey(db, userId, tenantId);
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now.getTime()) return hit.principal;
  cache.delete(key);
  const { user, membership } = await getUserAndMembership(db, userId, tenantId);
  if (!user || !membership) return undefined;
  const principal = { user, membership };
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, { expiresAt: now.getTime() + PRINCIPAL_CACHE_MS, principal });
  return principal;
}

/** Drops what this instance cached about a user, after a change to its sessions or memberships. */
export function forgetPrincipal(db: Db, userId: string): void {
  const prefix = `${db.tableName}\u0000${userId}\u0000`;
  for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
}

/** When the user's portal sessions in this tenant were last revoked (the later of self and admin), in ms. */
export function sessionsRevokedAt(principal: Principal): number | undefined {
  const marks = [principal.user.sessionsRevokedAt, principal.membership.sessionsRevokedAt]
    .filter((mark): mark is string => mark !== undefined)
    .map((mark) => Date.parse(mark));
  return marks.length > 0 ? Math.max(...marks) : undefined;
}
