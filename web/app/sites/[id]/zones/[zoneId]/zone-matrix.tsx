"use client";

import {
  evaluate,
  FOUNDATIONAL_REQUIREMENTS,
  replaceAssetComponent,
  type TAssetResult,
  type TSiteDocument,
  ZEvaluationInput,
} from "@assure/shared";
import { Fragment, useMemo, useState } from "react";
import { SlChart } from "@/components/sl-chart";
import { ActionButton } from "../../../site-forms";

const VERDICT_STYLES = {
  meets: "bg-emerald-100 text-emerald-900",
  covered: "bg-amber-100 text-amber-900",
  gap: "bg-red-100 text-red-800",
} as const;

export interface AssetRow {
  id: string;
  name: string;
  count: number;
  role: string;
  componentName: string;
  version: string;
  revision: number;
  componentId: string;
}

/**
 * The zone's asset × FR matrix with the engine's reasons, its SL-T vs SL-A chart, suggestions per gap, and
 * what-if: the engine runs here in the browser on the site's evaluation document with one asset's component
 * swapped, before anything is saved.
 */
export function ZoneMatrix({
  siteId,
  groupId,
  document,
  assets,
  canEdit,
}: {
  siteId: string;
  groupId: string;
  document: TSiteDocument;
  assets: AssetRow[];
  canEdit: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const [whatIf, setWhatIf] = useState<{ assetId: string; componentId: string } | null>(null);
  const [version, setVersion] = useState("");
  const components = useMemo(() => new Map(document.components.map((c) => [c.id, c])), [document]);
  const evaluated = useMemo(() => {
    const doc = whatIf ? replaceAssetComponent(document, whatIf.assetId, whatIf.componentId) : document;
    const result = evaluate(ZEvaluationInput.parse(doc));
    return [...result.zones, ...result.conduits].find((g) => g.id === groupId);
  }, [document, groupId, whatIf]);
  const baseline = useMemo(() => {
    const result = evaluate(ZEvaluationInput.parse(document));
    return [...result.zones, ...result.conduits].find((g) => g.id === groupId);
  }, [document, groupId]);
  if (!evaluated || !baseline) return null;
  const rowOf = new Map(assets.map((a) => [a.id, a]));
  const cell = (asset: TAssetResult, i: number) => {
    const fr = asset.perFr[i];
    if (!fr) return null;
    return (
      <td key={fr.fr} className="p-1 text-center">
        <button
          type="button"
          title={fr.reasons.map((r) => r.message).join("\n")}
          aria-label={`FR${fr.fr}: SL-T ${fr.slT}, SL-C ${fr.slC}, effective ${fr.effective}, ${fr.verdict}`}
          data-verdict={fr.verdict}
          onClick={() => setOpen(open === `${asset.id}:${fr.fr}` ? null : `${asset.id}:${fr.fr}`)}
          className={`w-full rounded px-1 py-1 text-xs font-semibold ${VERDICT_STYLES[fr.verdict]}`}
        >
          {fr.slC}
          {fr.effective !== fr.slC ? `→${fr.effective}` : ""}/{fr.slT}
        </button>
      </td>
    );
  };
  const openAsset = open ? evaluated.assets.find((a) => a.id === open.split(":")[0]) : undefined;
  const openFr = open ? openAsset?.perFr[Number(open.split(":")[1]) - 1] : undefined;

  return (
    <div className="space-y-6">
      {whatIf ? (
        <div
          role="status"
          className="rounded-md border border-brand-600 bg-brand-50 p-4 text-sm"
          data-testid="what-if-banner"
        >
          <strong>What-if:</strong> {rowOf.get(whatIf.assetId)?.name} with{" "}
          {components.get(whatIf.componentId)?.name ?? whatIf.componentId}. The zone would be{" "}
          <strong>{evaluated.compliant ? "compliant" : "still not compliant"}</strong> (now{" "}
          {baseline.compliant ? "compliant" : "not compliant"}). Nothing is saved yet.
          {canEdit ? (
            <div className="mt-3 flex flex-wrap items-end gap-2">
              <label className="text-sm">
                Deployed version
                <input
                  className="input mt-1 w-40"
                  aria-label="Version of the replacement"
                  value={version}
                  onChange={(e) => setVersion(e.target.value)}
                />
              </label>
              <ActionButton
                label="Replace the component"
                className="btn-primary"
                method="PATCH"
                path={`/v1/sites/${siteId}/assets/${whatIf.assetId}`}
                body={{
                  componentId: components.get(whatIf.componentId)?.ref.componentId,
                  supplierTenantId: components.get(whatIf.componentId)?.ref.supplierTenantId,
                  version: version.trim() || undefined,
                }}
                version={rowOf.get(whatIf.assetId)?.revision}
                siteId={siteId}
              />
              <button type="button" className="btn-secondary" onClick={() => setWhatIf(null)}>
                Discard what-if
              </button>
            </div>
          ) : (
            <button type="button" className="btn-secondary ml-3" onClick={() => setWhatIf(null)}>
              Discard what-if
            </button>
          )}
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card lg:col-span-1" aria-labelledby="chart-heading">
          <h2 id="chart-heading">SL-T vs SL-A</h2>
          <SlChart
            title="Target and achieved security levels per FR"
            series={[
              { name: "SL-T", levels: evaluated.slT, color: "#94a3b8" },
              { name: "SL-A", levels: evaluated.slA, color: evaluated.compliant ? "#059669" : "#dc2626" },
            ]}
          />
        </section>
        <section className="card overflow-x-auto p-0 lg:col-span-2" aria-labelledby="matrix-heading">
          <h2 id="matrix-heading" className="px-5 pt-4">
            Assets × foundational requirements
          </h2>
          <p className="px-5 text-xs text-slate-500">
            Each cell: SL-C (→ effective with countermeasures) / SL-T. Hover for the reasons, click to pin
            them.
          </p>
          {evaluated.assets.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-600">
              No assets yet: add the components that run here.
            </p>
          ) : (
            <table className="table mt-2" data-testid="zone-matrix">
              <thead>
                <tr>
                  <th>Asset</th>
                  {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
                    <th key={fr.fr} className="text-center" title={fr.name}>
                      FR{fr.fr}
                      <div className="text-[10px] font-normal">{fr.code}</div>
                    </th>
                  ))}
                  <th>Basis</th>
                </tr>
              </thead>
              <tbody>
                {evaluated.assets.map((asset) => {
                  const row = rowOf.get(asset.id);
                  return (
                    <tr key={asset.id} data-testid={`matrix-row-${row?.name}`}>
                      <td>
                        <div className="font-medium">
                          {row?.name}
                          {row && row.count > 1 ? (
                            <span className="text-slate-500"> ×{row.count}</span>
                          ) : null}
                        </div>
                        <div className="text-xs text-slate-500">
                          {components.get(asset.componentId)?.name ?? row?.componentName}
                          {asset.atRisk ? (
                            <span className="badge ml-1 bg-red-600 text-white">at risk</span>
                          ) : null}
                        </div>
                      </td>
                      {FOUNDATIONAL_REQUIREMENTS.map((_, i) => cell(asset, i))}
                      <td className="text-xs">{asset.basis?.replaceAll("_", " ") ?? "no claim"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {openFr && openAsset ? (
            <div
              className="m-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
              data-testid="verdict-reasons"
            >
              <div className="font-medium">
                {rowOf.get(openAsset.id)?.name}, FR{openFr.fr}: {openFr.verdict} (SL-C {openFr.slC}, effective{" "}
                {openFr.effective}, SL-T {openFr.slT})
              </div>
              <ul className="mt-1 list-disc pl-5">
                {openFr.reasons.map((reason) => (
                  <li key={`${reason.code}-${reason.message}`}>{reason.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      </div>

      <section className="card" aria-labelledby="suggestions-heading">
        <h2 id="suggestions-heading">Closing the gaps</h2>
        {baseline.assets.every((a) => !a.perFr.some((f) => f.verdict === "gap")) ? (
          <p className="mt-2 text-sm text-emerald-700">No gaps here: every asset meets SL-T or is covered.</p>
        ) : (
          <ul className="mt-3 space-y-4">
            {baseline.assets
              .filter((a) => a.perFr.some((f) => f.verdict === "gap"))
              .map((asset) => {
                const row = rowOf.get(asset.id);
                const gaps = asset.perFr.filter((f) => f.verdict === "gap");
                const own = components.get(asset.componentId)?.ref.componentId;
                const suggestions = (asset.suggestions ?? []).filter(
                  (s) => components.get(s.componentId)?.ref.componentId !== own,
                );
                return (
                  <li
                    key={asset.id}
                    className="rounded-md border border-slate-200 p-3"
                    data-testid={`gap-${row?.name}`}
                  >
                    <div className="text-sm">
                      <strong>{row?.name}</strong> falls short on{" "}
                      {gaps.map((f) => `FR${f.fr} (${f.slC} < ${f.slT})`).join(", ")}. Close it with a
                      countermeasure below, or replace the component:
                    </div>
                    {suggestions.length === 0 ? (
                      <p className="mt-1 text-sm text-slate-500">
                        No catalog component of this type meets the zone's SL-T.
                      </p>
                    ) : (
                      <ul className="mt-2 flex flex-wrap gap-2">
                        {suggestions.map((s) => (
                          <li key={s.componentId}>
                            <button
                              type="button"
                              className="btn-secondary"
                              onClick={() => {
                                setWhatIf({ assetId: asset.id, componentId: s.componentId });
                                setVersion("");
                              }}
                            >
                              What if: {components.get(s.componentId)?.name ?? s.componentId} (
                              {s.basis.replaceAll("_", " ")})
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
          </ul>
        )}
      </section>
    </div>
  );
}
