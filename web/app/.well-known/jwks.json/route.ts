import { publicJwks } from "@/lib/signing";

export const dynamic = "force-dynamic";

/** The public half of the portal's signing key; the API verifies user tokens against it. */
export async function GET() {
  return Response.json(await publicJwks(), { headers: { "cache-control": "public, max-age=300" } });
}
