"use client";

import { certificationState, FOUNDATIONAL_REQUIREMENTS, type TCatalogEntry } from "@assure/shared";
import Link from "next/link";
import { useMemo, useState } from "react";
import { BasisBadge, SlVector, VerifiedBadge } from "@/components/sl";

type SortKey = "name" | "vendor" | "componentType" | `fr${number}`;

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Component" },
  { key: "vendor", label: "Vendor" },
  { key: "componentType", label: "Type" },
];

/** The catalog page's table: sortable by name, vendor, type or any FR level. */
export function CatalogTable({ items }: { items: TCatalogEntry[] }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "name", descending: false });
  const sorted = useMemo(() => {
    const value = (entry: TCatalogEntry): string | number => {
      if (sort.key.startsWith("fr")) return entry.published.slC[Number(sort.key.slice(2)) - 1] ?? 0;
      return entry[sort.key as "name" | "vendor" | "componentType"].toLowerCase();
    };
    return [...items].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.descending ? -order : order;
    });
  }, [items, sort]);

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th key={key} aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
        <button
          type="button"
          className="font-medium hover:text-slate-900"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key.startsWith("fr") })}
        >
          {label}
          {active ? (sort.descending ? " ↓" : " ↑") : ""}
        </button>
      </th>
    );
  };

  return (
    <div className="card overflow-x-auto p-0">
      <table className="table" data-testid="catalog-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => header(c.key, c.label))}
            <th>
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
            <th>Basis</th>
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
              <td>
                <BasisBadge basis={entry.published.basis} />
                <CertificationNote entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const NOTES = {
  expiring_soon: { label: "certificate expiring soon", style: "text-amber-800" },
  expired: { label: "certificate expired", style: "text-red-700" },
  revoked: { label: "certificate revoked", style: "text-red-700" },
  suspended: { label: "certificate suspended", style: "text-red-700" },
} as const;

/** The state of the certification behind a certified claim, when it needs attention (expiring, expired, …). */
function CertificationNote({ entry }: { entry: TCatalogEntry }) {
  const today = new Date().toISOString().slice(0, 10);
  const states = entry.certifications.map((c) => certificationState(c, today).state);
  const worst = (["revoked", "suspended", "expired", "expiring_soon"] as const).find((s) =>
    states.includes(s),
  );
  if (!worst) return null;
  return <div className={`mt-1 text-xs ${NOTES[worst].style}`}>{NOTES[worst].label}</div>;
}
