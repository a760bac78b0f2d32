import { ZSite } from "@assure/shared";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { ImportSiteForm, NewSiteForm } from "./site-forms";

export const metadata = { title: "Sites" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function Sites({ searchParams }: { searchParams: Promise<Search> }) {
  const context = await requireContext();
  if (!context.membership.tenantKinds.includes("asset_owner")) redirect("/catalog");
  const search = await searchParams;
  const query = new URLSearchParams({ limit: "24" });
  for (const name of ["q", "sort", "order", "cursor"])
    if (one(search[name])) query.set(name, one(search[name]));
  const { data } = await api(
    z.object({ items: z.array(ZSite), nextCursor: z.string().optional(), total: z.number() }),
    `/v1/sites?${query}`,
    { context },
  );
  const canEdit = context.membership.role !== "viewer";
  return (
    <div className="space-y-6">
      <div>
        <h1>Sites</h1>
        <p className="mt-1 text-sm text-slate-600">
          Plants of {context.membership.tenantName}, their zones and target security levels.
        </p>
      </div>
      <form className="card flex flex-wrap gap-3" aria-label="Filter sites">
        <input
          name="q"
          defaultValue={one(search.q)}
          aria-label="Search sites"
          placeholder="Name or location"
          className="input w-64"
        />
        <select
          name="sort"
          defaultValue={one(search.sort) || "name"}
          aria-label="Sort by"
          className="input w-44"
        >
          <option value="name">Sort by name</option>
          <option value="updated">Sort by last change</option>
          <option value="created">Sort by creation</option>
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
      {data.items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">
          {one(search.q)
            ? "No site matches the search."
            : canEdit
              ? "No sites yet. Create the first one below, or import a site document."
              : "No sites yet. Your role is viewer: an editor or admin of your organisation creates sites."}
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="site-list">
          {data.items.map((site) => (
            <li key={site.id} className="card">
              <Link href={`/sites/${site.id}`} className="text-lg font-semibold">
                {site.name}
              </Link>
              <p className="text-sm text-slate-500">{site.location}</p>
              <p className="mt-2 text-sm text-slate-700">{site.description}</p>
            </li>
          ))}
        </ul>
      )}
      {data.nextCursor || one(search.cursor) ? (
        <nav className="flex items-center justify-end gap-2 text-sm" aria-label="Pages of sites">
          <span className="text-slate-500">{data.total} sites</span>
          {one(search.cursor) ? (
            <Link
              className="btn-secondary"
              href={`/sites?${new URLSearchParams([...query].filter(([k]) => k !== "cursor" && k !== "limit"))}`}
            >
              First page
            </Link>
          ) : null}
          {data.nextCursor ? (
            <Link
              className="btn-secondary"
              href={`/sites?${new URLSearchParams([...[...query].filter(([k]) => k !== "cursor" && k !== "limit"), ["cursor", data.nextCursor]])}`}
            >
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
      {canEdit ? (
        <div className="grid gap-4">
          <NewSiteForm />
          <ImportSiteForm />
        </div>
      ) : null}
    </div>
  );
}
