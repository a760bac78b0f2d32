import "server-only";
import type { TMembership } from "@assure/shared";
import { redirect } from "next/navigation";
import { getServerSession, type Session } from "next-auth";
import { authOptions } from "./auth";
import { signApiToken } from "./signing";

export interface PortalContext {
  session: Session;
  membership: TMembership;
}

/** The signed-in user and their current tenant; sends anyone else to the login page. */
export async function requireContext(): Promise<PortalContext> {
  const session = await getServerSession(await authOptions());
  if (!session?.userId) redirect("/login");
  const membership = session.memberships.find((m) => m.tenantId === session.currentTenantId);
  if (!membership) redirect("/no-tenant");
  return { session, membership };
}

export async function optionalSession(): Promise<Session | null> {
  return getServerSession(await authOptions());
}

/**
 * A short-lived API token for the signed-in user in their current tenant. `role` and `op` are informative (the
 * API applies the stored membership and user); `sat` lets the API refuse sessions that were signed out.
 */
export function userApiToken({ session, membership }: PortalContext): Promise<string> {
  return signApiToken({
    sub: session.userId,
    tid: membership.tenantId,
    role: membership.role,
    sat: session.sessionIssuedAt,
    ...(session.platformOperator ? { op: true } : {}),
  });
}
