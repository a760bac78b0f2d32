import { roleAtLeast } from "@assure/shared";
import { z } from "zod";
import { AppError, notFound } from "../app-error";
import type { AuthContext } from "../auth/actor";
import { forgetPrincipal } from "../auth/principals";
import type { Db } from "../db/client";
import {
  getUserAndMembership,
  MembershipChanged,
  revokeMembershipSessions,
  revokeUserSessions,
} from "../repos/users";

export const ZSessionsRevoked = z.object({ sessionsRevokedAt: z.string() });

function requireUser(auth: AuthContext): string {
  if (auth.via !== "user" || !auth.userId)
    throw new AppError("forbidden", "Sessions belong to people; API keys are revoked on their own.");
  return auth.userId;
}

/** A user signs out everywhere: every portal session of theirs that began before now, in every tenant. */
export async function revokeOwnSessions(
  db: Db,
  auth: AuthContext,
  now: Date,
): Promise<{ sessionsRevokedAt: string }> {
  const userId = requireUser(auth);
  await revokeUserSessions(db, { userId, auditTenantId: auth.tenantId, actor: auth.actor, at: now });
  forgetPrincipal(db, userId);
  return { sessionsRevokedAt: now.toISOString() };
}

/**
 * An admin signs a member out of this tenant (the member's other tenants are not theirs to decide). Only a
 * member whose role is not above the admin's own; anyone who is not a member is not found.
 */
export async function revokeMemberSessions(
  db: Db,
  auth: AuthContext,
  memberUserId: string,
  now: Date,
): Promise<{ sessionsRevokedAt: string }> {
  requireUser(auth);
  if (!roleAtLeast(auth.role, "admin"))
    throw new AppError(
      "forbidden",
      `Signing members out needs the admin role or higher; you are ${auth.role}.`,
    );
  const { membership } = await getUserAndMembership(db, memberUserId, auth.tenantId);
  if (!membership) throw notFound("The member");
  if (!roleAtLeast(auth.role, membership.role)) {
    throw new AppError(
      "forbidden",
      `Only an ${membership.role} may sign out an ${membership.role}; you are ${auth.role}.`,
    );
  }
  try {
    await revokeMembershipSessions(db, {
      tenantId: auth.tenantId,
      userId: memberUserId,
      expectedRole: membership.role,
      actor: auth.actor,
      at: now,
    });
  } catch (error) {
    if (error instanceof MembershipChanged)
      throw new AppError(
        "conflict",
        "The member was removed or their role changed meanwhile; reload and retry.",
      );
    throw error;
  }
  forgetPrincipal(db, memberUserId);
  return { sessionsRevokedAt: now.toISOString() };
}
