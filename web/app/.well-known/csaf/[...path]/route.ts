import { portalConfig } from "@/lib/config";

/**
 * The portal is the CSAF provider's public address: /.well-known/csaf/* is served by the API (public, no
 * sign-in) and passed through here with the portal's host, so every URL in provider-metadata.json, the ROLIE
 * feed and the directory names the portal.
 */
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  if (path.some((part) => part === ".." || part.includes("/")))
    return new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const { apiUrl } = await portalConfig();
  const res = await fetch(`${apiUrl}/.well-known/csaf/${path.map(encodeURIComponent).join("/")}`, {
    headers: {
      "x-forwarded-host": request.headers.get("x-forwarded-host") ?? url.host,
      "x-forwarded-proto":
        (request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "")) || "https",
    },
    cache: "no-store",
  });
  const headers = new Headers();
  for (const name of ["content-type", "cache-control"]) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.status === 200 ? res.body : res.status === 404 ? "Not found" : "Unavailable", {
    status: res.status === 200 ? 200 : res.status === 404 ? 404 : 502,
    headers,
  });
}
