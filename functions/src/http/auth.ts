import type { TRole, TTenantKind } from "@assure/shared";
import { roleAtLeast } from "@assure/shared";
import { createMiddleware } from "hono/factory";
import { looksLikeApiKey } from "../auth/api-key-secret";
import { loadPrincipal, sessionsRevokedAt } from "../auth/principals";
import { ZUserTokenClaims } from "../auth/tokens";
import { findApiKeyBySecret } from "../repos/api-keys";
import { getTenant } from "../repos/tenants";
import type { AppEnv, AuthContext } from "./env";
import { AppError } from "./errors";

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}

/** Authenticates every request: a portal-signed JWT (users) or a tenant API key (machines). */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header("authorization"));
  if (!token) throw new AppError("unauthenticated", "Send Authorization: Bearer <token or API key>.");
  const { db, verifyToken } = c.var.deps;
  let auth: AuthContext;
  if (looksLikeApiKey(token)) {
    const apiKey = await findApiKeyBySecret(db, token);
    if (!apiKey) throw new AppError("unauthenticated", "The API key is unknown or revoked.");
    auth = {
      via: "api_key",
      tenantId: apiKey.tenantId,
      role: apiKey.role,
      actor: `api_key:${apiKey.id}`,
      platformOperator: false,
      scopes: apiKey.scopes,
    };
  } else {
    let payload: Record<string, unknown>;
    try {
      payload = await verifyToken(token);
    } catch (error) {
      throw new AppError("unauthenticated", `The token is not valid: ${(error as Error).message}`);
    }
    const claims = ZUserTokenClaims.safeParse(payload);
    if (!claims.success) {
      throw new AppError(
        "unauthenticated",
        "The token does not name a user, tenant, role and the time its portal session began (sat); sign in again.",
      );
    }
    const { sub: userId, tid: tenantId, sat } = claims.data;
    const principal = await loadPrincipal(db, userId, tenantId, c.var.deps.now());
    if (!principal) {
      throw new AppError(
        "unauthenticated",
        "You are no longer a member of this tenant; sign in again or switch to another tenant.",
      );
    }
    const revokedAt = sessionsRevokedAt(principal);
    if (revokedAt !== undefined && sat <= revokedAt) {
      throw new AppError(
        "unauthenticated",
        `This session was signed out at ${new Date(revokedAt).toISOString()}; sign in again.`,
      );
    }
    // Rights come from what is stored now, not from what the portal session remembered at sign-in.
    auth = {
      via: "user",
      tenantId,
      role: principal.membership.role,
      actor: `user:${userId}`,
      userId,
      platformOperator: principal.user.platformOperator,
    };
  }
  c.set("auth", auth);
  await next();
});

export const requireRole = (minimum: TRole) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roleAtLeast(c.var.auth.role, minimum)) {
      throw new AppError(
        "forbidden",
        `This needs the ${minimum} role or higher; you are ${c.var.auth.role}.`,
      );
    }
    await next();
  });

export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.auth.platformOperator)
    throw new AppError("forbidden", "Only the platform operator may do this.");
  await next();
});

/** Checks the current tenant is of a kind (loaded once per request and cached on the context). */
export const requireTenantKind = (kind: TTenantKind) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.var.auth;
    if (!auth.tenantKinds) {
      const tenant = await getTenant(c.var.deps.db, auth.tenantId);
      if (!tenant) throw new AppError("unauthenticated", "Your tenant no longer exists.");
      c.set("auth", { ...auth, tenantKinds: tenant.kinds });
    }
    if (!c.var.auth.tenantKinds?.includes(kind)) {
      throw new AppError("forbidden", `Only ${kind.replace("_", " ")} tenants may do this.`);
    }
    await next();
  });
