import { apiRaw } from "@/app/components/api-raw";

/**
 * One CSAF document from the upload page to POST /v1/advisories, signed for the current user. The API's answer
 * (the import result or its problem+json) goes back to the browser as is.
 */
export async function POST(request: Request) {
  const strict = new URL(request.url).searchParams.get("strict") === "true";
  const res = await apiRaw(`/v1/advisories${strict ? "?strict=true" : ""}`, {
    method: "POST",
    body: await request.arrayBuffer(),
    headers: { "content-type": "application/json" },
  });
  return new Response(await res.text(), {
    status: res.status,
    headers: {
      "content-type": res.headers.get("content-type") ?? "application/json",
      "cache-control": "no-store",
    },
  });
}
