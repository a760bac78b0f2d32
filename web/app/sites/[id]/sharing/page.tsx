import { ZSiteGrant } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { api, isNotFound } from "@/lib/api";
import { ZSiteModelView } from "@/lib/site-api";
import { ActionButton } from "../../site-forms";
import { SiteNav } from "../site-nav";
import { GrantForm } from "./grant-form";

export const metadata = { title: "Sharing" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const ZGrantPage = z.object({
  items: z.array(ZSiteGrant),
  nextCursor: z.string().optional(),
  total: z.number(),
});

export default async function SharingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const search = await searchParams;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  const query = new URLSearchParams({ limit: "25" });
  for (const name of ["q", "state", "access", "sort", "order", "cursor"])
    if (one(search[name])) query.set(name, one(search[name]));
  let model: ReturnType<typeof ZSiteModelView.parse>;
  let page: z.infer<typeof ZGrantPage>;
  try {
    model = (await api(ZSiteModelView, `/v1/sites/${id}`)).data;
    if (model.access !== "owner") notFound();
    page = (await api(ZGrantPage, `/v1/sites/${id}/grants?${query}`)).data;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const grants = page.items;
  return (
    <div className="space-y-6">
      <SiteNav siteId={id} siteName={model.name} current="sharing" access={model.access} />
      <div>
        <h1>Sharing with integrators</h1>
        <p className="mt-1 text-sm text-slate-600">
          An integrator with read access sees this site; with write access it edits zones, assets, conduits
          and countermeasures. The responsible integrator owes the integrator's obligations (IEC 62443-2-4).
          Every change is audited.
        </p>
      </div>
      <form className="card flex flex-wrap gap-3" aria-label="Filter grants">
        <input
          name="q"
          defaultValue={one(search.q)}
          aria-label="Search integrators"
          placeholder="Integrator name or slug"
          className="input w-64"
        />
        <select name="state" defaultValue={one(search.state)} aria-label="State" className="input w-40">
          <option value="">All grants</option>
          <option value="active">Active</option>
          <option value="revoked">Revoked</option>
        </select>
        <select name="access" defaultValue={one(search.access)} aria-label="Access" className="input w-36">
          <option value="">Any access</option>
          <option value="read">Read only</option>
          <option value="write">Can edit</option>
        </select>
        <select
          name="sort"
          defaultValue={one(search.sort) || "name"}
          aria-label="Sort by"
          className="input w-44"
        >
          <option value="name">Sort by integrator</option>
          <option value="granted">Sort by date shared</option>
          <option value="access">Sort by access</option>
        </select>
        <select
          name="order"
          defaultValue={one(search.order) || "asc"}
          aria-label="Order"
          className="input w-36"
        >
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
        <button type="submit" className="btn-primary">
          Apply
        </button>
      </form>
      <div className="card relative overflow-x-auto p-0">
        <table className="table" data-testid="grants-table">
          <thead>
            <tr>
              <th>Integrator</th>
              <th>Access</th>
              <th>Since</th>
              <th>Obligations</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {grants.length === 0 ? (
              <tr>
                <td colSpan={5} className="py-6 text-center text-sm text-slate-600">
                  {query.size > 1
                    ? "No grant matches these filters."
                    : "Not shared with anyone yet. Share it below with the integrator that builds or maintains the site."}
                </td>
              </tr>
            ) : null}
            {grants.map((g) => (
              <tr key={g.granteeTenantId} className={g.revokedAt ? "text-slate-400" : ""}>
                <td>
                  <div className="font-medium">{g.granteeName}</div>
                  <div className="text-xs">{g.granteeSlug}</div>
                </td>
                <td>
                  {g.revokedAt
                    ? `revoked ${g.revokedAt.slice(0, 10)}`
                    : g.access === "write"
                      ? "Can edit"
                      : "Read only"}
                </td>
                <td className="text-sm">{g.grantedAt.slice(0, 10)}</td>
                <td className="text-sm">
                  {g.revokedAt ? null : model.integratorTenantId === g.granteeTenantId ? (
                    <span className="badge bg-brand-100 text-brand-900">Responsible integrator</span>
                  ) : (
                    <ActionButton
                      label="Make responsible"
                      method="PATCH"
                      path={`/v1/sites/${id}`}
                      body={{ integratorTenantId: g.granteeTenantId }}
                      version={model.version}
                      siteId={id}
                    />
                  )}
                </td>
                <td className="space-x-2 text-right">
                  {g.revokedAt ? null : (
                    <>
                      <ActionButton
                        label={g.access === "read" ? "Allow editing" : "Make read-only"}
                        method="PATCH"
                        path={`/v1/sites/${id}/grants/${g.granteeTenantId}`}
                        body={{ access: g.access === "read" ? "write" : "read" }}
                        version={g.version}
                        siteId={id}
                      />
                      <ActionButton
                        label="Revoke"
                        className="btn-danger"
                        confirm={`Revoke ${g.granteeName}'s access?`}
                        method="DELETE"
                        path={`/v1/sites/${id}/grants/${g.granteeTenantId}`}
                        version={g.version}
                        siteId={id}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.nextCursor || one(search.cursor) ? (
        <nav className="flex justify-end gap-2 text-sm" aria-label="Pages of grants">
          {one(search.cursor) ? (
            <Link className="btn-secondary" href={`/sites/${id}/sharing?${withCursor(query, "")}`}>
              First page
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link
              className="btn-secondary"
              href={`/sites/${id}/sharing?${withCursor(query, page.nextCursor)}`}
            >
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
      <GrantForm siteId={id} />
    </div>
  );
}

function withCursor(query: URLSearchParams, cursor: string) {
  const next = new URLSearchParams(query);
  next.delete("limit");
  if (cursor) next.set("cursor", cursor);
  else next.delete("cursor");
  return next;
}
