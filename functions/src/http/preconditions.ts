import type { Context } from "hono";
import { AppError } from "./errors";

export const etag = (version: number) => `"${version}"`;

/** The version the client last read, from `If-Match: "<version>"`; writes without it are refused. */
export function expectedVersion(c: Context): number {
  const header = c.req.header("if-match");
  if (!header) {
    throw new AppError("precondition_required", 'Send If-Match with the ETag you read (e.g. If-Match: "3").');
  }
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match)
    throw new AppError("precondition_failed", `If-Match must be an ETag such as "3", not ${header}.`);
  return Number(match[1]);
}
