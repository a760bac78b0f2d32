import { singleLine, ZMembership, ZUser } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { DEFAULT_SIGN_IN_THROTTLE, SignInThrottled } from "../auth/sign-in-throttle";
import { ZServiceTokenClaims } from "../auth/tokens";
import { type AppEnv, createRouter } from "../http/env";
import { AppError } from "../http/errors";
import { noApiKeys } from "../http/route-access";
import { jsonBody, jsonResponse, problemResponses } from "../http/schemas";
import { createUser, EmailTaken, getUserForSignIn, listMembershipsOfUser } from "../repos/users";
import { signInWithPassword } from "../usecases/sign-in-with-password";

const ZSession = z.object({ user: ZUser, memberships: z.array(ZMembership) });

/** Whether the request carries the portal's service token (the portal vouches for what it forwards). */
async function fromPortal(c: Context<AppEnv>): Promise<boolean> {
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (!token) return false;
  return ZServiceTokenClaims.safeParse(await c.var.deps.verifyToken(token).catch(() => undefined)).success;
}

/** Header in which the portal names the browser's address (trusted only with the portal's service token). */
export const CLIENT_ADDRESS_HEADER = "x-assure-client-address";
const ZAddress = z.string().regex(/^[0-9a-fA-F:.]{2,45}$/);

/**
 * Whom a sign-in attempt counts against: the browser's address as the portal forwards it, else the connection's
 * own (API Gateway's source IP in AWS, the socket locally). A header from anyone else is ignored, so a direct
 * caller cannot spread its guesses over made-up addresses.
 */
async function clientAddress(c: Context<AppEnv>): Promise<string> {
  const forwarded = ZAddress.safeParse(c.req.header(CLIENT_ADDRESS_HEADER));
  if (forwarded.success && (await fromPortal(c))) return forwarded.data;
  const env = c.env as
    | {
        requestContext?: { http?: { sourceIp?: string } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  return env?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? "unknown";
}
const tags = ["Session"];

/**
 * Used by the portal's next-auth callbacks at sign-in. Password sign-in is public (like any login form);
 * OIDC linking needs a portal service token, because the portal vouches for the IdP's answer.
 */
export const sessionRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/password",
      ...noApiKeys,
      tags,
      summary: "Check an e-mail and password; returns the user and their tenant memberships",
      request: { body: jsonBody(z.object({ email: z.email(), password: z.string().min(1).max(200) })) },
      responses: { 200: jsonResponse(ZSession, "Signed in"), ...problemResponses(400, 401, 429) },
    }),
    async (c) => {
      const { db, now, signInThrottle } = c.var.deps;
      const limits = { ...DEFAULT_SIGN_IN_THROTTLE, ...signInThrottle };
      const address = await clientAddress(c);
      try {
        const session = await signInWithPassword(db, c.req.valid("json"), { address, now: now(), limits });
        if (!session) throw new AppError("unauthenticated", "The e-mail or password is wrong.");
        return c.json(session, 200);
      } catch (error) {
        if (!(error instanceof SignInThrottled)) throw error;
        const minutes = Math.ceil(error.retryAfterSeconds / 60);
        const whose =
          error.dimension === "account"
            ? `for this account (more than ${limits.maxFailuresPerAccount})`
            : `from your address (more than ${limits.maxFailuresPerAddress})`;
        throw new AppError(
          "rate_limited",
          `Too many failed sign-ins ${whose} in the last ${Math.round(limits.windowSeconds / 60)} minutes; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
          { retryAfterSeconds: error.retryAfterSeconds },
        );
      }
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/oidc",
      ...noApiKeys,
      tags,
      summary:
        "Find (or create, without memberships) the user an OIDC provider signed in; only for an e-mail the provider verified",
      request: {
        body: jsonBody(
          z.object({
            email: z.email(),
            name: singleLine("Name").min(1).max(120),
            /** The IdP's `email_verified`, as the portal read it from the ID token or userinfo. */
            emailVerified: z.boolean(),
          }),
        ),
      },
      responses: { 200: jsonResponse(ZSession, "Signed in"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      if (!(await fromPortal(c)))
        throw new AppError("unauthenticated", "A portal service token is required.");
      const { db, now } = c.var.deps;
      const body = c.req.valid("json");
      // Anyone can register any address at some IdPs; only a verified one proves the person owns the account.
      if (body.emailVerified !== true) {
        throw new AppError(
          "forbidden",
          "The identity provider has not verified this e-mail address (email_verified is not true), so it can neither sign in to an existing account nor create one. Verify the address with your identity provider and sign in again.",
        );
      }
      let found = await getUserForSignIn(db, body.email);
      if (!found) {
        try {
          await createUser(db, { email: body.email, name: body.name, now: now() });
        } catch (error) {
          if (!(error instanceof EmailTaken)) throw error; // a concurrent first sign-in created it
        }
        found = await getUserForSignIn(db, body.email);
      }
      if (!found) throw new AppError("internal");
      const { passwordHash: _secret, ...user } = found;
      return c.json({ user, memberships: await listMembershipsOfUser(db, user.id) }, 200);
    },
  );
