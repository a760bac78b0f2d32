import { publicJwks } from "@/lib/signing";

export const dynamic = "force-dynamic";

/** The same key set as /api/jwks, at the conventional location. */
export async function GET() {
  return Response.json(await publicJwks(), { headers: { "cache-control": "public, max-age=300" } });
}
