import {
  COMPONENT_ADVISORY_STATUS_LABELS,
  COMPONENT_ADVISORY_STATUSES,
  type TComponentAdvisory,
  type TComponentAdvisoryStatus,
} from "@assure/shared";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { formatDate, SeverityBadge } from "../../advisories/severity";

const STATUS_STYLES: Record<TComponentAdvisoryStatus, string> = {
  open: "bg-red-100 text-red-800",
  review: "bg-amber-100 text-amber-900",
  fixed: "bg-emerald-100 text-emerald-900",
  not_affected: "bg-slate-100 text-slate-700",
  rejected: "bg-slate-100 text-slate-500",
};

const STATUS_RANK = new Map(COMPONENT_ADVISORY_STATUSES.map((status, i) => [status, i]));

/**
 * The advisories naming a component that the reader may read, with their status for this component (open first),
 * sortable and filterable; without any, an empty state that says what will appear here.
 */
export function ComponentAdvisories({ items }: { items: TComponentAdvisory[] }) {
  const open = items.filter((item) => item.status === "open").length;
  if (items.length === 0)
    return (
      <section className="card" aria-labelledby="advisories-heading" data-testid="component-advisories">
        <h2 id="advisories-heading">Advisories</h2>
        <p className="mt-2 text-sm text-slate-600" data-testid="component-advisories-empty">
          No advisory you can read names this component. When the supplier or the platform publishes one
          (CSAF), it is listed here with its status for this component, and the catalog counts it while it is
          open.
        </p>
      </section>
    );
  return (
    <section
      className="card px-0 pb-0"
      aria-labelledby="advisories-heading"
      data-testid="component-advisories"
    >
      <div className="px-5">
        <h2 id="advisories-heading">Advisories</h2>
        <p className="mt-1 text-sm text-slate-600">
          {items.length} {items.length === 1 ? "advisory names" : "advisories name"} this component; {open}{" "}
          {open === 1 ? "is" : "are"} open. Open: the newest published version is affected and carries no fix.
          Fixed: the newest version carries the fix (older versions may still be affected).
        </p>
      </div>
      <DataTable
        label="Advisories naming this component"
        testId="component-advisories-table"
        empty={null}
        initialSort={{ column: 2, order: "asc" }}
        columns={[
          { name: "Advisory", header: "Advisory", sortable: true },
          { name: "Severity", header: "Severity (CVSS)", sortable: true },
          { name: "Status for this component", header: "Status for this component", sortable: true },
          { name: "Released", header: "Released", sortable: true },
        ]}
        rows={items.map((item) => ({
          id: item.advisory.id,
          testId: "component-advisory",
          text: `${item.advisory.title} ${item.advisory.trackingId} ${item.advisory.cves.join(" ")} ${COMPONENT_ADVISORY_STATUS_LABELS[item.status]}`,
          sort: [
            item.advisory.title.toLowerCase(),
            item.advisory.cvssMax,
            STATUS_RANK.get(item.status) ?? null,
            item.advisory.currentReleaseDate,
          ],
          cells: [
            <div key="advisory" className="max-w-md">
              <Link href={`/advisories/${item.advisory.id}`} className="font-medium">
                {item.advisory.title}
              </Link>
              <div className="text-xs text-slate-500">
                {item.advisory.trackingId}
                {item.advisory.cves.length > 0 ? ` · ${item.advisory.cves.slice(0, 3).join(", ")}` : ""}
                {item.advisory.cves.length > 3 ? ` +${item.advisory.cves.length - 3}` : ""}
              </div>
            </div>,
            <SeverityBadge key="severity" severity={item.advisory.severity} score={item.advisory.cvssMax} />,
            <div key="status" className="max-w-sm">
              <span className={`badge ${STATUS_STYLES[item.status]}`}>
                {COMPONENT_ADVISORY_STATUS_LABELS[item.status]}
              </span>
              <div className="mt-0.5 text-xs text-slate-500">{item.reason}</div>
            </div>,
            <span key="released" className="whitespace-nowrap">
              {formatDate(item.advisory.currentReleaseDate)}
            </span>,
          ],
        }))}
      />
    </section>
  );
}
