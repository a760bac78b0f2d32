import { apiRaw, relayDownload } from "../../../../../components/api-raw";

/** Evidence of a certification a visible claim rests on; the API decides who may download (404 otherwise). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; certificationId: string; evidenceId: string }> },
) {
  const { id, certificationId, evidenceId } = await params;
  if (![id, certificationId, evidenceId].every((x) => /^[0-9a-z]{26}$/.test(x)))
    return new Response("Not found", { status: 404 });
  return relayDownload(
    await apiRaw(`/v1/components/${id}/certifications/${certificationId}/evidence/${evidenceId}`),
  );
}
