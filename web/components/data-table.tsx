"use client";

import { type ReactNode, useMemo, useState } from "react";

export interface DataColumn {
  header: ReactNode;
  /** Plain-text name for the sort button's accessible label. */
  name: string;
  sortable?: boolean;
  className?: string;
}

export interface DataRow {
  id: string;
  cells: ReactNode[];
  /** One value per column to sort by (null sorts last). */
  sort: (string | number | null)[];
  /** What the filter box searches. */
  text: string;
  testId?: string;
}

/**
 * A table read whole (a site's zones, conduits, assets, countermeasures: bounded sets) that the reader sorts by
 * clicking a header, filters with a search box and pages through. Rows are rendered on the server and passed in
 * as cells, so pages keep their server-side data fetching.
 */
export function DataTable({
  label,
  columns,
  rows,
  pageSize = 25,
  initialSort,
  empty,
  testId,
  filterPlaceholder = "Filter",
}: {
  label: string;
  columns: DataColumn[];
  rows: DataRow[];
  pageSize?: number;
  initialSort?: { column: number; order: "asc" | "desc" };
  empty: ReactNode;
  testId?: string;
  filterPlaceholder?: string;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const [filter, setFilter] = useState("");
  const [page, setPage] = useState(0);
  const visible = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    const kept = rows.filter((row) => words.every((word) => row.text.toLowerCase().includes(word)));
    if (!sort) return kept;
    const direction = sort.order === "asc" ? 1 : -1;
    return [...kept].sort((a, b) => {
      const [x, y] = [a.sort[sort.column] ?? null, b.sort[sort.column] ?? null];
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      if (typeof x === "number" && typeof y === "number") return (x - y) * direction;
      return String(x).localeCompare(String(y), undefined, { numeric: true }) * direction;
    });
  }, [rows, filter, sort]);
  const pages = Math.max(1, Math.ceil(visible.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = visible.slice(current * pageSize, (current + 1) * pageSize);

  if (rows.length === 0) return <div className="px-5 pb-4 text-sm text-slate-600">{empty}</div>;
  return (
    <div>
      {rows.length > 5 ? (
        <div className="flex items-center gap-3 px-5 pt-2">
          <input
            type="search"
            className="input max-w-xs"
            aria-label={`Filter ${label}`}
            placeholder={filterPlaceholder}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(0);
            }}
          />
          <span className="text-xs text-slate-500" aria-live="polite">
            {visible.length === rows.length ? `${rows.length} in all` : `${visible.length} of ${rows.length}`}
          </span>
        </div>
      ) : null}
      <table className="table mt-2" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column, i) => {
              const active = sort?.column === i;
              const ariaSort = active ? (sort?.order === "asc" ? "ascending" : "descending") : undefined;
              return (
                <th key={column.name} className={column.className} aria-sort={ariaSort} scope="col">
                  {column.sortable ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 whitespace-nowrap font-medium text-slate-600 hover:text-slate-900"
                      aria-label={`Sort by ${column.name}${active ? (sort?.order === "asc" ? ", descending" : ", ascending") : ""}`}
                      onClick={() =>
                        setSort(
                          active && sort?.order === "asc"
                            ? { column: i, order: "desc" }
                            : { column: i, order: "asc" },
                        )
                      }
                    >
                      {column.header}
                      <span aria-hidden className={active ? "text-slate-900" : "text-slate-300"}>
                        {active && sort?.order === "desc" ? "▼" : "▲"}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="py-4 text-center text-sm text-slate-500">
                Nothing matches “{filter}”.
              </td>
            </tr>
          ) : (
            shown.map((row) => (
              <tr key={row.id} data-testid={row.testId}>
                {row.cells.map((cell, i) => (
                  <td key={columns[i]?.name ?? i} className={columns[i]?.className}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav
          className="flex items-center justify-end gap-2 px-5 py-3 text-sm"
          aria-label={`Pages of ${label}`}
        >
          <span className="text-slate-500">
            {current * pageSize + 1}–{current * pageSize + shown.length} of {visible.length}
          </span>
          <button
            type="button"
            className="btn-secondary px-2 py-1"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            Previous
          </button>
          <button
            type="button"
            className="btn-secondary px-2 py-1"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next
          </button>
        </nav>
      ) : null}
    </div>
  );
}
