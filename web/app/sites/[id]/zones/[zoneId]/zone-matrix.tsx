"use client";

import {
  basisRank,
  EMPTY_ZONE_TEXT,
  evaluate,
  FOUNDATIONAL_REQUIREMENTS,
  RESTRICTED_COMPONENT_NAME,
  replaceAssetComponent,
  type TAssetResult,
  type TSiteDocument,
  verdictRank,
  ZEvaluationInput,
} from "@assure/shared";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import { SlChart } from "@/components/sl-chart";
import { withNames } from "@/lib/site-names";
import { ActionButton, CountermeasureForm, EditDialog } from "../../../site-forms";

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
  names,
  versions,
  targets,
}: {
  siteId: string;
  groupId: string;
  document: TSiteDocument;
  assets: AssetRow[];
  canEdit: boolean;
  /** Display names of the site's assets, zones and conduits by id (the engine's reasons name ids). */
  names: Record<string, string>;
  /** Published versions per catalog component id, newest last (the what-if suggests the newest). */
  versions: Record<string, string[]>;
  /** What a countermeasure may be recorded on here (the assets, and the zone or conduit itself). */
  targets: { kind: "asset" | "zone" | "conduit"; id: string; label: string }[];
}) {
  const nameMap = useMemo(() => new Map(Object.entries(names)), [names]);
  /** A catalog component's name without the deployed version the site document appends to it. */
  const catalogName = (documentComponentId: string) => {
    const component = document.components.find((c) => c.id === documentComponentId);
    const name = component?.name ?? documentComponentId;
    const version = component?.ref.version;
    return version && name.endsWith(` ${version}`) ? name.slice(0, -version.length - 1) : name;
  };
  const explain = (message: string) => withNames(message, nameMap);
  const [open, setOpen] = useState<string | null>(null);
  /** `before`: the component (document id) the asset ran when the what-if started; it changes once saved. */
  const [whatIf, setWhatIf] = useState<{ assetId: string; componentId: string; before: string } | null>(null);
  const [version, setVersion] = useState("");
  const components = useMemo(() => new Map(document.components.map((c) => [c.id, c])), [document]);
  const baseline = useMemo(() => {
    const result = evaluate(ZEvaluationInput.parse(document));
    return [...result.zones, ...result.conduits].find((g) => g.id === groupId);
  }, [document, groupId]);
  // Once the replacement is saved (the page reloads the document), the asset runs another component: the what-if
  // is then history (its candidate may not even be in the new document, which has no gap left to suggest for).
  const runs = whatIf ? baseline?.assets.find((a) => a.id === whatIf.assetId)?.componentId : undefined;
  const committed = whatIf !== null && runs !== undefined && runs !== whatIf.before;
  const trying = whatIf !== null && !committed && components.has(whatIf.componentId) ? whatIf : null;
  const evaluated = useMemo(() => {
    if (!trying) return baseline;
    const doc = replaceAssetComponent(document, trying.assetId, trying.componentId);
    const result = evaluate(ZEvaluationInput.parse(doc));
    return [...result.zones, ...result.conduits].find((g) => g.id === groupId);
  }, [document, groupId, trying, baseline]);
  if (!evaluated || !baseline) return null;
  const rowOf = new Map(assets.map((a) => [a.id, a]));
  const cell = (asset: TAssetResult, i: number) => {
    const fr = asset.perFr[i];
    if (!fr) return null;
    return (
      <button
        type="button"
        title={fr.reasons.map((r) => explain(r.message)).join("\n")}
        aria-label={`FR${fr.fr}: SL-T ${fr.slT}, SL-C ${fr.slC}, effective ${fr.effective}, ${fr.verdict}`}
        data-verdict={fr.verdict}
        onClick={() => setOpen(open === `${asset.id}:${fr.fr}` ? null : `${asset.id}:${fr.fr}`)}
        className={`w-full rounded px-1 py-1 text-xs font-semibold ${VERDICT_STYLES[fr.verdict]}`}
      >
        {fr.slC}
        {fr.effective !== fr.slC ? `→${fr.effective}` : ""}/{fr.slT}
      </button>
    );
  };
  const openAsset = open ? evaluated.assets.find((a) => a.id === open.split(":")[0]) : undefined;
  const openFr = open ? openAsset?.perFr[Number(open.split(":")[1]) - 1] : undefined;

  return (
    <div className="space-y-6">
      {whatIf && committed ? (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-emerald-600 bg-emerald-50 p-4 text-sm"
          data-testid="what-if-committed"
        >
          <span>
            <strong>Saved:</strong> {rowOf.get(whatIf.assetId)?.name} now runs {catalogName(runs ?? "")}. The
            zone is {baseline.compliant ? "compliant" : "still not compliant"}; its obligations were
            regenerated.
          </span>
          <button type="button" className="btn-secondary" onClick={() => setWhatIf(null)}>
            Dismiss
          </button>
        </div>
      ) : trying ? (
        <div
          role="status"
          className="rounded-md border border-brand-600 bg-brand-50 p-4 text-sm"
          data-testid="what-if-banner"
        >
          <strong>What-if:</strong> {rowOf.get(trying.assetId)?.name} with {catalogName(trying.componentId)}.
          The zone would be <strong>{evaluated.compliant ? "compliant" : "still not compliant"}</strong> (now{" "}
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
                path={`/v1/sites/${siteId}/assets/${trying.assetId}`}
                body={{
                  componentId: components.get(trying.componentId)?.ref.componentId,
                  supplierTenantId: components.get(trying.componentId)?.ref.supplierTenantId,
                  version: version.trim() || undefined,
                }}
                version={rowOf.get(trying.assetId)?.revision}
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
          <p className="mt-1 text-xs text-slate-500">SL-A in red where it falls below SL-T.</p>
          <SlChart
            title="Target and achieved security levels per FR"
            series={[
              { name: "SL-T", levels: evaluated.slT, color: "#94a3b8" },
              {
                name: "SL-A",
                levels: evaluated.slA,
                color: "#059669",
                colors: evaluated.slA.map((level, i) =>
                  level < (evaluated.slT[i] ?? 0) ? "#dc2626" : undefined,
                ),
              },
            ]}
          />
        </section>
        <section className="card relative overflow-x-auto p-0 lg:col-span-2" aria-labelledby="matrix-heading">
          <h2 id="matrix-heading" className="px-5 pt-4">
            Assets × foundational requirements
          </h2>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 text-xs text-slate-500">
            <span>
              Each cell: SL-C (→ effective with countermeasures) / SL-T. Click a cell for its reasons.
            </span>
            <span className="inline-flex items-center gap-1">
              <span className={`rounded px-1 ${VERDICT_STYLES.meets}`}>2/2</span> meets
            </span>
            <span className="inline-flex items-center gap-1">
              <span className={`rounded px-1 ${VERDICT_STYLES.covered}`}>1→2/2</span> covered
            </span>
            <span className="inline-flex items-center gap-1">
              <span className={`rounded px-1 ${VERDICT_STYLES.gap}`}>1/2</span> gap
            </span>
          </p>
          {evaluated.assets.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-600">
              No assets yet: add the components that run here.
            </p>
          ) : (
            <DataTable
              label="Assets × foundational requirements"
              testId="zone-matrix"
              filterPlaceholder="Asset, component, “gap” or “at risk”"
              empty="No assets yet: add the components that run here."
              columns={[
                { header: "Asset", name: "Asset", sortable: true },
                ...FOUNDATIONAL_REQUIREMENTS.map((fr) => ({
                  header: (
                    <span title={fr.name}>
                      FR{fr.fr}
                      <span className="block text-[10px] font-normal">{fr.code}</span>
                    </span>
                  ),
                  name: `FR${fr.fr} ${fr.code}`,
                  sortable: true,
                  className: "p-1 text-center",
                })),
                { header: "Basis", name: "Basis", sortable: true, className: "text-xs" },
              ]}
              rows={evaluated.assets.map((asset) => {
                const row = rowOf.get(asset.id);
                const componentName = components.get(asset.componentId)?.name ?? row?.componentName ?? "";
                const hasGap = asset.perFr.some((f) => f.verdict === "gap");
                return {
                  id: asset.id,
                  testId: `matrix-row-${row?.name}`,
                  text: [row?.name, componentName, hasGap ? "gap" : "", asset.atRisk ? "at risk" : ""].join(
                    " ",
                  ),
                  // FR columns sort worst first when ascending: verdict, then how far the effective level is from SL-T.
                  sort: [
                    row?.name ?? asset.id,
                    ...asset.perFr.map((f) => verdictRank(f.verdict) * 10 + (f.effective - f.slT)),
                    asset.basis ? basisRank(asset.basis) : -1,
                  ],
                  cells: [
                    <div key="asset">
                      <div className="font-medium">
                        {row?.name}
                        {row && row.count > 1 ? <span className="text-slate-500"> ×{row.count}</span> : null}
                      </div>
                      <div className="text-xs text-slate-500">
                        {componentName}
                        {componentName === RESTRICTED_COMPONENT_NAME ? (
                          <span className="ml-1">
                            (its supplier does not share it with you: it brings no claim)
                          </span>
                        ) : null}
                        {asset.atRisk ? (
                          <span className="badge ml-1 bg-red-600 text-white">at risk</span>
                        ) : null}
                      </div>
                    </div>,
                    ...FOUNDATIONAL_REQUIREMENTS.map((_, i) => cell(asset, i)),
                    asset.basis?.replaceAll("_", " ") ?? "no claim",
                  ],
                };
              })}
            />
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
                  <li key={`${reason.code}-${reason.message}`}>{explain(reason.message)}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      </div>

      <section className="card" aria-labelledby="suggestions-heading">
        <h2 id="suggestions-heading">Closing the gaps</h2>
        {baseline.assets.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{EMPTY_ZONE_TEXT}</p>
        ) : baseline.assets.every((a) => !a.perFr.some((f) => f.verdict === "gap")) ? (
          <p className="mt-2 text-sm text-emerald-700">No gaps here: every asset meets SL-T or is covered.</p>
        ) : (
          <ul className="mt-3 space-y-4">
            {baseline.assets
              .filter((a) => a.perFr.some((f) => f.verdict === "gap"))
              .map((asset) => {
                const row = rowOf.get(asset.id);
                const gaps = asset.perFr.filter((f) => f.verdict === "gap");
                const own = components.get(asset.componentId)?.ref.componentId;
                // One suggestion per catalog component; the asset's own component appears as an upgrade to its
                // newest version (the candidate is evaluated with its newest claim).
                const seen = new Set<string | undefined>();
                const suggestions = (asset.suggestions ?? []).filter((s) => {
                  const catalogId = components.get(s.componentId)?.ref.componentId;
                  if (seen.has(catalogId)) return false;
                  seen.add(catalogId);
                  return true;
                });
                return (
                  <li
                    key={asset.id}
                    className="rounded-md border border-slate-200 p-3"
                    data-testid={`gap-${row?.name}`}
                  >
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="text-sm">
                        <strong>{row?.name}</strong> falls short on{" "}
                        {gaps.map((f) => `FR${f.fr} (SL-C ${f.slC} < SL-T ${f.slT})`).join(", ")}. Record a
                        compensating countermeasure, or replace the component with one that meets SL-T:
                      </div>
                      {canEdit ? (
                        <EditDialog
                          label="Record a countermeasure"
                          title={`Countermeasure for ${row?.name ?? ""}`}
                          className="btn-secondary px-2 py-1 text-xs"
                        >
                          <CountermeasureForm
                            siteId={siteId}
                            targets={targets}
                            initial={{
                              target: `asset:${asset.id}`,
                              frs: gaps.map((f) => f.fr),
                              raisesTo: Math.max(...gaps.map((f) => f.slT)),
                            }}
                            bare
                          />
                        </EditDialog>
                      ) : null}
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
                              className="btn-secondary aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
                              aria-pressed={
                                whatIf?.assetId === asset.id && whatIf.componentId === s.componentId
                              }
                              onClick={() => {
                                setWhatIf({
                                  assetId: asset.id,
                                  componentId: s.componentId,
                                  before: asset.componentId,
                                });
                                const catalogId = components.get(s.componentId)?.ref.componentId ?? "";
                                setVersion(versions[catalogId]?.at(-1) ?? "");
                              }}
                            >
                              {components.get(s.componentId)?.ref.componentId === own
                                ? `What if: upgrade to ${versions[own ?? ""]?.at(-1) ?? "the newest version"}`
                                : `What if: ${catalogName(s.componentId)}`}{" "}
                              <span className="text-xs text-slate-500">({s.basis.replaceAll("_", " ")})</span>
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
