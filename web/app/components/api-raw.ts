import "server-only";
import { portalConfig } from "@/lib/config";
import { requireContext, userApiToken } from "@/lib/session";

/**
 * An API call whose body or answer is not JSON (evidence bytes, downloads), as the signed-in user in their
 * current tenant. Redirects (presigned S3 downloads) are passed through to the browser, not followed.
 */
export async function apiRaw(
  path: string,
  init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<Response> {
  const token = await userApiToken(await requireContext());
  const { apiUrl } = await portalConfig();
  return fetch(`${apiUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...init.headers },
    body: init.body,
    redirect: "manual",
    cache: "no-store",
    // Streams need half-duplex in Node's fetch.
    ...(init.body ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** Passes an API download through to the browser (bytes with their headers, or the presigned redirect). */
export function relayDownload(res: Response): Response {
  if (res.status === 302 || res.status === 307) {
    const location = res.headers.get("location");
    if (location) return Response.redirect(location, 302);
  }
  if (!res.ok) return new Response("Not found", { status: res.status === 404 ? 404 : 502 });
  const headers = new Headers();
  for (const name of ["content-type", "content-length", "content-disposition", "x-evidence-sha256"]) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("cache-control", "private, no-store");
  headers.set("x-content-type-options", "nosniff");
  return new Response(res.body, { status: 200, headers });
}
