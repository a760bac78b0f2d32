import { assetComponentName, OBLIGATION_SOURCE_LABELS, sortVersionsNewestFirst } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DataTable } from "@/components/data-table";
import { GroupStatusBadge, SlVector } from "@/components/sl";
import { api, isNotFound } from "@/lib/api";
import { ZSiteEvaluationView, ZSiteModelView } from "@/lib/site-api";
import { withNames } from "@/lib/site-names";
import {
  ActionButton,
  AssetEditForm,
  AssetForm,
  type CatalogOption,
  ConduitForm,
  CountermeasureForm,
  EditDialog,
  ZoneForm,
} from "../../../site-forms";
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

const PARTY = { asset_owner: "Asset owner", integrator: "Integrator", supplier: "Supplier" } as const;

export default async function ZonePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; zoneId: string }>;
  searchParams: Promise<{ moved?: string | string[]; from?: string | string[] }>;
}) {
  const { id, zoneId } = await params;
  const query = await searchParams;
  const movedAsset = typeof query.moved === "string" ? query.moved : undefined;
  const movedFrom =
    typeof query.from === "string" && /^[0-9a-z]{26}$/.test(query.from) ? query.from : undefined;
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
  const options: CatalogOption[] = catalog.items.map((entry) => ({
    id: entry.id,
    supplierTenantId: entry.supplierTenantId,
    label: `${entry.name} — ${entry.vendor} (${entry.componentType})`,
    // Oldest first, so the newest is the default (last) in pickers.
    versions: sortVersionsNewestFirst((entry.published?.versions ?? []).map((v) => ({ version: v.version })))
      .map((v) => v.version)
      .reverse(),
  }));
  const versionsOf = new Map(options.map((o) => [o.id, o.versions]));
  const countermeasures = model.countermeasures.filter(
    (m) => m.scope.id === zoneId || here.some((a) => a.id === m.scope.id),
  );
  const zoneNames = new Map(model.zones.map((z) => [z.id, z.name]));
  const names = new Map<string, string>([
    ...model.zones.map((z) => [z.id, z.name] as const),
    ...model.conduits.map((k) => [k.id, k.name] as const),
    ...model.assets.map((a) => [a.id, a.name] as const),
  ]);
  const name = zone?.name ?? conduit?.name ?? "";
  const locations = [
    ...model.zones.map((z) => ({ value: `zone:${z.id}`, label: `Zone ${z.name}` })),
    ...model.conduits.map((k) => ({ value: `conduit:${k.id}`, label: `Conduit ${k.name}` })),
  ];
  const kind = zone ? "zone" : "conduit";
  const targets = [
    ...here.map((a) => ({ kind: "asset" as const, id: a.id, label: a.name })),
    { kind: kind as "zone" | "conduit", id: zoneId, label: name },
  ];
  const docAssets = new Map(
    [...evaluation.document.zones, ...evaluation.document.conduits]
      .flatMap((g) => g.assets)
      .map((a) => [a.id, a]),
  );
  const atRisk = group.assets.filter((a) => a.atRisk);
  const advisoryObligations = group.obligations.filter((o) => o.source === "advisory_remediation");
  return (
    <div className="space-y-6">
      <SiteNav siteId={id} siteName={model.name} current="zone" access={model.access} />
      {movedAsset ? (
        <p
          role="status"
          className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800"
          data-testid="asset-moved"
        >
          {movedAsset} was moved here
          {movedFrom && names.get(movedFrom) ? ` from ${names.get(movedFrom)}` : ""}; both are evaluated
          again.{" "}
          {movedFrom && names.get(movedFrom) ? (
            <Link href={`/sites/${id}/zones/${movedFrom}`}>Back to {names.get(movedFrom)}</Link>
          ) : null}
        </p>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">
            {zone ? "Zone" : "Conduit"}
          </div>
          <h1>{name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {zone
              ? zone.description || "No description."
              : `${zoneNames.get(conduit?.fromZoneId ?? "")} ↔ ${zoneNames.get(conduit?.toZoneId ?? "")}${conduit?.protocols.length ? ` · ${conduit.protocols.join(", ")}` : ""}`}
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
            <span className="font-medium text-slate-600">SL-T</span>
            <SlVector levels={group.slT} label={`SL-T of ${name}`} />
            <span className="font-medium text-slate-600">SL-A</span>
            <SlVector levels={group.slA} label={`SL-A of ${name}`} />
            <GroupStatusBadge group={group} />
            <span className="text-xs text-slate-500">
              minimum basis {group.minimumBasis.replaceAll("_", " ")}
              {conduit && !conduit.slT ? " · SL-T from its two zones" : ""}
            </span>
          </div>
          {group.reasons.length ? (
            <ul
              className="mt-2 list-disc pl-5 text-sm text-slate-700"
              aria-label={`Why ${name} is not compliant`}
            >
              {group.reasons.map((r) => (
                <li key={`${r.code}-${r.message}`}>{withNames(r.message, names)}</li>
              ))}
            </ul>
          ) : null}
        </div>
        {canEdit ? (
          <EditDialog
            label={zone ? "Edit zone" : "Edit conduit"}
            title={zone ? `Edit zone ${name}` : `Edit conduit ${name}`}
            className="btn-secondary"
          >
            {zone ? (
              <ZoneForm
                siteId={id}
                existing={{
                  id: zone.id,
                  version: zone.version,
                  name: zone.name,
                  description: zone.description,
                  slT: [...zone.slT],
                  minimumBasis: zone.minimumBasis,
                }}
              />
            ) : conduit ? (
              <ConduitForm
                siteId={id}
                zones={model.zones.map((z) => ({ id: z.id, name: z.name }))}
                existing={{
                  id: conduit.id,
                  version: conduit.version,
                  name: conduit.name,
                  fromZoneId: conduit.fromZoneId,
                  toZoneId: conduit.toZoneId,
                  protocols: conduit.protocols,
                  description: conduit.description,
                  slT: conduit.slT ? [...conduit.slT] : undefined,
                }}
              />
            ) : null}
          </EditDialog>
        ) : null}
      </div>

      {atRisk.length ? (
        <section
          className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm"
          aria-labelledby="risk-heading"
          data-testid="at-risk"
        >
          <h2 id="risk-heading" className="text-base text-red-900">
            {atRisk.length} asset{atRisk.length === 1 ? "" : "s"} at risk from open advisories
          </h2>
          <ul className="mt-2 space-y-1">
            {atRisk.map((asset) => (
              <li key={asset.id}>
                <strong>{names.get(asset.id)}</strong>:{" "}
                {(docAssets.get(asset.id)?.advisories ?? [])
                  .filter((a) => (a.status ?? "known_affected") === "known_affected" && !a.fixApplied)
                  .map((a) => `${a.id}${a.title ? ` (${a.title})` : ""}`)
                  .join("; ")}
              </li>
            ))}
          </ul>
          {advisoryObligations.length ? (
            <p className="mt-2 text-red-900">
              {advisoryObligations.length === 1
                ? "1 remediation obligation is"
                : `${advisoryObligations.length} remediation obligations are`}{" "}
              tracked under{" "}
              <Link href={`/sites/${id}/obligations?source=advisory_remediation`}>
                {OBLIGATION_SOURCE_LABELS.advisory_remediation} obligations
              </Link>
              .
            </p>
          ) : null}
        </section>
      ) : null}

      <ZoneMatrix
        siteId={id}
        groupId={zoneId}
        document={evaluation.document}
        canEdit={canEdit}
        names={Object.fromEntries(names)}
        versions={Object.fromEntries(versionsOf)}
        targets={targets}
        assets={here.map((a) => ({
          id: a.id,
          name: a.name,
          count: a.count,
          role: a.role,
          componentName: assetComponentName(evaluation.document, a.id) ?? a.componentId,
          version: a.version,
          revision: a.revision,
          componentId: a.componentId,
        }))}
      />

      <section className="card relative overflow-x-auto p-0" aria-labelledby="assets-heading">
        <h2 id="assets-heading" className="px-5 pt-4">
          Assets
        </h2>
        <DataTable
          label="Assets"
          testId="assets-table"
          empty={
            canEdit
              ? `No assets yet: add the components that run ${zone ? "in this zone" : "on this conduit (firewalls, gateways, data diodes)"} below.`
              : "No assets yet."
          }
          initialSort={{ column: 0, order: "asc" }}
          columns={[
            { name: "Asset", header: "Asset", sortable: true },
            { name: "Component", header: "Component", sortable: true },
            { name: "Version", header: "Version", sortable: true },
            { name: "Count", header: "Count", sortable: true },
            { name: "Role", header: "Role", sortable: true },
            ...(canEdit ? [{ name: "Actions", header: <span className="sr-only">Actions</span> }] : []),
          ]}
          rows={here.map((asset) => {
            const component = assetComponentName(evaluation.document, asset.id) ?? "";
            return {
              id: asset.id,
              testId: `asset-row-${asset.name}`,
              text: `${asset.name} ${component} ${asset.version} ${asset.role}`,
              sort: [asset.name, component, asset.version, asset.count, asset.role],
              cells: [
                <span key="name" className="font-medium">
                  {asset.name}
                </span>,
                component,
                asset.version,
                asset.count,
                <span key="role" className="text-sm">
                  {asset.role || "—"}
                </span>,
                ...(canEdit
                  ? [
                      <div key="actions" className="flex justify-end gap-2">
                        <EditDialog label="Edit" title={`Edit asset ${asset.name}`}>
                          <AssetEditForm
                            siteId={id}
                            asset={{
                              id: asset.id,
                              revision: asset.revision,
                              location:
                                asset.location.kind === "zone"
                                  ? `zone:${asset.location.zoneId}`
                                  : `conduit:${asset.location.conduitId}`,
                              name: asset.name,
                              version: asset.version,
                              count: asset.count,
                              role: asset.role,
                              notes: asset.notes,
                            }}
                            versions={versionsOf.get(asset.componentId) ?? []}
                            locations={locations}
                          />
                        </EditDialog>
                        <ActionButton
                          label="Delete"
                          className="btn-danger px-2 py-1 text-xs"
                          confirm={`Delete ${asset.name} and the countermeasures recorded on it?`}
                          method="DELETE"
                          path={`/v1/sites/${id}/assets/${asset.id}`}
                          version={asset.revision}
                          siteId={id}
                        />
                      </div>,
                    ]
                  : []),
              ],
            };
          })}
        />
      </section>

      <section className="card relative overflow-x-auto p-0" aria-labelledby="cm-heading">
        <h2 id="cm-heading" className="px-5 pt-4">
          Countermeasures
        </h2>
        <DataTable
          label="Countermeasures"
          testId="countermeasures-table"
          empty={
            canEdit
              ? "None recorded here. Record a compensating countermeasure below to cover a gap you cannot close by replacing a component."
              : "None recorded here."
          }
          initialSort={{ column: 0, order: "asc" }}
          columns={[
            { name: "Countermeasure", header: "Countermeasure", sortable: true },
            { name: "Applies to", header: "Applies to", sortable: true },
            { name: "FRs and level", header: "FRs → SL", sortable: true },
            { name: "Kind", header: "Kind", sortable: true },
            { name: "Responsible", header: "Responsible", sortable: true },
            { name: "Evidence", header: "Evidence" },
            ...(canEdit ? [{ name: "Actions", header: <span className="sr-only">Actions</span> }] : []),
          ]}
          rows={countermeasures.map((m) => {
            const target = m.scope.kind === "asset" ? (names.get(m.scope.id) ?? "") : `this ${m.scope.kind}`;
            const frs = `${m.frs.map((f) => `FR${f}`).join(", ")} → SL ${m.raisesTo}`;
            return {
              id: m.id,
              testId: `cm-row-${m.name}`,
              text: `${m.name} ${m.description} ${target} ${frs} ${m.kind} ${PARTY[m.responsibleParty]} ${m.evidence}`,
              sort: [m.name, target, frs, m.kind, PARTY[m.responsibleParty], null],
              cells: [
                <div key="name">
                  <div className="font-medium">{m.name}</div>
                  <div className="text-xs text-slate-500">{m.description}</div>
                </div>,
                target,
                frs,
                m.kind === "technical" ? "Technical" : "Procedural",
                PARTY[m.responsibleParty],
                <span key="evidence" className="text-sm">
                  {m.evidence || "—"}
                </span>,
                ...(canEdit
                  ? [
                      <div key="actions" className="flex justify-end gap-2">
                        <EditDialog label="Edit" title={`Edit countermeasure ${m.name}`}>
                          <CountermeasureForm
                            siteId={id}
                            targets={targets}
                            existing={{
                              id: m.id,
                              version: m.version,
                              name: m.name,
                              description: m.description,
                              scope: m.scope,
                              frs: [...m.frs],
                              raisesTo: m.raisesTo,
                              kind: m.kind,
                              responsibleParty: m.responsibleParty,
                              evidence: m.evidence,
                            }}
                          />
                        </EditDialog>
                        <ActionButton
                          label="Delete"
                          className="btn-danger px-2 py-1 text-xs"
                          confirm={`Delete ${m.name}?`}
                          method="DELETE"
                          path={`/v1/sites/${id}/countermeasures/${m.id}`}
                          version={m.version}
                          siteId={id}
                        />
                      </div>,
                    ]
                  : []),
              ],
            };
          })}
        />
      </section>

      {canEdit ? (
        <div className="grid gap-4">
          <CountermeasureForm siteId={id} targets={targets} />
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
