import {
  isOverdue,
  OBLIGATION_SOURCE_LABELS,
  OBLIGATION_STATUS_LABELS,
  PARTY_LABELS,
  ZOwedObligation,
} from "@assure/shared";
import Link from "next/link";
import { z } from "zod";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";

export const metadata = { title: "Obligations" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function Obligations({ searchParams }: { searchParams: Promise<Search> }) {
  const context = await requireContext();
  const search = await searchParams;
  const isOwner = context.membership.tenantKinds.includes("asset_owner");
  const scope = one(search.scope) || (isOwner ? "own" : "owed");
  const query = new URLSearchParams({ limit: "100", scope });
  for (const name of ["status", "party", "source", "overdue", "q", "sort", "order", "cursor"])
    if (one(search[name])) query.set(name, one(search[name]));
  const { data } = await api(
    z.object({
      items: z.array(ZOwedObligation),
      nextCursor: z.string().optional(),
      total: z.number(),
      counts: z.object({ open: z.number(), in_progress: z.number(), met: z.number(), overdue: z.number() }),
    }),
    `/v1/obligations?${query}`,
    { context },
  );
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="space-y-6">
      <div>
        <h1>
          {scope === "own"
            ? "Obligations of my sites"
            : `Obligations owed by ${context.membership.tenantName}`}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {scope === "own"
            ? "Everything your sites give rise to, for every party."
            : "What asset owners rely on your organisation for: only the obligations assigned to you."}
        </p>
        {isOwner ? (
          <nav className="mt-2 flex gap-2 text-sm">
            <Link href="/obligations?scope=own">My sites</Link> ·{" "}
            <Link href="/obligations?scope=owed">Owed by us</Link>
          </nav>
        ) : null}
      </div>
      <form className="card flex flex-wrap gap-3" aria-label="Filter obligations">
        <input type="hidden" name="scope" value={scope} />
        <input
          name="q"
          defaultValue={one(search.q)}
          aria-label="Search"
          placeholder="Search text"
          className="input w-64"
        />
        <select name="status" defaultValue={one(search.status)} aria-label="Status" className="input w-40">
          <option value="">Any status</option>
          {Object.entries(OBLIGATION_STATUS_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="overdue"
            value="true"
            defaultChecked={one(search.overdue) === "true"}
          />{" "}
          Overdue only
        </label>
        <select name="source" defaultValue={one(search.source)} aria-label="Source" className="input w-48">
          <option value="">Any source</option>
          {Object.entries(OBLIGATION_SOURCE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <select
          name="sort"
          defaultValue={one(search.sort) || "due"}
          aria-label="Sort by"
          className="input w-40"
        >
          {["due", "status", "source", "text", "updated"].map((s) => (
            <option key={s} value={s}>
              Sort by {s}
            </option>
          ))}
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
      <p className="text-sm text-slate-600" data-testid="owed-counts">
        {data.total} obligation{data.total === 1 ? "" : "s"} match · {data.counts.open} open ·{" "}
        {data.counts.in_progress} in progress · {data.counts.met} met
        {data.counts.overdue ? (
          <strong className="text-red-700"> · {data.counts.overdue} overdue</strong>
        ) : null}
      </p>
      {data.items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">
          {query.size > 2
            ? "No obligation matches these filters."
            : scope === "own"
              ? "No obligations yet: they appear when your sites have zones and assets."
              : "Nothing is owed by your organisation: obligations appear here when an asset owner's site relies on you."}
        </div>
      ) : (
        <div className="card relative overflow-x-auto p-0">
          <table className="table" data-testid="owed-obligations">
            <thead>
              <tr>
                <th>Obligation</th>
                <th>Site</th>
                {scope === "own" ? <th>Responsible</th> : null}
                <th>Status</th>
                <th>Due</th>
                <th>Source</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link href={`/sites/${o.siteId}/obligations/${o.id}`}>{o.text}</Link>
                  </td>
                  <td className="min-w-44 text-sm">
                    {o.siteName}
                    <div className="text-xs text-slate-500">{o.ownerName}</div>
                  </td>
                  {scope === "own" ? (
                    <td className="text-sm">{o.obligeeName ?? PARTY_LABELS[o.responsibleParty]}</td>
                  ) : null}
                  <td className="text-sm">{OBLIGATION_STATUS_LABELS[o.status]}</td>
                  <td className={`text-sm ${isOverdue(o, today) ? "font-semibold text-red-700" : ""}`}>
                    {o.due ?? "—"}
                    {isOverdue(o, today) ? " (overdue)" : ""}
                  </td>
                  <td className="text-sm">{OBLIGATION_SOURCE_LABELS[o.source]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.nextCursor || one(search.cursor) ? (
        <nav className="flex justify-end gap-2" aria-label="Pages of obligations">
          {one(search.cursor) ? (
            <Link
              className="btn-secondary"
              href={`/obligations?${new URLSearchParams([...query].filter(([k]) => k !== "cursor" && k !== "limit"))}`}
            >
              First page
            </Link>
          ) : null}
          {data.nextCursor ? (
            <Link
              className="btn-secondary"
              href={`/obligations?${new URLSearchParams([...[...query].filter(([k]) => k !== "limit"), ["cursor", data.nextCursor]])}`}
            >
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
