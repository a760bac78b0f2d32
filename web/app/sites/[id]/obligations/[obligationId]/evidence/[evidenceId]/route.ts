import { apiRaw, relayDownload } from "@/app/components/api-raw";

const isId = (id: string) => /^[0-9a-z]{26}$/.test(id);
type Params = { params: Promise<{ id: string; obligationId: string; evidenceId: string }> };

/**
 * Download an evidence file of an obligation: the API decides whether the signed-in tenant may see the
 * obligation (owner, grantee, obligee) and answers 404 otherwise.
 */
export async function GET(_request: Request, { params }: Params) {
  const { id, obligationId, evidenceId } = await params;
  if (![id, obligationId, evidenceId].every(isId)) return new Response("Not found", { status: 404 });
  return relayDownload(
    await apiRaw(`/v1/sites/${id}/obligations/${obligationId}/evidence/${evidenceId}/content`),
  );
}

/**
 * The bytes of an announced evidence upload (local stores; in AWS the browser PUTs to S3 directly), passed to
 * the API, which checks them against the announced size and SHA-256. `evidenceId` here is the upload's id.
 */
export async function PUT(request: Request, { params }: Params) {
  const { id, obligationId, evidenceId } = await params;
  if (![id, obligationId, evidenceId].every(isId)) {
    return Response.json({ detail: "not an evidence id" }, { status: 404 });
  }
  const res = await apiRaw(`/v1/evidence/${evidenceId}/content`, {
    method: "PUT",
    body: request.body ?? new Uint8Array(),
    headers: { "content-type": request.headers.get("content-type") ?? "application/octet-stream" },
  });
  return new Response(await res.text(), {
    status: res.status,
    headers: { "content-type": res.headers.get("content-type") ?? "application/json" },
  });
}
