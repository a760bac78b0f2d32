"use client";

import {
  applicableRows,
  deriveSlC,
  FOUNDATIONAL_REQUIREMENTS,
  findComponentRequirement,
  type TComponentType,
} from "@assure/shared";
import type { RequirementValue } from "./editor-values";

const OPTIONS: { value: string; label: string }[] = [
  { value: "", label: "— not listed" },
  { value: "true", label: "met" },
  { value: "false", label: "not met" },
  { value: "n/a", label: "n/a (feature absent)" },
];

const toValue = (text: string): RequirementValue | undefined =>
  text === "true" ? true : text === "false" ? false : text === "n/a" ? "n/a" : undefined;

/**
 * The IEC 62443-4-2 rows applicable to the component type, grouped by FR, with the SL-C the engine derives
 * from them shown live next to the declared level (the same deriveSlC the API and evaluations use).
 */
export function RequirementChecklist({
  idPrefix,
  componentType,
  declared,
  requirements,
  onChange,
}: {
  idPrefix: string;
  componentType: TComponentType;
  declared: number[];
  requirements: Record<string, RequirementValue>;
  onChange: (next: Record<string, RequirementValue>) => void;
}) {
  const derivation = deriveSlC(componentType, requirements);
  const set = (id: string, value: RequirementValue | undefined) => {
    const next = { ...requirements };
    if (value === undefined) delete next[id];
    else next[id] = value;
    onChange(next);
  };
  return (
    <div className="space-y-2" data-testid={`${idPrefix}-checklist`}>
      {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => {
        const rows = applicableRows(componentType, fr.fr);
        const derived = derivation.perFr[i]?.derived ?? null;
        const level = declared[i] ?? 0;
        const above = derived !== null && level > derived;
        return (
          <details
            key={fr.fr}
            className="rounded-md border border-slate-200"
            data-testid={`${idPrefix}-fr${fr.fr}`}
          >
            <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-sm">
              <span className="font-medium">
                FR{fr.fr} {fr.code}
              </span>
              <span className="text-slate-500">{fr.name}</span>
              <span className="flex-1" />
              <span className="text-xs text-slate-600">declared SL{level}</span>
              <span
                className={`badge ${derived === null ? "bg-slate-100 text-slate-600" : above ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-900"}`}
                data-testid={`${idPrefix}-derived-fr${fr.fr}`}
              >
                {derived === null ? "no rows listed" : `derived SL${derived}`}
              </span>
            </summary>
            <div className="border-t border-slate-100 px-3 py-2">
              <div className="mb-2 flex flex-wrap gap-2">
                {[1, 2, 3, 4].map((sl) => (
                  <button
                    key={sl}
                    type="button"
                    className="btn-secondary px-2 py-1 text-xs"
                    onClick={() => {
                      const next = { ...requirements };
                      for (const row of rows)
                        if (row.minSl <= sl && next[row.id] === undefined) next[row.id] = true;
                      onChange(next);
                    }}
                  >
                    Mark rows up to SL{sl} met
                  </button>
                ))}
              </div>
              <table className="table">
                <thead>
                  <tr>
                    <th>Requirement</th>
                    <th>From</th>
                    <th>Result</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const id = `${idPrefix}-req-${row.id.replace(/[^A-Za-z0-9]+/g, "-")}`;
                    const current = requirements[row.id];
                    return (
                      <tr key={row.id}>
                        <td>
                          <label htmlFor={id}>
                            <span className="font-mono text-xs">{row.id}</span>{" "}
                            <span className="text-slate-600">{findComponentRequirement(row.id)?.title}</span>
                          </label>
                        </td>
                        <td className="text-xs text-slate-500">SL{row.minSl}</td>
                        <td>
                          <select
                            id={id}
                            className="input w-44 py-1"
                            value={current === undefined ? "" : String(current)}
                            onChange={(e) => set(row.id, toValue(e.target.value))}
                          >
                            {OPTIONS.map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.label}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </details>
        );
      })}
    </div>
  );
}
