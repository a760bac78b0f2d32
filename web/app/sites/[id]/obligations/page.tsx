import {
  isOverdue,
  OBLIGATION_SOURCE_LABELS,
  OBLIGATION_STATUS_LABELS,
  OBLIGATION_STATUSES,
  PARTY_LABELS,
  raciOf,
} from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { api, isNotFound } from "@/lib/api";
import { ZSiteModelView, ZSiteObligationsView } from "@/lib/site-api";
import { ActionButton } from "../../site-forms";
import { SiteNav } from "../site-nav";

export const metadata = { title: "Obligations" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function ObligationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const search = await searchParams;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  const query = new URLSearchParams({ limit: "100" });
  for (const name of ["status", "party", "source", "overdue", "q", "sort", "order", "cursor"])
    if (one(search[name])) query.set(name, one(search[name]));
  const view = one(search.view) || "board";
  const sort = one(search.sort) || "due";
  const order = one(search.order) === "desc" ? "desc" : "asc";
  let model: ReturnType<typeof ZSiteModelView.parse>;
  let data: ReturnType<typeof ZSiteObligationsView.parse>;
  try {
    [model, data] = await Promise.all([
      api(ZSiteModelView, `/v1/sites/${id}`).then((r) => r.data),
      api(ZSiteObligationsView, `/v1/sites/${id}/obligations?${query}`).then((r) => r.data),
    ]);
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const today = new Date().toISOString().slice(0, 10);
  const canWork = model.access !== "read";
  const partyName = (o: (typeof data.items)[number]) =>
    o.obligeeName ?? `${PARTY_LABELS[o.responsibleParty]} (not named)`;
  const link = (extra: Record<string, string>) => {
    const next = new URLSearchParams(
      Object.entries(search).flatMap(([k, v]) => (one(v) ? [[k, one(v)]] : [])),
    );
    for (const [k, v] of Object.entries(extra)) v ? next.set(k, v) : next.delete(k);
    return `/sites/${id}/obligations?${next}`;
  };
  const card = (o: (typeof data.items)[number]) => (
    <li
      key={o.id}
      className="rounded-md border border-slate-200 bg-white p-3 text-sm shadow-xs"
      data-testid="obligation-card"
    >
      <div className="flex items-center justify-between gap-2 text-xs text-slate-500">
        <span>
          {OBLIGATION_SOURCE_LABELS[o.source]}
          {o.reference ? ` · ${o.reference}` : ""}
        </span>
        {isOverdue(o, today) ? <span className="badge bg-red-600 text-white">Overdue</span> : null}
      </div>
      <Link href={`/sites/${id}/obligations/${o.id}`} className="mt-1 block text-slate-900 hover:underline">
        {o.text}
      </Link>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span className="badge bg-slate-100">{partyName(o)}</span>
        {o.due ? <span>due {o.due}</span> : null}
        {o.evidence.length ? <span>{o.evidence.length} evidence</span> : null}
        {o.waiver?.state === "requested" ? (
          <span className="badge bg-amber-100 text-amber-900">waiver requested</span>
        ) : null}
      </div>
      {canWork && o.status !== "waived" ? (
        <div className="mt-2 flex gap-1">
          {o.status !== "in_progress" && o.status !== "met" ? (
            <ActionButton
              label="Start"
              method="PATCH"
              path={`/v1/sites/${id}/obligations/${o.id}`}
              body={{ status: "in_progress" }}
              version={o.version}
              siteId={id}
              className="btn-secondary px-2 py-1 text-xs"
            />
          ) : null}
          {o.status !== "met" && o.evidence.length === 0 ? (
            <Link href={`/sites/${id}/obligations/${o.id}`} className="btn-secondary px-2 py-1 text-xs">
              Add evidence
            </Link>
          ) : null}
          {o.status !== "met" && o.evidence.length > 0 ? (
            <ActionButton
              label="Mark met"
              method="PATCH"
              path={`/v1/sites/${id}/obligations/${o.id}`}
              body={{ status: "met" }}
              version={o.version}
              siteId={id}
              className="btn-secondary px-2 py-1 text-xs"
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
  const parties = [
    { key: "asset_owner" as const, label: `${data.parties.assetOwner.name} (asset owner)` },
    {
      key: "integrator" as const,
      label: data.parties.integrator
        ? `${data.parties.integrator.name} (integrator)`
        : "Integrator (not named)",
    },
    {
      key: "supplier" as const,
      label: `Suppliers: ${data.parties.suppliers.map((s) => s.name).join(", ") || "none"}`,
    },
  ];
  return (
    <div className="space-y-6">
      <SiteNav siteId={id} siteName={model.name} current="obligations" access={model.access} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1>Obligations</h1>
          <p className="mt-1 text-sm text-slate-600">
            Shared responsibilities generated from the site (security-context assumptions, countermeasures,
            advisory remediations) and the role baselines of IEC 62443-2-4, 4-1 and the asset owner.
          </p>
        </div>
        <div className="flex gap-2">
          <a className="btn-secondary" href={`/sites/${id}/download/obligations.xlsx`}>
            Export XLSX
          </a>
          <a className="btn-secondary" href={`/sites/${id}/download/obligations.csv`}>
            Export CSV
          </a>
          {canWork ? (
            <ActionButton
              label="Regenerate"
              method="POST"
              path={`/v1/sites/${id}/obligations/sync`}
              siteId={id}
            />
          ) : null}
        </div>
      </div>
      <section className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Counts">
        {(["open", "in_progress", "met", "waived"] as const).map((s) => (
          <Link
            key={s}
            href={link({ status: s === one(search.status) ? "" : s })}
            className="card py-3 no-underline"
          >
            <div className="text-xs text-slate-500">{OBLIGATION_STATUS_LABELS[s]}</div>
            <div className="text-xl font-semibold text-slate-900">{data.counts[s]}</div>
          </Link>
        ))}
        <Link
          href={link({ overdue: one(search.overdue) === "true" ? "" : "true" })}
          className="card py-3 no-underline"
        >
          <div className="text-xs text-slate-500">Overdue</div>
          <div className={`text-xl font-semibold ${data.counts.overdue ? "text-red-700" : "text-slate-900"}`}>
            {data.counts.overdue}
          </div>
        </Link>
      </section>
      <form className="card flex flex-wrap gap-3" aria-label="Filter obligations">
        <input type="hidden" name="view" value={view} />
        {one(search.overdue) ? <input type="hidden" name="overdue" value={one(search.overdue)} /> : null}
        <input
          name="q"
          defaultValue={one(search.q)}
          placeholder="Search text"
          aria-label="Search"
          className="input w-64"
        />
        <select
          name="party"
          defaultValue={one(search.party)}
          aria-label="Responsible party"
          className="input w-40"
        >
          <option value="">Any party</option>
          {Object.entries(PARTY_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <select name="status" defaultValue={one(search.status)} aria-label="Status" className="input w-36">
          <option value="">Any status</option>
          {OBLIGATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {OBLIGATION_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <select name="source" defaultValue={one(search.source)} aria-label="Source" className="input w-52">
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
          {(
            [
              ["due", "Sort by due date"],
              ["status", "Sort by status"],
              ["party", "Sort by party"],
              ["source", "Sort by source"],
              ["text", "Sort by text"],
              ["updated", "Sort by last change"],
            ] as const
          ).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select name="order" defaultValue={order} aria-label="Order" className="input w-36">
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
        <button type="submit" className="btn-primary">
          Apply
        </button>
      </form>
      <nav className="flex gap-2" aria-label="Views">
        {["board", "table", "raci"].map((v) => (
          <Link
            key={v}
            href={link({ view: v })}
            aria-current={v === view ? "page" : undefined}
            className={v === view ? "btn-primary" : "btn-secondary"}
          >
            {v === "raci" ? "RACI" : v[0]?.toUpperCase() + v.slice(1)}
          </Link>
        ))}
      </nav>
      {data.items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">No obligation matches these filters.</div>
      ) : view === "board" ? (
        <div className="grid gap-4 lg:grid-cols-4" data-testid="obligation-board">
          {OBLIGATION_STATUSES.map((status) => (
            <section
              key={status}
              aria-label={OBLIGATION_STATUS_LABELS[status]}
              className="rounded-lg bg-slate-100 p-3"
            >
              <h2 className="mb-2 flex items-center justify-between text-sm">
                {OBLIGATION_STATUS_LABELS[status]}
                <span className="badge bg-white text-slate-700">
                  {data.items.filter((o) => o.status === status).length}
                </span>
              </h2>
              {data.items.some((o) => o.status === status) ? (
                <ul
                  className="max-h-[70vh] space-y-2 overflow-y-auto pr-1"
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling column must be reachable by keyboard
                  tabIndex={0}
                  aria-label={`${OBLIGATION_STATUS_LABELS[status]} obligations`}
                >
                  {data.items.filter((o) => o.status === status).map(card)}
                </ul>
              ) : (
                <p className="rounded-md border border-dashed border-slate-300 p-3 text-center text-xs text-slate-500">
                  None
                </p>
              )}
            </section>
          ))}
        </div>
      ) : view === "table" ? (
        <div className="card relative overflow-x-auto p-0">
          <table className="table" data-testid="obligation-table">
            <thead>
              <tr>
                {(
                  [
                    ["text", "Obligation"],
                    ["party", "Responsible"],
                    ["status", "Status"],
                    ["due", "Due"],
                    ["source", "Source"],
                  ] as const
                ).map(([key, label]) => {
                  const active = sort === key;
                  return (
                    <th
                      key={key}
                      scope="col"
                      aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}
                    >
                      <Link
                        href={link({
                          sort: key,
                          order: active && order === "asc" ? "desc" : "asc",
                          cursor: "",
                        })}
                        className="inline-flex items-center gap-1 text-slate-600 no-underline hover:text-slate-900"
                        aria-label={`Sort by ${label.toLowerCase()}${active ? (order === "asc" ? ", descending" : ", ascending") : ""}`}
                      >
                        {label}
                        <span aria-hidden className={active ? "text-slate-900" : "text-slate-300"}>
                          {active && order === "desc" ? "▼" : "▲"}
                        </span>
                      </Link>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {data.items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link href={`/sites/${id}/obligations/${o.id}`}>{o.text}</Link>
                  </td>
                  <td className="text-sm">{partyName(o)}</td>
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
      ) : (
        <div className="card relative overflow-x-auto p-0">
          <table className="table" data-testid="raci-table">
            <caption className="px-4 py-2 text-left text-xs text-slate-500">
              R responsible · A accountable · C consulted · I informed
            </caption>
            <thead>
              <tr>
                <th>Obligation</th>
                {parties.map((p) => (
                  <th key={p.key} className="text-center">
                    {p.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((o) => {
                const raci = raciOf(o);
                return (
                  <tr key={o.id}>
                    <td className="text-sm">{o.text}</td>
                    {parties.map((p) => (
                      <td
                        key={p.key}
                        className={`text-center font-semibold ${raci[p.key]?.startsWith("R") ? "text-brand-700" : "text-slate-500"}`}
                      >
                        {raci[p.key]}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data.nextCursor || one(search.cursor) ? (
        <nav className="flex items-center justify-end gap-2 text-sm" aria-label="Pages of obligations">
          <span className="text-slate-500">
            {data.items.length} of {data.total} shown
          </span>
          {one(search.cursor) ? (
            <Link className="btn-secondary" href={link({ cursor: "" })}>
              First page
            </Link>
          ) : null}
          {data.nextCursor ? (
            <Link className="btn-secondary" href={link({ cursor: data.nextCursor })}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
