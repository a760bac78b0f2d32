"use client";

import { FOUNDATIONAL_REQUIREMENTS, type TCatalogEntry, type TCertificationState } from "@assure/shared";
import Link from "next/link";
import { useMemo, useState } from "react";
import { BasisBadge, SlVector, VerifiedBadge } from "@/components/sl";

type SortKey = "name" | "vendor" | "componentType" | "certification" | "advisories" | `fr${number}`;

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Component" },
  { key: "vendor", label: "Vendor" },
  { key: "componentType", label: "Type" },
];

/** Best first: valid, expiring soon, not yet valid, expired/suspended/revoked, then not certified. */
const CERTIFICATION_RANK: Record<TCertificationState, number> = {
  valid: 0,
  expiring_soon: 1,
  not_yet_valid: 2,
  expired: 3,
  suspended: 3,
  revoked: 3,
};

const sortValue = (entry: TCatalogEntry, key: SortKey): string | number => {
  if (key.startsWith("fr")) return entry.published.slC[Number(key.slice(2)) - 1] ?? 0;
  if (key === "certification") {
    // Certified and valid first, then by the certificate's trouble, then assessed before self-declared.
    const certification = entry.signals.certification;
    if (certification) return CERTIFICATION_RANK[certification.state];
    return entry.published.basis === "third_party_assessed" ? 4 : 5;
  }
  if (key === "advisories") return entry.signals.openAdvisories;
  return entry[key as "name" | "vendor" | "componentType"].toLowerCase();
};

/** Descending first for levels and advisory counts (most first), ascending for the rest. */
const startsDescending = (key: SortKey) => key.startsWith("fr") || key === "advisories";

/** The catalog page's table: sortable by name, vendor, type, any FR level, certification and open advisories. */
export function CatalogTable({ items }: { items: TCatalogEntry[] }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "name", descending: false });
  const sorted = useMemo(() => {
    return [...items].sort((a, b) => {
      const [x, y] = [sortValue(a, sort.key), sortValue(b, sort.key)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.descending ? -order : order;
    });
  }, [items, sort]);

  const header = (key: SortKey, label: string, title?: string) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
        <button
          type="button"
          className="whitespace-nowrap font-medium hover:text-slate-900"
          title={title}
          onClick={() => setSort({ key, descending: active ? !sort.descending : startsDescending(key) })}
        >
          {label}
          {active ? (sort.descending ? " ↓" : " ↑") : ""}
        </button>
      </th>
    );
  };

  return (
    <div className="card relative overflow-x-auto p-0">
      <table className="table" data-testid="catalog-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => header(c.key, c.label))}
            <th scope="col">
              <div className="mb-1">SL-C per FR</div>
              <div className="flex gap-1">
                {FOUNDATIONAL_REQUIREMENTS.map((fr) => {
                  const key = `fr${fr.fr}` as SortKey;
                  const active = sort.key === key;
                  return (
                    <button
                      key={fr.fr}
                      type="button"
                      title={`Sort by FR${fr.fr} ${fr.name}`}
                      aria-label={`Sort by FR${fr.fr} ${fr.name}`}
                      aria-pressed={active}
                      className={`w-8 rounded text-[10px] font-medium ${active ? "bg-brand-100 text-brand-900" : "text-slate-500 hover:bg-slate-200"}`}
                      onClick={() => setSort({ key, descending: active ? !sort.descending : true })}
                    >
                      {fr.code}
                    </button>
                  );
                })}
              </div>
            </th>
            {header(
              "certification",
              "Basis and certificate",
              "Sort by assurance basis and the state of the certificate behind the claim",
            )}
            {header("advisories", "Advisories", "Sort by the number of open advisories")}
          </tr>
        </thead>
        <tbody>
          {sorted.map((entry) => (
            <tr key={entry.id} className="hover:bg-slate-50">
              <td>
                <Link href={`/catalog/${entry.id}`} className="font-medium">
                  {entry.name}
                </Link>
                <div className="text-xs text-slate-500">{entry.productLine}</div>
              </td>
              <td>
                <div>{entry.vendor}</div>
                <VerifiedBadge verified={entry.supplier.verified} />
              </td>
              <td title={entry.componentType}>{entry.componentType}</td>
              <td>
                <SlVector levels={entry.published.slC} label={`SL-C of ${entry.name}`} />
              </td>
              <td data-testid="certification-cell">
                <div className="whitespace-nowrap">
                  <BasisBadge basis={entry.published.basis} />
                </div>
                <CertificationLine certification={entry.signals.certification} />
              </td>
              <td data-testid="advisories-cell">
                <AdvisoriesCell entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CERTIFICATE_LINE: Record<TCertificationState, { label: string; style: string }> = {
  valid: { label: "certificate valid", style: "text-emerald-800" },
  expiring_soon: { label: "certificate expiring soon", style: "text-amber-800" },
  not_yet_valid: { label: "certificate not yet valid", style: "text-slate-600" },
  expired: { label: "certificate expired", style: "text-red-700" },
  suspended: { label: "certificate suspended", style: "text-red-700" },
  revoked: { label: "certificate revoked", style: "text-red-700" },
};

/** The certificate behind a certified headline claim today: its state and expiry (nothing for other bases). */
function CertificationLine({ certification }: { certification: TCatalogEntry["signals"]["certification"] }) {
  if (!certification) return null;
  const { label, style } = CERTIFICATE_LINE[certification.state];
  return (
    <div className={`mt-1 whitespace-nowrap text-xs ${style}`}>
      {label}
      <span className="text-slate-500">
        {certification.expires ? ` · until ${certification.expires}` : " · no expiry"}
      </span>
    </div>
  );
}

const SEVERITY_STYLE = {
  critical: "bg-red-700 text-white",
  high: "bg-red-100 text-red-800",
  medium: "bg-amber-100 text-amber-900",
  low: "bg-sky-100 text-sky-900",
  none: "bg-slate-100 text-slate-700",
} as const;

/** Open advisories you may read, with the highest severity among them; links to the list on the component page. */
function AdvisoriesCell({ entry }: { entry: TCatalogEntry }) {
  const { openAdvisories, openSeverity } = entry.signals;
  if (openAdvisories === 0)
    return <span className="whitespace-nowrap text-xs text-slate-500">none open</span>;
  return (
    <Link
      href={`/catalog/${entry.id}#advisories-heading`}
      className={`badge whitespace-nowrap no-underline ${SEVERITY_STYLE[openSeverity ?? "none"]}`}
      title={`${openAdvisories} open ${openAdvisories === 1 ? "advisory" : "advisories"}${openSeverity ? `, highest severity ${openSeverity}` : ""}`}
    >
      {openAdvisories} open{openSeverity ? ` · ${openSeverity}` : ""}
    </Link>
  );
}
