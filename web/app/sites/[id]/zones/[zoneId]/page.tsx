import { notFound } from "next/navigation";
import { z } from "zod";
import { SlVector } from "@/components/sl";
import { api, isNotFound } from "@/lib/api";
import { ZSiteEvaluationView, ZSiteModelView } from "@/lib/site-api";
import { ActionButton, AssetForm, type CatalogOption, CountermeasureForm } from "../../../site-forms";
import { SiteNav } from "../../site-nav";
import { ZoneMatrix } from "./zone-matrix";

export const metadata = { title: "Zone" };

const ZCatalogPage = z.object({
  items: z.array(
    z.looseObject({
      id: z.string(),
      supplierTenantId: z.string(),
      name: z.string(),
      vendor: z.string(),
      componentType: z.string(),
      published: z
        .looseObject({ versions: z.array(z.looseObject({ version: z.string() })).optional() })
        .optional(),
    }),
  ),
});

export default async function ZonePage({ params }: { params: Promise<{ id: string; zoneId: string }> }) {
  const { id, zoneId } = await params;
  if (!/^[0-9a-z]{26}$/.test(id) || !/^[0-9a-z]{26}$/.test(zoneId)) notFound();
  let model: ReturnType<typeof ZSiteModelView.parse>;
  let evaluation: ReturnType<typeof ZSiteEvaluationView.parse>;
  let catalog: ReturnType<typeof ZCatalogPage.parse>;
  try {
    [model, evaluation, catalog] = await Promise.all([
      api(ZSiteModelView, `/v1/sites/${id}`).then((r) => r.data),
      api(ZSiteEvaluationView, `/v1/sites/${id}/evaluation?suggestions=3`).then((r) => r.data),
      api(ZCatalogPage, "/v1/catalog/components?limit=100").then((r) => r.data),
    ]);
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const zone = model.zones.find((z) => z.id === zoneId);
  const conduit = model.conduits.find((k) => k.id === zoneId);
  if (!zone && !conduit) notFound();
  const group = [...evaluation.result.zones, ...evaluation.result.conduits].find((g) => g.id === zoneId);
  if (!group) notFound();
  const canEdit = model.access !== "read";
  const here = model.assets.filter((a) =>
    zone
      ? a.location.kind === "zone" && a.location.zoneId === zoneId
      : a.location.kind === "conduit" && a.location.conduitId === zoneId,
  );
  const componentNames = new Map(
    evaluation.document.components.map((c) => [c.ref.componentId, c.name ?? c.id]),
  );
  const options: CatalogOption[] = catalog.items.map((entry) => ({
    id: entry.id,
    supplierTenantId: entry.supplierTenantId,
    label: `${entry.name} — ${entry.vendor} (${entry.componentType})`,
    versions: entry.published?.versions?.map((v) => v.version) ?? [],
  }));
  const countermeasures = model.countermeasures.filter(
    (m) => m.scope.id === zoneId || here.some((a) => a.id === m.scope.id),
  );
  const zoneNames = new Map(model.zones.map((z) => [z.id, z.name]));
  const name = zone?.name ?? conduit?.name ?? "";
  return (
    <div className="space-y-6">
      <SiteNav siteId={id} siteName={model.name} current="zone" access={model.access} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">
            {zone ? "Zone" : "Conduit"}
          </div>
          <h1>{name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {zone
              ? zone.description
              : `${zoneNames.get(conduit?.fromZoneId ?? "")} ↔ ${zoneNames.get(conduit?.toZoneId ?? "")} · ${conduit?.protocols.join(", ")}`}
          </p>
          <div className="mt-2 flex items-center gap-3 text-sm">
            <span>SL-T</span>
            <SlVector levels={group.slT} label={`SL-T of ${name}`} />
            <span>SL-A</span>
            <SlVector levels={group.slA} label={`SL-A of ${name}`} />
            <span
              className={`badge ${group.compliant ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-800"}`}
            >
              {group.compliant ? "Compliant" : "Not compliant"}
            </span>
          </div>
          {group.reasons.length ? (
            <ul className="mt-2 list-disc pl-5 text-sm text-slate-600">
              {group.reasons.map((r) => (
                <li key={`${r.code}-${r.message}`}>{r.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>

      <ZoneMatrix
        siteId={id}
        groupId={zoneId}
        document={evaluation.document}
        canEdit={canEdit}
        assets={here.map((a) => ({
          id: a.id,
          name: a.name,
          count: a.count,
          role: a.role,
          componentName: componentNames.get(a.componentId) ?? a.componentId,
          version: a.version,
          revision: a.revision,
          componentId: a.componentId,
        }))}
      />

      <section className="card overflow-x-auto p-0" aria-labelledby="assets-heading">
        <h2 id="assets-heading" className="px-5 pt-4">
          Assets
        </h2>
        <table className="table mt-2">
          <thead>
            <tr>
              <th>Asset</th>
              <th>Component</th>
              <th>Version</th>
              <th>Count</th>
              <th>Role</th>
              {canEdit ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {here.map((asset) => (
              <tr key={asset.id}>
                <td className="font-medium">{asset.name}</td>
                <td>{componentNames.get(asset.componentId)?.replace(` ${asset.version}`, "")}</td>
                <td>{asset.version}</td>
                <td>{asset.count}</td>
                <td className="text-sm">{asset.role}</td>
                {canEdit ? (
                  <td className="text-right">
                    <ActionButton
                      label="Delete"
                      className="btn-danger"
                      confirm={`Delete ${asset.name}?`}
                      method="DELETE"
                      path={`/v1/sites/${id}/assets/${asset.id}`}
                      version={asset.revision}
                      siteId={id}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card overflow-x-auto p-0" aria-labelledby="cm-heading">
        <h2 id="cm-heading" className="px-5 pt-4">
          Countermeasures
        </h2>
        {countermeasures.length === 0 ? (
          <p className="px-5 pb-4 text-sm text-slate-600">None recorded here.</p>
        ) : (
          <table className="table mt-2">
            <thead>
              <tr>
                <th>Countermeasure</th>
                <th>Applies to</th>
                <th>FRs → SL</th>
                <th>Kind</th>
                <th>Responsible</th>
                <th>Evidence</th>
                {canEdit ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {countermeasures.map((m) => (
                <tr key={m.id}>
                  <td>
                    <div className="font-medium">{m.name}</div>
                    <div className="text-xs text-slate-500">{m.description}</div>
                  </td>
                  <td className="text-sm">
                    {m.scope.kind === "asset"
                      ? here.find((a) => a.id === m.scope.id)?.name
                      : `this ${m.scope.kind}`}
                  </td>
                  <td className="text-sm">
                    {m.frs.map((f) => `FR${f}`).join(", ")} → SL{m.raisesTo}
                  </td>
                  <td className="text-sm">{m.kind}</td>
                  <td className="text-sm">{m.responsibleParty.replace("_", " ")}</td>
                  <td className="text-sm">{m.evidence}</td>
                  {canEdit ? (
                    <td>
                      <ActionButton
                        label="Delete"
                        className="btn-danger"
                        confirm={`Delete ${m.name}?`}
                        method="DELETE"
                        path={`/v1/sites/${id}/countermeasures/${m.id}`}
                        version={m.version}
                        siteId={id}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {canEdit ? (
        <div className="grid gap-4">
          <CountermeasureForm
            siteId={id}
            targets={[
              ...here.map((a) => ({ kind: "asset" as const, id: a.id, label: a.name })),
              { kind: zone ? ("zone" as const) : ("conduit" as const), id: zoneId, label: name },
            ]}
          />
          <AssetForm
            siteId={id}
            location={zone ? { kind: "zone", zoneId } : { kind: "conduit", conduitId: zoneId }}
            catalog={options}
          />
        </div>
      ) : null}
    </div>
  );
}
