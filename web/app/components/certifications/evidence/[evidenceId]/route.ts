import { apiRaw, relayDownload } from "../../../api-raw";

const isId = (id: string) => /^[0-9a-z]{26}$/.test(id);

/** The bytes of an announced evidence upload, passed to the API (which checks size and SHA-256). */
export async function PUT(request: Request, { params }: { params: Promise<{ evidenceId: string }> }) {
  const { evidenceId } = await params;
  if (!isId(evidenceId)) return Response.json({ detail: "not an evidence id" }, { status: 404 });
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

/** Download one of the own tenant's evidence files. */
export async function GET(_request: Request, { params }: { params: Promise<{ evidenceId: string }> }) {
  const { evidenceId } = await params;
  if (!isId(evidenceId)) return new Response("Not found", { status: 404 });
  return relayDownload(await apiRaw(`/v1/evidence/${evidenceId}/content`));
}
