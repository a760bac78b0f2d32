import {
  EMPTY_ZONE_TEXT,
  FOUNDATIONAL_REQUIREMENTS,
  groupStatus,
  isOverdue,
  OBLIGATION_SOURCE_LABELS,
  OBLIGATION_STATUS_LABELS,
  PARTY_LABELS,
  type TSiteObligation,
} from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GroupStatusBadge } from "@/components/sl";
import { api, isNotFound } from "@/lib/api";
import { ZSiteEvaluationView, ZSiteModelView, ZSiteObligationsView } from "@/lib/site-api";
import { withNames } from "@/lib/site-names";
import { SiteNav } from "../site-nav";
import { PrintButton } from "./print-button";

export const metadata = { title: "Site compliance report" };

const VERDICT = {
  meets: { mark: "✓", label: "meets", style: "bg-emerald-50 text-emerald-900" },
  covered: { mark: "◐", label: "covered by a countermeasure", style: "bg-amber-50 text-amber-900" },
  gap: { mark: "✗", label: "gap", style: "bg-red-50 text-red-800" },
} as const;

const BASIS = {
  self_declared: "self-declared",
  third_party_assessed: "third-party assessed",
  certified: "certified",
} as const;

/**
 * The site compliance report: one printable page (print CSS in globals.css) with the zones and conduits, SL-T
 * against SL-A, the asset × FR matrix per zone, every gap with its reasons, the countermeasures, the assets at
 * risk and the obligations with their status — what an auditor asks for, as of today's evaluation.
 */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  let model: ReturnType<typeof ZSiteModelView.parse>;
  let evaluation: ReturnType<typeof ZSiteEvaluationView.parse>;
  let obligations: ReturnType<typeof ZSiteObligationsView.parse>;
  try {
    [model, evaluation, obligations] = await Promise.all([
      api(ZSiteModelView, `/v1/sites/${id}`).then((r) => r.data),
      api(ZSiteEvaluationView, `/v1/sites/${id}/evaluation?suggestions=0`).then((r) => r.data),
      api(ZSiteObligationsView, `/v1/sites/${id}/obligations?limit=100&sort=party`).then((r) => r.data),
    ]);
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  // Obligations are read whole (a site has a bounded number); further pages follow the cursor.
  const allObligations: TSiteObligation[] = [...obligations.items];
  for (let cursor = obligations.nextCursor; cursor; ) {
    const page = (
      await api(ZSiteObligationsView, `/v1/sites/${id}/obligations?limit=100&sort=party&cursor=${cursor}`)
    ).data;
    allObligations.push(...page.items);
    cursor = page.nextCursor;
  }
  const { result, document } = evaluation;
  const today = new Date().toISOString().slice(0, 10);
  const names = new Map<string, string>([
    ...model.zones.map((z) => [z.id, z.name] as const),
    ...model.conduits.map((k) => [k.id, k.name] as const),
    ...model.assets.map((a) => [a.id, a.name] as const),
  ]);
  const componentName = new Map(document.components.map((c) => [c.id, c.name ?? c.id]));
  const docAssets = new Map(
    [...document.zones, ...document.conduits].flatMap((g) => g.assets).map((a) => [a.id, a]),
  );
  const groups = [
    ...result.zones.map((g) => ({ ...g, kind: "Zone" as const })),
    ...result.conduits.map((g) => ({ ...g, kind: "Conduit" as const })),
  ];
  const gaps = groups.flatMap((group) =>
    group.assets.flatMap((asset) =>
      asset.perFr.filter((fr) => fr.verdict === "gap").map((fr) => ({ group, asset, fr })),
    ),
  );
  const shortfalls = groups.filter((group) => groupStatus(group) === "not_compliant");
  const evaluatedZones = result.summary.zones - result.summary.emptyZones;
  const atRisk = groups.flatMap((group) =>
    group.assets.filter((a) => a.atRisk).map((asset) => ({ group, asset })),
  );
  const counts = obligations.counts;
  const zoneName = (zoneId: string) => names.get(zoneId) ?? zoneId;
  const shortBy = (slT: readonly number[], slA: readonly number[]) =>
    FOUNDATIONAL_REQUIREMENTS.filter((_, i) => (slA[i] ?? 0) < (slT[i] ?? 0)).map((fr) => `FR${fr.fr}`);
  const shortOf = (kind: string, total: number, compliant: number) =>
    compliant === total
      ? `every ${kind} reaches its SL-T`
      : `${total - compliant} of ${total} ${kind}s ${total - compliant === 1 ? "falls" : "fall"} short of its SL-T`;
  const emptyNote = result.summary.emptyZones
    ? ` (${result.summary.emptyZones} without assets, not evaluated)`
    : "";
  const zonesSentence = `${shortOf("zone", evaluatedZones, result.summary.compliantZones)}${emptyNote}`;
  const verdictSentence = `${zonesSentence[0]?.toUpperCase()}${zonesSentence.slice(1)}; ${shortOf("conduit", result.summary.conduits, result.summary.compliantConduits)}.`;
  const overallCompliant =
    result.summary.compliantZones === evaluatedZones &&
    result.summary.compliantConduits === result.summary.conduits;

  return (
    <div className="report space-y-8">
      <SiteNav siteId={id} siteName={model.name} current="report" access={model.access} />
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-300 pb-4">
        <div>
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">
            IEC 62443 site compliance report
          </div>
          <h1 className="mt-1">{model.name}</h1>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm">
            <dt className="text-slate-500">Asset owner</dt>
            <dd>{obligations.parties.assetOwner.name}</dd>
            {model.location ? (
              <>
                <dt className="text-slate-500">Location</dt>
                <dd>{model.location}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">Integrator</dt>
            <dd>{obligations.parties.integrator?.name ?? "not named"}</dd>
            <dt className="text-slate-500">Evaluated on</dt>
            <dd>{result.evaluationDate} (claims and certificates as valid on that date)</dd>
          </dl>
        </div>
        <div className="flex flex-col items-end gap-2">
          <PrintButton />
          <div className="flex gap-2 print:hidden">
            <a className="btn-secondary" href={`/sites/${id}/download/matrix.xlsx`}>
              Matrix and obligations (XLSX)
            </a>
          </div>
        </div>
      </header>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">1. Summary</h2>
        <p className={`mt-2 text-sm font-medium ${overallCompliant ? "text-emerald-800" : "text-red-800"}`}>
          {overallCompliant ? "Every zone and conduit reaches its target security level." : verdictSentence}
        </p>
        <table
          className="table mt-3 w-auto [&_td]:pr-8 [&_td]:whitespace-nowrap [&_th]:font-normal"
          data-testid="report-summary"
        >
          <tbody>
            <tr>
              <th scope="row">Zones compliant</th>
              <td>
                {result.summary.compliantZones} of {evaluatedZones}
              </td>
              <th scope="row">Conduits compliant</th>
              <td>
                {result.summary.compliantConduits} of {result.summary.conduits}
              </td>
            </tr>
            <tr>
              <th scope="row">Assets</th>
              <td>{result.summary.assets}</td>
              <th scope="row">FR gaps / covered</th>
              <td>
                {result.summary.gap} / {result.summary.covered}
              </td>
            </tr>
            <tr>
              <th scope="row">Assets at risk (open advisories)</th>
              <td>{result.summary.atRiskAssets}</td>
              <th scope="row">Obligations open / in progress / met / waived</th>
              <td>
                {counts.open} / {counts.in_progress} / {counts.met} / {counts.waived}
                {counts.overdue ? (
                  <strong className="text-red-700"> · {counts.overdue} overdue</strong>
                ) : null}
              </td>
            </tr>
          </tbody>
        </table>
      </section>

      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">2. Zones and conduits: SL-T against SL-A</h2>
        <p className="mt-1 text-xs text-slate-500">
          SL-A is the weakest link: per FR the lowest effective level of the assets, countermeasures included.
        </p>
        <table className="table mt-2" data-testid="report-targets">
          <thead>
            <tr>
              <th scope="col">Zone or conduit</th>
              <th scope="col" />
              {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
                <th key={fr.fr} scope="col" className="text-center" title={fr.name}>
                  FR{fr.fr}
                  <div className="text-[10px] font-normal">{fr.code}</div>
                </th>
              ))}
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {groups.flatMap((group) => [
              <tr key={`${group.id}-t`} className="avoid-break">
                <td rowSpan={2} className="align-top">
                  <div className="font-medium">{group.name}</div>
                  <div className="text-xs text-slate-500">
                    {group.kind}
                    {"from" in group ? ` · ${zoneName(group.from)} ↔ ${zoneName(group.to)}` : ""} · min. basis{" "}
                    {BASIS[group.minimumBasis]}
                  </div>
                </td>
                <td className="text-xs text-slate-500">SL-T</td>
                {group.slT.map((level, i) => (
                  <td key={FOUNDATIONAL_REQUIREMENTS[i]?.fr} className="text-center">
                    {level}
                  </td>
                ))}
                <td rowSpan={2} className="align-top">
                  <GroupStatusBadge group={group} />
                  {groupStatus(group) === "not_compliant" ? (
                    <div className="mt-1 text-xs">
                      {shortBy(group.slT, group.slA).join(", ") || "basis below the minimum"}
                    </div>
                  ) : null}
                  {groupStatus(group) === "empty" ? (
                    <div className="mt-1 text-xs">{EMPTY_ZONE_TEXT}</div>
                  ) : null}
                </td>
              </tr>,
              <tr key={`${group.id}-a`}>
                <td className="text-xs text-slate-500">SL-A</td>
                {group.slA.map((level, i) => (
                  <td
                    key={FOUNDATIONAL_REQUIREMENTS[i]?.fr}
                    className={`text-center font-semibold ${level < (group.slT[i] ?? 0) ? "bg-red-50 text-red-800" : ""}`}
                  >
                    {level}
                  </td>
                ))}
              </tr>,
            ])}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">3. Asset × FR matrix</h2>
        <p className="mt-1 text-xs text-slate-500">
          Each cell: SL-C (→ effective level with countermeasures) / SL-T. ✓ meets · ◐ covered by a
          countermeasure · ✗ gap.
        </p>
        {groups.map((group) => (
          <div key={group.id} className="mt-4 avoid-break">
            <h3 className="text-sm font-semibold">
              {group.kind} {group.name}
            </h3>
            {group.assets.length === 0 ? (
              <p className="text-sm text-slate-500">No assets.</p>
            ) : (
              <table className="table mt-1 table-fixed" aria-label={`Matrix of ${group.name}`}>
                <colgroup>
                  <col className="w-[17%]" />
                  <col className="w-[27%]" />
                  {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
                    <col key={fr.fr} className="w-[6.5%]" />
                  ))}
                  <col className="w-[10.5%]" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">Asset</th>
                    <th scope="col">Component</th>
                    {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
                      <th key={fr.fr} scope="col" className="text-center">
                        FR{fr.fr}
                      </th>
                    ))}
                    <th scope="col">Basis</th>
                  </tr>
                </thead>
                <tbody>
                  {group.assets.map((asset) => (
                    <tr key={asset.id}>
                      <td className="font-medium">
                        {names.get(asset.id)}
                        {asset.atRisk ? (
                          <span className="badge ml-1 bg-red-600 text-white">at risk</span>
                        ) : null}
                      </td>
                      <td className="text-xs">{componentName.get(asset.componentId)}</td>
                      {asset.perFr.map((fr) => (
                        <td
                          key={fr.fr}
                          className={`text-center text-xs font-semibold ${VERDICT[fr.verdict].style}`}
                          title={VERDICT[fr.verdict].label}
                        >
                          <span aria-hidden>{VERDICT[fr.verdict].mark} </span>
                          {fr.slC}
                          {fr.effective !== fr.slC ? `→${fr.effective}` : ""}/{fr.slT}
                          <span className="sr-only"> {VERDICT[fr.verdict].label}</span>
                        </td>
                      ))}
                      <td className="text-xs">{asset.basis ? BASIS[asset.basis] : "no claim"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>

      <section aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">4. Gaps and why</h2>
        {shortfalls.length === 0 && gaps.length === 0 ? (
          <p className="mt-2 text-sm text-emerald-800">
            No gaps: every zone and conduit reaches its SL-T, every asset meets it or is covered.
          </p>
        ) : null}
        {shortfalls.length ? (
          <ul className="mt-2 space-y-2 text-sm" data-testid="report-shortfalls">
            {shortfalls.map((group) => (
              <li key={group.id} className="avoid-break">
                <strong>
                  {group.kind} {group.name}
                </strong>{" "}
                is below its target on {shortBy(group.slT, group.slA).join(", ") || "the assurance basis"}:
                <ul className="list-disc pl-5 text-xs text-slate-700">
                  {group.reasons
                    .filter((r) => r.code !== "conduit_target_inherited")
                    .map((r) => (
                      <li key={`${r.code}-${r.message}`}>{withNames(r.message, names)}</li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : null}
        {gaps.length ? (
          <table className="table mt-3" data-testid="report-gaps">
            <thead>
              <tr>
                <th scope="col">Where</th>
                <th scope="col">Asset</th>
                <th scope="col">FR</th>
                <th scope="col">Effective / SL-T</th>
                <th scope="col">Reasons</th>
              </tr>
            </thead>
            <tbody>
              {gaps.map(({ group, asset, fr }) => (
                <tr key={`${asset.id}-${fr.fr}`} className="align-top">
                  <td>{group.name}</td>
                  <td className="font-medium">{names.get(asset.id)}</td>
                  <td>
                    FR{fr.fr} {FOUNDATIONAL_REQUIREMENTS[fr.fr - 1]?.code}
                  </td>
                  <td>
                    {fr.effective} / {fr.slT}
                  </td>
                  <td className="text-xs">
                    <ul className="list-disc pl-4">
                      {fr.reasons.map((r) => (
                        <li key={`${r.code}-${r.message}`}>{withNames(r.message, names)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="cm-heading">
        <h2 id="cm-heading">5. Compensating countermeasures</h2>
        {model.countermeasures.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None recorded.</p>
        ) : (
          <table className="table mt-2" data-testid="report-countermeasures">
            <thead>
              <tr>
                <th scope="col">Countermeasure</th>
                <th scope="col">Applies to</th>
                <th scope="col">FRs → SL</th>
                <th scope="col">Kind</th>
                <th scope="col">Responsible</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {model.countermeasures.map((m) => (
                <tr key={m.id} className="align-top">
                  <td>
                    <div className="font-medium">{m.name}</div>
                    <div className="text-xs text-slate-500">{m.description}</div>
                  </td>
                  <td>
                    {m.scope.kind === "asset" ? "Asset" : m.scope.kind === "zone" ? "Zone" : "Conduit"}{" "}
                    {names.get(m.scope.id) ?? m.scope.id}
                  </td>
                  <td>
                    {m.frs.map((f) => `FR${f}`).join(", ")} → SL {m.raisesTo}
                  </td>
                  <td>{m.kind}</td>
                  <td>{PARTY_LABELS[m.responsibleParty]}</td>
                  <td className="text-xs">{m.evidence || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="risk-heading">
        <h2 id="risk-heading">6. Assets at risk from open advisories</h2>
        {atRisk.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No open advisory affects a deployed version.</p>
        ) : (
          <table className="table mt-2" data-testid="report-at-risk">
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Where</th>
                <th scope="col">Advisories</th>
              </tr>
            </thead>
            <tbody>
              {atRisk.map(({ group, asset }) => (
                <tr key={asset.id}>
                  <td className="font-medium">{names.get(asset.id)}</td>
                  <td>{group.name}</td>
                  <td className="text-xs">
                    {(docAssets.get(asset.id)?.advisories ?? [])
                      .filter((a) => (a.status ?? "known_affected") === "known_affected" && !a.fixApplied)
                      .map(
                        (a) =>
                          `${a.id}${a.title ? ` — ${a.title}` : ""}${a.cves?.length ? ` (${a.cves.join(", ")})` : ""}`,
                      )
                      .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="obligations-heading">
        <h2 id="obligations-heading">7. Shared-responsibility obligations</h2>
        <p className="mt-1 text-xs text-slate-500">
          {allObligations.length} active obligations: {counts.open} open, {counts.in_progress} in progress,{" "}
          {counts.met} met, {counts.waived} waived{counts.overdue ? `, ${counts.overdue} overdue` : ""}.
        </p>
        {allObligations.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None.</p>
        ) : (
          <table className="table mt-2" data-testid="report-obligations">
            <thead>
              <tr>
                <th scope="col">Obligation</th>
                <th scope="col">Responsible</th>
                <th scope="col">Source</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {allObligations.map((o) => (
                <tr key={o.id} className="align-top">
                  <td className="text-xs">
                    <Link
                      href={`/sites/${id}/obligations/${o.id}`}
                      className="print:text-slate-900 print:no-underline"
                    >
                      {o.text}
                    </Link>
                  </td>
                  <td className="text-xs">{o.obligeeName ?? PARTY_LABELS[o.responsibleParty]}</td>
                  <td className="text-xs">
                    {OBLIGATION_SOURCE_LABELS[o.source]}
                    {o.reference ? <div className="text-slate-500">{o.reference}</div> : null}
                  </td>
                  <td className="text-xs font-medium">
                    {OBLIGATION_STATUS_LABELS[o.status]}
                    {o.status === "waived" && o.waiver ? (
                      <div className="font-normal text-slate-500">{o.waiver.justification}</div>
                    ) : null}
                  </td>
                  <td className={`text-xs ${isOverdue(o, today) ? "font-semibold text-red-700" : ""}`}>
                    {o.due ?? "—"}
                    {isOverdue(o, today) ? " overdue" : ""}
                  </td>
                  <td className="text-xs">
                    {o.evidence.length ? o.evidence.map((e) => e.title).join("; ") : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <footer className="border-t border-slate-300 pt-3 text-xs text-slate-500">
        Generated {new Date().toISOString().slice(0, 16).replace("T", " ")} UTC from the portal's evaluation
        engine. Verdicts follow IEC 62443-3-3 / 4-2 capability claims published by the suppliers and the site
        model as recorded; they are as good as the claims and the model.
      </footer>
    </div>
  );
}
