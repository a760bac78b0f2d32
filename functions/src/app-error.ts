import { invalidFieldsDetail } from "@assure/shared";

/**
 * The closed set of errors use cases throw and the API answers with (http/errors.ts maps each code to a status and
 * problem+json in one place). Below the HTTP layer, so use cases and repositories can throw them. Stable: clients
 * switch on `code`.
 */
export const ERROR_CODES = [
  "validation_failed",
  "invalid_cursor",
  "invalid_json",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "precondition_failed",
  "payload_too_large",
  "unsupported_media_type",
  "precondition_required",
  "rate_limited",
  "internal",
] as const;

export type TErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_TITLES: Record<TErrorCode, string> = {
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
    super(detail ?? ERROR_TITLES[code]);
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
