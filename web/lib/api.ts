import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { portalConfig } from "./config";
import { type PortalContext, requireContext, userApiToken } from "./session";

export interface ProblemDetails {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** An API answer that is not a success: carries the problem+json so pages can show it. */
export class ApiProblem extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
  }
}

interface CallOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
  context?: PortalContext;
}

/**
 * Calls the API as the signed-in user in their current tenant, with a freshly signed short-lived
 * token, and parses the answer with the same zod schema the API documents.
 */
export async function api<S extends z.ZodType>(
  schema: S,
  path: string,
  options: CallOptions = {},
): Promise<{ data: z.output<S>; etag: string | null }> {
  const token = await userApiToken(options.context ?? (await requireContext()));
  const res = await fetch(`${(await portalConfig()).apiUrl}${path}`, {
    method: options.method ?? "GET",
    headers: {
      authorization: `Bearer ${token}`,
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: "no-store",
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  // The API no longer accepts this portal session (signed out everywhere, removed from the tenant).
  if (res.status === 401) redirect("/signed-out");
  if (!res.ok) {
    const problem = (json ?? {}) as Partial<ProblemDetails>;
    throw new ApiProblem({
      status: res.status,
      code: problem.code ?? "internal",
      title: problem.title ?? res.statusText,
      detail: problem.detail ?? `The API answered ${res.status}.`,
      errors: problem.errors,
    });
  }
  return { data: schema.parse(json), etag: res.headers.get("etag") };
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiProblem && error.problem.status === 404;
}
