import { ZMembership, ZUser } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ZServiceTokenClaims } from "../auth/tokens";
import { createRouter } from "../http/env";
import { AppError } from "../http/errors";
import { jsonBody, jsonResponse, problemResponses } from "../http/schemas";
import { createUser, EmailTaken, getUserForSignIn, listMembershipsOfUser } from "../repos/users";
import { signInWithPassword } from "../usecases/sign-in-with-password";

const ZSession = z.object({ user: ZUser, memberships: z.array(ZMembership) });
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
      tags,
      summary: "Check an e-mail and password; returns the user and their tenant memberships",
      request: { body: jsonBody(z.object({ email: z.email(), password: z.string().min(1).max(200) })) },
      responses: { 200: jsonResponse(ZSession, "Signed in"), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const session = await signInWithPassword(c.var.deps.db, c.req.valid("json"));
      if (!session) throw new AppError("unauthenticated", "The e-mail or password is wrong.");
      return c.json(session, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/oidc",
      tags,
      summary:
        "Find (or create, without memberships) the user an OIDC provider signed in; only for an e-mail the provider verified",
      request: {
        body: jsonBody(
          z.object({
            email: z.email(),
            name: z.string().min(1).max(120),
            /** The IdP's `email_verified`, as the portal read it from the ID token or userinfo. */
            emailVerified: z.boolean(),
          }),
        ),
      },
      responses: { 200: jsonResponse(ZSession, "Signed in"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
      if (!token) throw new AppError("unauthenticated", "A portal service token is required.");
      const claims = ZServiceTokenClaims.safeParse(
        await c.var.deps.verifyToken(token).catch(() => undefined),
      );
      if (!claims.success) throw new AppError("unauthenticated", "A portal service token is required.");
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
