import { SEVERITIES, ZAdvisoryListItem } from "@assure/shared";
import Link from "next/link";
import { z } from "zod";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { formatDate, SeverityBadge } from "./severity";

export const metadata = { title: "Advisories" };

const ZPage = z.object({ items: z.array(ZAdvisoryListItem), nextCursor: z.string().optional() });
type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

const SCOPES = [
  { scope: "public", label: "Published" },
  { scope: "own", label: "Ours", supplierOnly: true },
  { scope: "shared", label: "Shared with us" },
] as const;

export default async function AdvisoriesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const context = await requireContext();
  const params = await searchParams;
  const kinds = context.membership.tenantKinds;
  const isSupplier = kinds.includes("supplier");
  const isOwner = kinds.includes("asset_owner");
  const scope = one(params.scope) || "public";
  const query = new URLSearchParams({ limit: "50", scope });
  for (const name of ["q", "vendor", "severity", "from", "to", "status", "cursor"])
    if (one(params[name])) query.set(name, one(params[name]));
  const { data } = await api(ZPage, `/v1/advisories?${query}`, { context });
  const filtered = ["q", "vendor", "severity", "from", "to", "status"].some((name) => one(params[name]));
  const next = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (k === "cursor" || !one(v) ? [] : [[k, one(v)]])),
  );
  if (data.nextCursor) next.set("cursor", data.nextCursor);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="flex-1">
          <h1>Advisories</h1>
          <p className="mt-1 text-sm text-slate-600">
            CSAF 2.0 security advisories, matched to catalog components
            {isOwner ? " and to the assets of your sites" : ""}.
          </p>
        </div>
        {isOwner ? (
          <Link href="/advisories/impact" className="btn-secondary">
            What hits my sites
          </Link>
        ) : null}
        {isSupplier ? (
          <Link href="/advisories/new" className="btn-secondary">
            Write an advisory
          </Link>
        ) : null}
        {isSupplier || context.session.platformOperator ? (
          <Link href="/advisories/import" className="btn-primary">
            Import CSAF
          </Link>
        ) : null}
      </div>
      <nav aria-label="Which advisories" className="flex gap-1 text-sm">
        {SCOPES.filter((s) => !("supplierOnly" in s) || isSupplier).map((s) => (
          <Link
            key={s.scope}
            href={`/advisories?scope=${s.scope}`}
            aria-current={scope === s.scope ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 no-underline ${scope === s.scope ? "bg-brand-100 text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {s.label}
          </Link>
        ))}
      </nav>
      <search aria-label="Filter advisories">
        <form className="card grid gap-4 md:grid-cols-6">
          <input type="hidden" name="scope" value={scope} />
          <div className="md:col-span-2">
            <label className="label" htmlFor="q">
              Search
            </label>
            <input
              id="q"
              name="q"
              defaultValue={one(params.q)}
              placeholder="Tracking id, title, CVE…"
              className="input"
            />
          </div>
          <div>
            <label className="label" htmlFor="vendor">
              Vendor
            </label>
            <input id="vendor" name="vendor" defaultValue={one(params.vendor)} className="input" />
          </div>
          <div>
            <label className="label" htmlFor="severity">
              Severity at least
            </label>
            <select id="severity" name="severity" defaultValue={one(params.severity)} className="input">
              <option value="">Any</option>
              {SEVERITIES.filter((s) => s !== "none").map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="label" htmlFor="from">
              Released from
            </label>
            <input id="from" name="from" type="date" defaultValue={one(params.from)} className="input" />
          </div>
          <div>
            <label className="label" htmlFor="to">
              Released to
            </label>
            <input id="to" name="to" type="date" defaultValue={one(params.to)} className="input" />
          </div>
          <div className="md:col-span-2">
            <label className="label" htmlFor="status">
              Status
            </label>
            <select id="status" name="status" defaultValue={one(params.status)} className="input">
              <option value="">Any</option>
              <option value="final">Final</option>
              <option value="interim">Interim</option>
              {isOwner ? <option value="affecting">Affecting my assets</option> : null}
            </select>
          </div>
          <div className="flex items-end justify-end gap-3 md:col-span-4">
            {filtered ? (
              <Link href={`/advisories?scope=${scope}`} className="btn-secondary">
                Clear
              </Link>
            ) : null}
            <button type="submit" className="btn-primary">
              Apply filters
            </button>
          </div>
        </form>
      </search>
      {data.items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">
          {filtered
            ? "No advisory matches these filters. Widen the dates or clear the search."
            : scope === "own"
              ? "You have not published advisories yet: write one or import a CSAF document."
              : scope === "shared"
                ? "No supplier has shared a restricted advisory with you."
                : isSupplier
                  ? "No advisories yet. Write your first under “Write an advisory”, or import a CSAF document; the platform adds public feeds such as CISA's."
                  : "No advisories yet. The platform adds public feeds such as CISA's, and suppliers publish their own: they appear here, with the assets they hit."}
        </div>
      ) : (
        <div className="card relative overflow-x-auto p-0">
          <table className="table" data-testid="advisory-table">
            <thead>
              <tr>
                <th>Advisory</th>
                <th>Vendors</th>
                <th>Severity</th>
                <th>CVEs</th>
                <th>Released</th>
                <th>Catalog matches</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id} className="hover:bg-slate-50">
                  <td>
                    <Link href={`/advisories/${a.id}`} className="font-medium">
                      {a.trackingId}
                    </Link>
                    <div className="max-w-xl text-xs text-slate-600">{a.title}</div>
                    {a.conformanceWarnings.length ? (
                      <span className="badge mt-1 bg-amber-100 text-amber-900">conformance warning</span>
                    ) : null}
                    {a.visibility.kind === "restricted" ? (
                      <span className="badge mt-1 ml-1 bg-slate-800 text-white">TLP:{a.tlp}</span>
                    ) : null}
                  </td>
                  <td className="text-sm">{a.vendors.slice(0, 3).join(", ")}</td>
                  <td>
                    <SeverityBadge severity={a.severity} score={a.cvssMax} />
                  </td>
                  <td className="text-xs">
                    {a.cves.slice(0, 3).join(", ")}
                    {a.cves.length > 3 ? ` +${a.cves.length - 3}` : ""}
                  </td>
                  <td className="text-sm whitespace-nowrap">{formatDate(a.currentReleaseDate)}</td>
                  <td className="text-sm">{a.matchedComponents || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.nextCursor ? (
        <div className="text-center">
          <Link className="btn-secondary" href={`/advisories?${next}`}>
            Next page
          </Link>
        </div>
      ) : null}
    </div>
  );
}
