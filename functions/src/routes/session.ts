import { singleLine, ZMembership, ZUser } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ZServiceTokenClaims } from "../auth/tokens";
import { createRouter } from "../http/env";
import { AppError } from "../http/errors";
import { noApiKeys } from "../http/route-access";
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
      ...noApiKeys,
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
      ...noApiKeys,
      tags,
      summary: "Find (or create, without memberships) the user an OIDC provider signed in",
      request: { body: jsonBody(z.object({ email: z.email(), name: singleLine("Name").min(1).max(120) })) },
      responses: { 200: jsonResponse(ZSession, "Signed in"), ...problemResponses(400, 401) },
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
