import { apiRaw } from "@/app/components/api-raw";

/** The original CSAF document, through the portal (which signs the API call for the signed-in user). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f]{26}$/.test(id)) return new Response("Not found", { status: 404 });
  const res = await apiRaw(`/v1/advisories/${id}/document`);
  if (!res.ok)
    return new Response(res.status === 404 ? "Not found" : "Failed", {
      status: res.status === 404 ? 404 : 502,
    });
  const headers = new Headers({ "content-type": "application/json", "cache-control": "private, no-store" });
  for (const name of ["x-checksum-sha256", "x-checksum-sha512"]) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.body, { status: 200, headers });
}
