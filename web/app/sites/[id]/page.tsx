import { EMPTY_ZONE_TEXT, FOUNDATIONAL_REQUIREMENTS } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { FrHeader, GroupStatusBadge, SlVector } from "@/components/sl";
import { SlChart } from "@/components/sl-chart";
import { api, isNotFound } from "@/lib/api";
import { ZSiteEvaluationView, ZSiteModelView } from "@/lib/site-api";
import { withNames } from "@/lib/site-names";
import { ActionButton, ConduitForm, ZoneForm } from "../site-forms";
import { SiteDiagram } from "./site-diagram";
import { SiteNav } from "./site-nav";

export const metadata = { title: "Site" };

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  let model: ReturnType<typeof ZSiteModelView.parse>;
  let evaluation: ReturnType<typeof ZSiteEvaluationView.parse>;
  try {
    [model, evaluation] = await Promise.all([
      api(ZSiteModelView, `/v1/sites/${id}`).then((r) => r.data),
      api(ZSiteEvaluationView, `/v1/sites/${id}/evaluation?suggestions=0`).then((r) => r.data),
    ]);
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const { result } = evaluation;
  const canEdit = model.access !== "read";
  const zoneName = new Map(model.zones.map((z) => [z.id, z.name]));
  const names = new Map<string, string>([
    ...model.zones.map((z) => [z.id, z.name] as const),
    ...model.conduits.map((k) => [k.id, k.name] as const),
    ...model.assets.map((a) => [a.id, a.name] as const),
  ]);
  const groups = [...result.zones, ...result.conduits];
  const gapsByFr = FOUNDATIONAL_REQUIREMENTS.map((fr) => ({
    ...fr,
    gaps: groups.reduce(
      (n, group) => n + group.assets.filter((a) => a.perFr[fr.fr - 1]?.verdict === "gap").length,
      0,
    ),
    covered: groups.reduce(
      (n, group) => n + group.assets.filter((a) => a.perFr[fr.fr - 1]?.verdict === "covered").length,
      0,
    ),
  }));
  const gapCount = (group: (typeof groups)[number]) =>
    group.assets.filter((a) => a.perFr.some((f) => f.verdict === "gap")).length;
  const atRiskCount = (group: (typeof groups)[number]) => group.assets.filter((a) => a.atRisk).length;
  const assetsWithGap = groups.reduce((n, group) => n + gapCount(group), 0);
  const stat = (label: string, value: string | number, hint: string, tone = "text-slate-900") => (
    <div className="card py-4">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${tone}`}>{value}</div>
      <div className="mt-0.5 text-xs text-slate-500">{hint}</div>
    </div>
  );
  const status = (group: { compliant: boolean; empty?: boolean }) => (
    <GroupStatusBadge group={group} notCompliantLabel="Gap" />
  );
  const evaluatedZones = result.summary.zones - result.summary.emptyZones;
  const vectors = (slT: readonly number[], slA: readonly number[], name: string) => (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <span className="w-10 text-[11px] font-medium text-slate-500">SL-T</span>
        <SlVector levels={slT} label={`SL-T of ${name}`} />
      </div>
      <div className="flex items-center gap-2">
        <span className="w-10 text-[11px] font-medium text-slate-500">SL-A</span>
        <SlVector levels={slA} label={`SL-A of ${name}`} />
      </div>
    </div>
  );
  const shortfall = (slT: readonly number[], slA: readonly number[]) =>
    slT.reduce((n, t, i) => n + Math.max(0, t - (slA[i] ?? 0)), 0);
  return (
    <div className="space-y-6">
      <SiteNav siteId={id} siteName={model.name} current="overview" access={model.access} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1>{model.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {[model.location, model.description].filter(Boolean).join(" · ") || "No location or description."}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link className="btn-primary" href={`/sites/${id}/report`}>
            Compliance report
          </Link>
          <a className="btn-secondary" href={`/sites/${id}/download/site.json`}>
            Export JSON
          </a>
          <a className="btn-secondary" href={`/sites/${id}/download/matrix.xlsx`}>
            Matrix XLSX
          </a>
          <a className="btn-secondary" href={`/sites/${id}/download/matrix.csv`}>
            Matrix CSV
          </a>
          {model.access === "owner" ? (
            <ActionButton
              label="Delete site"
              className="btn-danger"
              confirm={`Delete ${model.name} with all zones, assets, conduits and obligations?`}
              method="DELETE"
              path={`/v1/sites/${id}`}
              version={model.version}
              redirectTo="/sites"
            />
          ) : null}
        </div>
      </div>

      {model.zones.length === 0 ? (
        <section className="card space-y-2 text-sm text-slate-700" aria-labelledby="start-heading">
          <h2 id="start-heading">Model this site</h2>
          {canEdit ? (
            <ol className="list-decimal space-y-1 pl-5">
              <li>
                Add a zone for each group of assets with the same security requirements, with its SL-T per FR.
              </li>
              <li>Join the zones with conduits, the only paths between them.</li>
              <li>
                Open a zone and place the catalog components that run there; the matrix shows every gap.
              </li>
            </ol>
          ) : (
            <p>No zones yet. The asset owner has not modelled this site.</p>
          )}
          {canEdit ? (
            <p className="text-slate-500">
              Or import a whole site document from the <Link href="/sites">Sites</Link> page.
            </p>
          ) : null}
        </section>
      ) : (
        <>
          <section aria-label="Summary" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
            {stat(
              "Zones compliant",
              `${result.summary.compliantZones} / ${evaluatedZones}`,
              result.summary.emptyZones
                ? `SL-A ≥ SL-T on every FR · ${result.summary.emptyZones} without assets not counted`
                : "SL-A ≥ SL-T on every FR",
              result.summary.compliantZones === evaluatedZones ? "text-emerald-700" : "text-red-700",
            )}
            {stat(
              "Conduits compliant",
              `${result.summary.compliantConduits} / ${result.summary.conduits}`,
              "assets on the conduit meet its SL-T",
              result.summary.compliantConduits === result.summary.conduits
                ? "text-emerald-700"
                : "text-red-700",
            )}
            {stat(
              "Assets with a gap",
              `${assetsWithGap} / ${result.summary.assets}`,
              `${result.summary.gap} FR gap${result.summary.gap === 1 ? "" : "s"} in all`,
              assetsWithGap ? "text-red-700" : "text-emerald-700",
            )}
            {stat(
              "Covered by countermeasures",
              result.summary.covered,
              "FR verdicts raised to SL-T",
              result.summary.covered ? "text-amber-700" : "text-slate-900",
            )}
            {stat(
              "Assets at risk",
              result.summary.atRiskAssets,
              "open advisories on deployed versions",
              result.summary.atRiskAssets ? "text-red-700" : "text-emerald-700",
            )}
          </section>

          <section aria-labelledby="diagram-heading" className="space-y-2">
            <h2 id="diagram-heading">Zones and conduits</h2>
            <p className="text-sm text-slate-600">
              Each box is a zone, each line a conduit. Click one to open its asset × FR matrix.
            </p>
            <SiteDiagram
              siteId={id}
              zones={result.zones.map((z) => ({
                id: z.id,
                name: z.name ?? z.id,
                compliant: z.compliant,
                empty: z.empty,
                gaps: gapCount(z),
                assets: z.assets.length,
                atRisk: atRiskCount(z),
              }))}
              conduits={result.conduits.map((k) => ({
                id: k.id,
                name: k.name ?? k.id,
                from: k.from,
                to: k.to,
                compliant: k.compliant,
                assets: k.assets.length,
              }))}
            />
          </section>

          <div className="grid gap-6 lg:grid-cols-5">
            <section className="card lg:col-span-2" aria-labelledby="gaps-heading">
              <h2 id="gaps-heading">Gaps by foundational requirement</h2>
              <p className="mt-1 text-xs text-slate-500">
                Assets (in zones and on conduits) below SL-T per FR, and those a countermeasure covers.
              </p>
              <SlChart
                title="Assets with a gap and assets covered, per FR"
                yLabel="assets"
                series={[
                  { name: "Gaps", levels: gapsByFr.map((f) => f.gaps), color: "#dc2626" },
                  { name: "Covered", levels: gapsByFr.map((f) => f.covered), color: "#d97706" },
                ]}
              />
            </section>
            <section
              className="card relative overflow-x-auto p-0 lg:col-span-3"
              aria-labelledby="zones-heading"
            >
              <h2 id="zones-heading" className="px-5 pt-4">
                Zones
              </h2>
              <DataTable
                label="Zones"
                testId="zones-table"
                empty="No zones yet."
                columns={[
                  { name: "Zone", header: "Zone", sortable: true },
                  { name: "SL-T and SL-A", header: <FrHeaderWithLabel /> },
                  { name: "Status", header: "Status", sortable: true },
                ]}
                rows={result.zones.map((zone) => ({
                  id: zone.id,
                  text: `${zone.name} ${zone.empty ? "no assets" : zone.compliant ? "compliant" : "gap"}`,
                  sort: [zone.name ?? "", null, zone.empty ? 2 : zone.compliant ? 1 : 0],
                  cells: [
                    <div key="name">
                      <Link href={`/sites/${id}/zones/${zone.id}`} className="font-medium">
                        {zone.name}
                      </Link>
                      <div className="text-xs text-slate-500">
                        {zone.assets.length} asset{zone.assets.length === 1 ? "" : "s"} · min.{" "}
                        {zone.minimumBasis.replaceAll("_", " ")}
                      </div>
                    </div>,
                    vectors(zone.slT, zone.slA, zone.name ?? ""),
                    <div key="status">
                      {status(zone)}
                      {zone.compliant ? null : (
                        <div className="mt-1 text-xs text-slate-500">
                          {zone.empty ? EMPTY_ZONE_TEXT : `${shortfall(zone.slT, zone.slA)} level(s) short`}
                        </div>
                      )}
                    </div>,
                  ],
                }))}
              />
            </section>
          </div>

          <section className="card relative overflow-x-auto p-0" aria-labelledby="conduits-heading">
            <h2 id="conduits-heading" className="px-5 pt-4">
              Conduits
            </h2>
            <DataTable
              label="Conduits"
              testId="conduits-table"
              empty={
                model.zones.length < 2
                  ? "No conduits yet: a conduit joins two zones, so add a second zone first."
                  : "No conduits yet: add one below for each path between two zones."
              }
              columns={[
                { name: "Conduit", header: "Conduit", sortable: true },
                { name: "Between", header: "Between", sortable: true },
                { name: "Protocols", header: "Protocols", sortable: true },
                { name: "SL-T and SL-A", header: <FrHeaderWithLabel /> },
                { name: "Status", header: "Status", sortable: true },
              ]}
              rows={result.conduits.map((conduit) => {
                const stored = model.conduits.find((k) => k.id === conduit.id);
                const between = `${zoneName.get(conduit.from)} ↔ ${zoneName.get(conduit.to)}`;
                return {
                  id: conduit.id,
                  text: `${conduit.name} ${between} ${stored?.protocols.join(" ")}`,
                  sort: [
                    conduit.name ?? "",
                    between,
                    stored?.protocols.join(", ") ?? "",
                    null,
                    conduit.compliant ? 1 : 0,
                  ],
                  cells: [
                    <div key="name">
                      <Link href={`/sites/${id}/zones/${conduit.id}`} className="font-medium">
                        {conduit.name}
                      </Link>
                      <div className="text-xs text-slate-500">
                        {conduit.assets.length
                          ? `${conduit.assets.length} asset${conduit.assets.length === 1 ? "" : "s"} on it`
                          : "no assets on it"}
                        {conduit.slTInherited ? " · SL-T from its zones" : ""}
                      </div>
                    </div>,
                    <span key="between" className="text-sm">
                      {between}
                    </span>,
                    <span key="protocols" className="text-sm">
                      {stored?.protocols.join(", ") || "—"}
                    </span>,
                    vectors(conduit.slT, conduit.slA, conduit.name ?? ""),
                    <div key="status" className="max-w-56">
                      {status(conduit)}
                      {conduit.compliant ? null : (
                        <div className="mt-1 text-xs text-slate-500">
                          {conduit.assets.length === 0
                            ? "Nothing on it enforces its SL-T: add the firewall or gateway that guards it."
                            : withNames(conduit.reasons[0]?.message ?? "", names)}
                        </div>
                      )}
                    </div>,
                  ],
                };
              })}
            />
          </section>
        </>
      )}

      {canEdit ? (
        <div className="grid gap-4">
          <ZoneForm siteId={id} open={model.zones.length === 0} />
          <ConduitForm siteId={id} zones={model.zones.map((z) => ({ id: z.id, name: z.name }))} />
        </div>
      ) : null}
    </div>
  );
}

function FrHeaderWithLabel() {
  return (
    <div className="flex items-center gap-2">
      <span className="w-10" />
      <FrHeader />
    </div>
  );
}
