import { apiRaw } from "../../../../../components/api-raw";

/** The signed claim (JWS) of a revision, as a file to keep and check with `assure verify`. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; revision: string }> },
) {
  const { id, revision } = await params;
  if (!/^[0-9a-z]{26}$/.test(id) || !/^\d{1,6}$/.test(revision))
    return new Response("Not found", { status: 404 });
  const res = await apiRaw(`/v1/components/${id}/revisions/${revision}/signed`);
  if (res.status === 409) {
    // An older revision that named its customers: the API says why it cannot be exported and what to do.
    const problem = (await res.json().catch(() => ({}))) as { detail?: unknown };
    const detail = typeof problem.detail === "string" ? problem.detail : "This revision cannot be exported.";
    return new Response(detail, { status: 409, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  if (!res.ok) return new Response("Not found", { status: 404 });
  return new Response(await res.text(), {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="claim-${id}-r${revision}.json"`,
      "cache-control": "private, no-store",
    },
  });
}
