import "server-only";
import { type TMembership, type TUser, ZMembership, ZUser } from "@assure/shared";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { type PortalConfig, portalConfig } from "./config";
import { signApiToken } from "./signing";

const ZSessionAnswer = z.object({ user: ZUser, memberships: z.array(ZMembership) });

async function postSession(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${(await portalConfig()).apiUrl}/v1/session/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    cache: "no-store",
  });
  if (res.status === 401 || res.status === 400) return undefined;
  if (res.status === 429) {
    const problem = z.object({ detail: z.string() }).safeParse(await res.json().catch(() => undefined));
    throw new Error(problem.success ? problem.data.detail : "Too many failed sign-ins; try again later.");
  }
  if (!res.ok) throw new Error(`sign-in failed: the API answered ${res.status}`);
  return ZSessionAnswer.parse(await res.json());
}

function toUser(answer: { user: TUser; memberships: TMembership[] }) {
  return {
    id: answer.user.id,
    name: answer.user.name,
    email: answer.user.email,
    platformOperator: answer.user.platformOperator,
    memberships: answer.memberships,
  };
}

/**
 * The browser's address: CloudFront's CloudFront-Viewer-Address (ip:port) when the distribution forwards it, else
 * the first X-Forwarded-For entry (locally, the address `next start` saw).
 */
function browserAddress(headers: Record<string, unknown> | undefined): string | undefined {
  const header = (name: string) => {
    const value = headers?.[name];
    return typeof value === "string" ? value : undefined;
  };
  const viewer = header("cloudfront-viewer-address");
  if (viewer) return viewer.slice(0, viewer.lastIndexOf(":")).replace(/^\[|\]$/g, "");
  return header("x-forwarded-for")?.split(",")[0]?.trim() || undefined;
}

function providers(config: PortalConfig): NextAuthOptions["providers"] {
  const { oidc } = config;
  if (config.authProvider === "oidc" && oidc) {
    return [
      {
        id: "oidc",
        name: oidc.name,
        type: "oauth",
        wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        authorization: { params: { scope: "openid email profile" } },
        idToken: true,
        checks: ["pkce", "state"],
        profile: (profile: { sub: string; email: string; name?: string }) => ({
          id: profile.sub,
          email: profile.email,
          name: profile.name ?? profile.email,
        }),
      },
    ];
  }
  return [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const parsed = z.object({ email: z.email(), password: z.string().min(1) }).safeParse(credentials);
        if (!parsed.success) return null;
        // The API limits failed sign-ins per browser address; with its service token it trusts the one named here.
        const service = await signApiToken({ sub: "portal", scope: "session" }, 60);
        const address = browserAddress(req.headers);
        const answer = await postSession("password", parsed.data, {
          authorization: `Bearer ${service}`,
          ...(address ? { "x-assure-client-address": address } : {}),
        });
        return answer ? toUser(answer) : null;
      },
    }),
  ];
}

/** Only the IdP's boolean `email_verified: true` counts (a missing claim is not a verification). */
function emailVerified(profile: unknown): boolean {
  return (profile as { email_verified?: unknown } | undefined)?.email_verified === true;
}

export async function authOptions(): Promise<NextAuthOptions> {
  const config = await portalConfig();
  return {
    secret: config.nextAuthSecret,
    providers: providers(config),
    session: { strategy: "jwt", maxAge: 8 * 3600 },
    pages: { signIn: "/login" },
    callbacks: {
      // The API refuses too; stopping here shows the person why instead of a generic failure.
      async signIn({ account, profile }) {
        if (account?.provider === "oidc" && !emailVerified(profile)) return "/login?error=EmailNotVerified";
        return true;
      },
      async jwt({ token, user, account, profile, trigger, session }) {
        if (user && account) {
          let answer = user.memberships
            ? {
                userId: user.id,
                platformOperator: Boolean(user.platformOperator),
                memberships: user.memberships,
              }
            : undefined;
          if (account.provider === "oidc" && user.email) {
            // The IdP vouched for the e-mail (email_verified); the API finds or creates the matching user.
            const service = await signApiToken({ sub: "portal", scope: "session" }, 60);
            const linked = await postSession(
              "oidc",
              { email: user.email, name: user.name ?? user.email, emailVerified: emailVerified(profile) },
              { authorization: `Bearer ${service}` },
            );
            if (!linked) throw new Error("The API refused the single sign-on user.");
            answer = {
              userId: linked.user.id,
              platformOperator: linked.user.platformOperator,
              memberships: linked.memberships,
            };
          }
          if (!answer) throw new Error("sign-in returned no user");
          token.userId = answer.userId;
          token.platformOperator = answer.platformOperator;
          token.memberships = answer.memberships;
          token.currentTenantId = answer.memberships[0]?.tenantId ?? null;
          token.sessionIssuedAt = Date.now();
        }
        if (trigger === "update") {
          const requested = z.object({ tenantId: z.string() }).safeParse(session);
          // Only a tenant the user belongs to can become current.
          if (requested.success && token.memberships?.some((m) => m.tenantId === requested.data.tenantId)) {
            token.currentTenantId = requested.data.tenantId;
          }
        }
        return token;
      },
      async session({ session, token }) {
        session.userId = token.userId ?? "";
        session.platformOperator = token.platformOperator ?? false;
        session.memberships = token.memberships ?? [];
        session.currentTenantId = token.currentTenantId ?? null;
        // Sessions from before the portal recorded this get 0, which the API refuses: they sign in again.
        session.sessionIssuedAt = token.sessionIssuedAt ?? 0;
        return session;
      },
    },
  };
}
