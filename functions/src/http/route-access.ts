import { API_KEY_SCOPES, type TApiKeyScope, ZApiKeyScope } from "@assure/shared";
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppEnv } from "./env";
import { AppError } from "./errors";
import { idempotency } from "./idempotency";

/**
 * What a route declares about who may call it, next to its definition in `createRoute({...})`. Both are OpenAPI
 * operation extensions, so the document tells clients which scope a key needs and the tests can find a route
 * that declares nothing.
 */
const SCOPES = "x-api-key-scopes";
const SECRET = "x-secret-response";

/** API keys with any one of these scopes may call the route (people are never limited by scopes). */
export const apiKeyScopes = (...scopes: [TApiKeyScope, ...TApiKeyScope[]]) => ({ [SCOPES]: scopes });

/** API keys may not call the route: people administer keys, members, grants and settings. */
export const noApiKeys = { [SCOPES]: [] as TApiKeyScope[] };

/** Any valid API key may call the route (who am I). */
export const anyApiKey = { [SCOPES]: [...API_KEY_SCOPES] };

/**
 * The response carries a secret shown once, so it is never stored for an idempotent replay; a replay answers
 * 409 with this detail (where to find the resource) instead.
 */
export const secretResponse = (detail: string) => ({ [SECRET]: detail });

const ZDeclaration = z.object({
  [SCOPES]: z.array(ZApiKeyScope).optional(),
  [SECRET]: z.string().min(1).optional(),
});

/**
 * Checks a key's scopes against the route's declaration. A route that declares nothing refuses keys, so a
 * forgotten declaration fails closed (and the OpenAPI test names it).
 */
const scopeGuard = (scopes: readonly TApiKeyScope[] | undefined) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const held = c.get("auth")?.scopes;
    if (held) {
      const route = `${c.req.method} ${c.req.path}`;
      if (!scopes?.length) {
        throw new AppError("forbidden", `API keys cannot call ${route}; sign in to the portal to do this.`, {
          requiredScopes: [],
        });
      }
      if (!scopes.some((scope) => held.includes(scope))) {
        throw new AppError(
          "forbidden",
          `This API key needs the ${scopes.join(" or ")} scope for ${route}; it has ${held.join(", ")}.`,
          { requiredScopes: scopes },
        );
      }
    }
    await next();
  });

type RouteWithMiddleware = {
  method: string;
  path: string;
  middleware?: MiddlewareHandler | MiddlewareHandler[];
};

/**
 * The middleware every route runs, in order: its scope check, its own guards (role, tenant kind, body limit),
 * then idempotent replay — so a replay is answered only to a caller who may make the request now, and only
 * once the route's own body limit has been applied.
 */
export function guardRoute<R extends RouteWithMiddleware>(route: R): R {
  const parsed = ZDeclaration.safeParse(route);
  if (!parsed.success) {
    throw new Error(`${route.method.toUpperCase()} ${route.path} declares unknown API-key scopes`);
  }
  const own = route.middleware === undefined ? [] : [route.middleware].flat();
  return {
    ...route,
    middleware: [
      scopeGuard(parsed.data[SCOPES]),
      ...own,
      idempotency({ secretResponse: parsed.data[SECRET] }),
    ],
  };
}
