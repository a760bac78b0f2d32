import { humanIssue } from "@assure/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { AppError, ERROR_TITLES, type TErrorCode, type TFieldError } from "../app-error";

/** The status each error code answers with (the codes themselves live in app-error.ts, below this layer). */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_cursor: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<TErrorCode, ContentfulStatusCode>;

export { AppError, invalidFields, notFound, type TErrorCode, type TFieldError } from "../app-error";

export function zodIssuesToFieldErrors(error: ZodError, where?: TFieldError["in"]): TFieldError[] {
  return error.issues.map((issue) => ({
    path: `/${issue.path.map((part) => String(part).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`,
    message: humanIssue(issue),
    ...(where ? { in: where } : {}),
  }));
}

export function problem(c: Context, error: AppError) {
  const status = ERROR_STATUS[error.code];
  const body = {
    type: `https://assure.example/problems/${error.code.replaceAll("_", "-")}`,
    title: ERROR_TITLES[error.code],
    status,
    code: error.code,
    detail: error.detail ?? ERROR_TITLES[error.code],
    instance: c.req.path,
    requestId: c.get("requestId" as never) as string | undefined,
    ...error.extra,
  };
  const retryAfter = error.extra.retryAfterSeconds;
  return c.body(JSON.stringify(body), status, {
    "content-type": "application/problem+json",
    ...(typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {}),
  });
}

/** The one error handler: known errors become problem+json, anything else a logged, generic 500. */
export function onError(error: Error, c: Context) {
  if (error instanceof AppError) return problem(c, error);
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message)) {
      return problem(c, new AppError("invalid_json", "The body is not valid JSON."));
    }
    const code = (Object.entries(ERROR_STATUS).find(([, status]) => status === error.status)?.[0] ??
      "internal") as TErrorCode;
    return problem(c, new AppError(code, error.message || undefined));
  }
  const fields = { requestId: c.get("requestId" as never), method: c.req.method, path: c.req.path, error };
  const deps = c.get("deps" as never) as
    | { logger?: { error(message: string, fields: object): void } }
    | undefined;
  if (deps?.logger) deps.logger.error("unhandled error", fields);
  else console.error("unhandled error", fields);
  return problem(
    c,
    new AppError("internal", "Something went wrong on our side; the request id identifies it."),
  );
}
