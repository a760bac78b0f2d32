import { apiRaw } from "@/lib/site-api";

const FILES: Record<string, (id: string) => string> = {
  "site.json": (id) => `/v1/sites/${id}/export`,
  "matrix.csv": (id) => `/v1/sites/${id}/reports/matrix.csv`,
  "matrix.xlsx": (id) => `/v1/sites/${id}/reports/matrix.xlsx`,
  "obligations.csv": (id) => `/v1/sites/${id}/reports/obligations.csv`,
  "obligations.xlsx": (id) => `/v1/sites/${id}/reports/obligations.xlsx`,
};

/** Downloads (export, spreadsheets) pass through the portal, which signs the API call for the user. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  const { id, file } = await params;
  const path = FILES[file];
  if (!/^[0-9a-z]{26}$/.test(id) || !path) return new Response("Not found", { status: 404 });
  const res = await apiRaw(path(id));
  if (!res.ok) return new Response(res.status === 404 ? "Not found" : "Failed", { status: res.status });
  const headers = new Headers();
  for (const name of ["content-type", "content-disposition"]) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.body, { status: 200, headers });
}
