import { ZSharedSite } from "@assure/shared";
import Link from "next/link";
import { z } from "zod";
import { api } from "@/lib/api";

export const metadata = { title: "Shared sites" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function SharedSites({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const query = new URLSearchParams({ limit: "50" });
  for (const name of ["q", "access", "sort", "order", "cursor"])
    if (one(search[name])) query.set(name, one(search[name]));
  const { data } = await api(
    z.object({ items: z.array(ZSharedSite), nextCursor: z.string().optional() }),
    `/v1/shared-sites?${query}`,
  );
  return (
    <div className="space-y-6">
      <div>
        <h1>Sites shared with me</h1>
        <p className="mt-1 text-sm text-slate-600">Asset owners' sites your organisation may read or edit.</p>
      </div>
      <form className="card flex flex-wrap gap-3" aria-label="Filter shared sites">
        <input
          name="q"
          defaultValue={one(search.q)}
          aria-label="Search"
          placeholder="Site or owner"
          className="input w-72"
        />
        <select
          name="sort"
          defaultValue={one(search.sort) || "site"}
          aria-label="Sort by"
          className="input w-48"
        >
          <option value="site">Sort by site</option>
          <option value="owner">Sort by owner</option>
          <option value="granted">Sort by date shared</option>
        </select>
        <select name="access" defaultValue={one(search.access)} aria-label="Access" className="input w-40">
          <option value="">Any access</option>
          <option value="read">Read only</option>
          <option value="write">Can edit</option>
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
          {query.size > 1
            ? "No shared site matches these filters."
            : "No site is shared with you. Ask the asset owner to share one with your tenant slug (Settings shows it)."}
        </div>
      ) : (
        <div className="card relative overflow-x-auto p-0">
          <table className="table" data-testid="shared-sites">
            <thead>
              <tr>
                <th>Site</th>
                <th>Asset owner</th>
                <th>Access</th>
                <th>Since</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.siteId}>
                  <td>
                    <Link href={`/sites/${s.siteId}`} className="font-medium">
                      {s.siteName}
                    </Link>
                    <div className="text-xs text-slate-500">{s.location}</div>
                  </td>
                  <td>{s.ownerName}</td>
                  <td>{s.access === "write" ? "Can edit" : "Read only"}</td>
                  <td className="text-sm">{s.grantedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.nextCursor || one(search.cursor) ? (
        <nav className="flex justify-end gap-2" aria-label="Pages of shared sites">
          {one(search.cursor) ? (
            <Link
              className="btn-secondary"
              href={`/shared-sites?${new URLSearchParams([...query].filter(([k]) => k !== "cursor"))}`}
            >
              First page
            </Link>
          ) : null}
          {data.nextCursor ? (
            <Link
              className="btn-secondary"
              href={`/shared-sites?${new URLSearchParams({ ...Object.fromEntries(query), cursor: data.nextCursor })}`}
            >
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
