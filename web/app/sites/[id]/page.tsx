import { FOUNDATIONAL_REQUIREMENTS } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FrHeader, SlVector } from "@/components/sl";
import { SlChart } from "@/components/sl-chart";
import { api, isNotFound } from "@/lib/api";
import { ZSiteEvaluationView, ZSiteModelView } from "@/lib/site-api";
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
  const gapsByFr = FOUNDATIONAL_REQUIREMENTS.map((fr) => ({
    ...fr,
    gaps: [...result.zones, ...result.conduits].reduce(
      (n, group) => n + group.assets.filter((a) => a.perFr[fr.fr - 1]?.verdict === "gap").length,
      0,
    ),
    covered: [...result.zones, ...result.conduits].reduce(
      (n, group) => n + group.assets.filter((a) => a.perFr[fr.fr - 1]?.verdict === "covered").length,
      0,
    ),
  }));
  const gapCount = (group: (typeof result.zones)[number]) =>
    group.assets.filter((a) => a.perFr.some((f) => f.verdict === "gap")).length;
  const stat = (label: string, value: string | number, tone = "text-slate-900") => (
    <div className="card py-4">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${tone}`}>{value}</div>
    </div>
  );
  return (
    <div className="space-y-6">
      <SiteNav siteId={id} siteName={model.name} current="overview" access={model.access} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1>{model.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {[model.location, model.description].filter(Boolean).join(" · ")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
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

      <section aria-label="Summary" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {stat(
          "Zones compliant",
          `${result.summary.compliantZones} / ${result.summary.zones}`,
          result.summary.compliantZones === result.summary.zones ? "text-emerald-700" : "text-red-700",
        )}
        {stat("Conduits compliant", `${result.summary.compliantConduits} / ${result.summary.conduits}`)}
        {stat("Assets", result.summary.assets)}
        {stat("FR gaps", result.summary.gap, result.summary.gap ? "text-red-700" : "text-emerald-700")}
        {stat("Covered by countermeasures", result.summary.covered, "text-amber-700")}
      </section>

      {model.zones.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">
          No zones yet. Add the first zone below with its target security levels (SL-T), then place assets in
          it.
        </div>
      ) : (
        <section aria-labelledby="diagram-heading" className="space-y-2">
          <h2 id="diagram-heading">Zones and conduits</h2>
          <p className="text-sm text-slate-600">
            Green: meets SL-T on every FR. Red: a gap. Click a zone or conduit to open it.
          </p>
          <SiteDiagram
            siteId={id}
            zones={result.zones.map((z) => ({
              id: z.id,
              name: z.name ?? z.id,
              compliant: z.compliant,
              gaps: gapCount(z),
              assets: z.assets.length,
            }))}
            conduits={result.conduits.map((k) => ({
              id: k.id,
              name: k.name ?? k.id,
              from: k.from,
              to: k.to,
              compliant: k.compliant,
            }))}
          />
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="gaps-heading">
          <h2 id="gaps-heading">Gaps by foundational requirement</h2>
          <SlChart
            title="Assets with a gap and assets covered, per FR"
            series={[
              { name: "Gaps", levels: gapsByFr.map((f) => f.gaps), color: "#dc2626" },
              { name: "Covered", levels: gapsByFr.map((f) => f.covered), color: "#d97706" },
            ]}
          />
        </section>
        <section className="card overflow-x-auto p-0" aria-labelledby="zones-heading">
          <h2 id="zones-heading" className="px-5 pt-4">
            Zones
          </h2>
          <table className="table mt-2" data-testid="zones-table">
            <thead>
              <tr>
                <th>Zone</th>
                <th>
                  SL-T / SL-A <FrHeader />
                </th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {result.zones.map((zone) => (
                <tr key={zone.id}>
                  <td>
                    <Link href={`/sites/${id}/zones/${zone.id}`} className="font-medium">
                      {zone.name}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {zone.assets.length} assets · min. {zone.minimumBasis.replaceAll("_", " ")}
                    </div>
                  </td>
                  <td className="space-y-1">
                    <SlVector levels={zone.slT} label={`SL-T of ${zone.name}`} />
                    <SlVector levels={zone.slA} label={`SL-A of ${zone.name}`} />
                  </td>
                  <td>
                    <span
                      className={`badge ${zone.compliant ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-800"}`}
                    >
                      {zone.compliant ? "Compliant" : "Gap"}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section className="card overflow-x-auto p-0" aria-labelledby="conduits-heading">
        <h2 id="conduits-heading" className="px-5 pt-4">
          Conduits
        </h2>
        {result.conduits.length === 0 ? (
          <p className="px-5 pb-4 text-sm text-slate-600">No conduits yet: add one between two zones.</p>
        ) : (
          <table className="table mt-2">
            <thead>
              <tr>
                <th>Conduit</th>
                <th>Between</th>
                <th>Protocols</th>
                <th>SL-T / SL-A</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {result.conduits.map((conduit) => {
                const stored = model.conduits.find((k) => k.id === conduit.id);
                return (
                  <tr key={conduit.id}>
                    <td>
                      <Link href={`/sites/${id}/zones/${conduit.id}`} className="font-medium">
                        {conduit.name}
                      </Link>
                      <div className="text-xs text-slate-500">{conduit.assets.length} assets on it</div>
                    </td>
                    <td className="text-sm">
                      {zoneName.get(conduit.from)} ↔ {zoneName.get(conduit.to)}
                    </td>
                    <td className="text-sm">{stored?.protocols.join(", ")}</td>
                    <td className="space-y-1">
                      <SlVector levels={conduit.slT} label={`SL-T of ${conduit.name}`} />
                      <SlVector levels={conduit.slA} label={`SL-A of ${conduit.name}`} />
                    </td>
                    <td>
                      <span
                        className={`badge ${conduit.compliant ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-800"}`}
                      >
                        {conduit.compliant ? "Compliant" : "Gap"}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {canEdit ? (
        <div className="grid gap-4">
          <ZoneForm siteId={id} />
          <ConduitForm siteId={id} zones={model.zones.map((z) => ({ id: z.id, name: z.name }))} />
        </div>
      ) : null}
    </div>
  );
}
