import { publicJwks } from "@/lib/signing";

export const dynamic = "force-dynamic";

/** The JWKS the API verifies user tokens against (AUTH_JWKS_URL in AWS points here). */
export async function GET() {
  return Response.json(await publicJwks(), { headers: { "cache-control": "public, max-age=300" } });
}
