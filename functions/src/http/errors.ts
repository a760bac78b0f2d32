import { humanIssue, invalidFieldsDetail } from "@assure/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

/** Every error the API can answer with. Stable: clients switch on `code`. */
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
} as const satisfies Record<string, ContentfulStatusCode>;

export type TErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<TErrorCode, string> = {
  validation_failed: "The request is not valid",
  invalid_cursor: "The pagination cursor is not valid",
  invalid_json: "The body is not valid JSON",
  unauthenticated: "Authentication required",
  forbidden: "Not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  precondition_failed: "The resource changed since you read it",
  payload_too_large: "The request is too large",
  unsupported_media_type: "Unsupported media type",
  precondition_required: "If-Match header required",
  rate_limited: "Too many requests",
  internal: "Internal error",
};

export interface TFieldError {
  /** JSON pointer into the request part named by `in`. */
  path: string;
  message: string;
  in?: "body" | "query" | "path" | "header";
}

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    readonly detail?: string,
    readonly extra: { errors?: TFieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail ?? TITLES[code]);
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);

/** A 400 naming the invalid fields in words in `detail`, each with what to do in `errors[]`. */
export function invalidFields(errors: TFieldError[], lead = ""): AppError {
  const paths = errors.map((e) =>
    e.path
      .split("/")
      .slice(1)
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
  );
  return new AppError("validation_failed", `${lead}${invalidFieldsDetail(paths)}`, { errors });
}

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
    title: TITLES[error.code],
    status,
    code: error.code,
    detail: error.detail ?? TITLES[error.code],
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
