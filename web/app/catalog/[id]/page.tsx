import {
  applicableRows,
  COMPONENT_TYPE_LABELS,
  claimForVersion,
  deriveSlC,
  FOUNDATIONAL_REQUIREMENTS,
  findComponentRequirement,
  STANDARD_PART_LABELS,
  sortVersionsNewestFirst,
  type TCatalogEntry,
  type TCertificationView,
  type TComponent,
  type TComponentAdvisory,
  ZCatalogEntry,
  ZCertification,
  ZComponent,
  ZComponentAdvisory,
} from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { BasisBadge, SlVector, StatusBadge, VerifiedBadge } from "@/components/sl";
import { SlChart } from "@/components/sl-chart";
import { api, isNotFound } from "@/lib/api";
import { CertificationStateBadge } from "./certification-state";
import { ComponentAdvisories } from "./component-advisories";

export const metadata = { title: "Component" };

const PARTY = { asset_owner: "Asset owner", integrator: "Integrator", supplier: "Supplier" } as const;
const RESULT_LABEL = { true: "met", false: "not met", "n/a": "n/a" } as const;

export default async function ComponentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { id } = await params;
  const { version } = await searchParams;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  let view: TCatalogEntry | TComponent;
  try {
    view = (await api(z.union([ZCatalogEntry, ZComponent]), `/v1/components/${id}`)).data;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const own = "draft" in view;
  const published = view.published;
  // Others get the certifications with the entry; the supplier reads its own list (its view has the draft).
  const referenced = new Set((view.published?.claims ?? []).flatMap((c) => c.certificationId ?? []));
  const certifications: TCertificationView[] =
    "certifications" in view
      ? view.certifications
      : (await api(z.object({ items: z.array(ZCertification) }), "/v1/certifications")).data.items.filter(
          (c) => referenced.has(c.id),
        );
  // The advisories naming it, as far as this tenant may read them (a draft has none: matching needs a publication).
  const advisories: TComponentAdvisory[] = published
    ? (
        await api(
          z.object({ items: z.array(ZComponentAdvisory) }),
          `/v1/catalog/components/${view.id}/advisories`,
        )
      ).data.items
    : [];
  const openAdvisories = advisories.filter((item) => item.status === "open").length;
  const today = new Date().toISOString().slice(0, 10);
  const versions = published ? sortVersionsNewestFirst(published.versions) : [];
  const selectedVersion = version && versions.some((v) => v.version === version) ? version : undefined;
  const claim = published ? claimForVersion(published, selectedVersion) : undefined;
  const claimCertification = claim?.certificationId
    ? certifications.find((c) => c.id === claim.certificationId)
    : undefined;
  const derivation = claim?.requirements ? deriveSlC(view.componentType, claim.requirements) : undefined;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/catalog">Catalog</Link> / <span>{view.name}</span>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1>{view.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {view.vendor} · {view.productLine || "no product line"} · {view.componentType} (
            {COMPONENT_TYPE_LABELS[view.componentType]})
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            {"supplier" in view ? <VerifiedBadge verified={view.supplier.verified} /> : null}
            {claim ? <BasisBadge basis={claim.basis} /> : null}
            {view.status !== "published" ? <StatusBadge status={view.status} /> : null}
            {openAdvisories > 0 ? (
              <a href="#advisories-heading" className="badge bg-red-100 text-red-800 no-underline">
                {openAdvisories} open {openAdvisories === 1 ? "advisory" : "advisories"}
              </a>
            ) : null}
            {view.visibility.kind === "restricted" ? (
              <span className="badge bg-violet-100 text-violet-900">
                {own ? "Restricted to named customers" : "Shared with your organisation under NDA"}
              </span>
            ) : null}
          </div>
        </div>
        <div className="flex gap-2">
          {published ? (
            <>
              <Link href={`/catalog/${view.id}/revisions`} className="btn-secondary">
                History and changes
              </Link>
              <a
                href={`/catalog/${view.id}/revisions/${published.revision}/signed`}
                className="btn-secondary"
                download
              >
                Download signed claim
              </a>
            </>
          ) : null}
          {own ? (
            <Link href={`/components/${view.id}`} className="btn-secondary">
              Edit in My components
            </Link>
          ) : null}
        </div>
      </div>
      {view.status === "withdrawn" ? (
        <p role="status" className="rounded-md bg-slate-100 p-3 text-sm text-slate-800">
          The supplier withdrew this component: its claims no longer count in evaluations.
        </p>
      ) : null}

      {!published || !claim ? (
        <section className="card">
          <p className="text-sm text-slate-600">Not published yet: only your tenant can see this draft.</p>
        </section>
      ) : (
        <>
          <section className="card" aria-labelledby="versions-heading">
            <h2 id="versions-heading">Versions</h2>
            {versions.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">
                The supplier lists no versions; the claim covers all of them.
              </p>
            ) : (
              <table className="table mt-2" data-testid="versions-table">
                <thead>
                  <tr>
                    <th>Version</th>
                    <th>Released</th>
                    <th>Supersedes</th>
                    <th>End of support</th>
                    <th>Claim (SL-C)</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => {
                    const covering = claimForVersion(published, v.version);
                    const selected = (selectedVersion ?? versions[0]?.version) === v.version;
                    return (
                      <tr key={v.version} className={selected ? "bg-brand-50" : undefined}>
                        <td>
                          <Link
                            href={`/catalog/${view.id}?version=${encodeURIComponent(v.version)}`}
                            aria-current={selected ? "true" : undefined}
                          >
                            {v.version}
                          </Link>
                        </td>
                        <td>{v.releaseDate ?? "—"}</td>
                        <td>{v.supersedes ?? "—"}</td>
                        <td>
                          {v.endOfSupport ?? "—"}
                          {v.endOfSupport && v.endOfSupport < today ? (
                            <span className="badge ml-2 bg-red-100 text-red-800">unsupported</span>
                          ) : null}
                        </td>
                        <td>
                          {covering ? (
                            <SlVector levels={covering.slC} label={`SL-C of version ${v.version}`} />
                          ) : (
                            <span className="text-amber-700">no claim (unknown)</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>

          <div className="grid gap-6 lg:grid-cols-3">
            <section className="card lg:col-span-2" aria-labelledby="slc-heading">
              <h2 id="slc-heading">
                Capability security levels (SL-C){selectedVersion ? ` — version ${selectedVersion}` : ""}
              </h2>
              <p className="mt-1 text-sm text-slate-600">
                Claim for {claim.versionRange === "*" ? "all versions" : `versions ${claim.versionRange}`},
                published revision {published.revision} on{" "}
                {new Date(published.publishedAt).toLocaleDateString("en-GB")}
              </p>
              <div className="mt-4">
                <SlChart
                  title={`SL-C of ${view.name}`}
                  series={[{ name: "SL-C", levels: claim.slC, color: "#1d5fd1" }]}
                />
              </div>
              <table className="table mt-4">
                <thead>
                  <tr>
                    <th>Foundational requirement</th>
                    <th>SL-C</th>
                    {derivation ? <th>Supported by the requirement results</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => (
                    <tr key={fr.fr}>
                      <td>
                        FR{fr.fr} {fr.code} — {fr.name}
                      </td>
                      <td className="font-semibold">{claim.slC[i]}</td>
                      {derivation ? (
                        <td>
                          {derivation.perFr[i]?.derived === null
                            ? "as declared"
                            : `SL${derivation.perFr[i]?.derived}`}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <aside className="space-y-6">
              <section className="card" aria-labelledby="about-heading">
                <h2 id="about-heading">About</h2>
                <p className="mt-2 text-sm text-slate-700">{view.description || "No description."}</p>
                <dl className="mt-4 space-y-2 text-sm">
                  <div>
                    <dt className="text-slate-500">Model numbers</dt>
                    <dd>{view.identifiers.modelNumbers.join(", ") || "—"}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Package URL</dt>
                    <dd className="break-all">{view.identifiers.purl ?? "—"}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">CPE</dt>
                    <dd className="break-all">{view.identifiers.cpe ?? "—"}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Lifecycle</dt>
                    <dd>
                      GA {view.lifecycle.ga ?? "—"} · end of support {view.lifecycle.endOfSupport ?? "—"}
                    </dd>
                  </div>
                </dl>
              </section>
              {claim.maturity && Object.keys(claim.maturity).length > 0 ? (
                <section className="card" aria-labelledby="maturity-heading">
                  <h2 id="maturity-heading">Process maturity (IEC 62443-4-1)</h2>
                  <ul className="mt-2 grid grid-cols-2 gap-1 text-sm">
                    {Object.entries(claim.maturity).map(([practice, ml]) => (
                      <li key={practice}>
                        {practice}: <span className="font-semibold">ML{ml}</span>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </aside>
          </div>

          <section className="card" aria-labelledby="certs-heading">
            <h2 id="certs-heading">Certifications</h2>
            {certifications.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">No certification stands behind these claims.</p>
            ) : (
              <ul className="mt-2 space-y-4">
                {certifications.map((c) => (
                  <li
                    key={c.id}
                    className="rounded-md border border-slate-200 p-3"
                    data-testid="certification"
                  >
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{c.scheme}</span>
                      <span className="text-sm text-slate-600">
                        {c.certificateNo} · {c.body}
                      </span>
                      <CertificationStateBadge certification={c} today={today} />
                      {claimCertification?.id === c.id ? (
                        <span className="badge bg-brand-50 text-brand-900">behind the claim shown</span>
                      ) : null}
                    </div>
                    <p className="mt-1 text-sm text-slate-600">
                      {STANDARD_PART_LABELS[c.standardPart]} · issued {c.issued}
                      {c.expires ? `, expires ${c.expires}` : ", no expiry"}
                      {c.ml ? ` · ML${c.ml}` : ""}
                      {c.scope ? ` · ${c.scope}` : ""}
                    </p>
                    {c.slC ? (
                      <div className="mt-1">
                        <SlVector levels={c.slC} label={`Certified SL-C of ${c.certificateNo}`} />
                      </div>
                    ) : null}
                    {c.evidence.length > 0 ? (
                      <ul className="mt-2 text-sm" aria-label={`Evidence for ${c.certificateNo}`}>
                        {c.evidence.map((e) => (
                          <li key={e.evidenceId}>
                            <a href={`/catalog/${view.id}/evidence/${c.id}/${e.evidenceId}`} download>
                              {e.fileName}
                            </a>{" "}
                            <span className="text-xs text-slate-500">
                              ({Math.ceil(e.size / 1024)} KiB, SHA-256 {e.sha256.slice(0, 16)}…)
                            </span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <ComponentAdvisories items={advisories} />

          <section className="card" aria-labelledby="context-heading">
            <h2 id="context-heading">Security context</h2>
            {claim.securityContext.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">
                The supplier states no assumptions about the environment.
              </p>
            ) : (
              <table className="table mt-2" data-testid="security-context">
                <thead>
                  <tr>
                    <th>FR</th>
                    <th>Assumption</th>
                    <th>Expected to act</th>
                  </tr>
                </thead>
                <tbody>
                  {claim.securityContext.map((entry) => (
                    <tr key={`${entry.fr}-${entry.assumption}`}>
                      <td>FR{entry.fr}</td>
                      <td>{entry.assumption}</td>
                      <td>{PARTY[entry.expectedParty]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {claim.requirements ? (
            <section className="card" aria-labelledby="requirements-heading">
              <h2 id="requirements-heading">Requirement checklist (IEC 62443-4-2)</h2>
              <div className="mt-2 space-y-2">
                {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => {
                  const rows = applicableRows(view.componentType, fr.fr);
                  const derived = derivation?.perFr[i]?.derived;
                  return (
                    <details key={fr.fr} className="rounded-md border border-slate-200">
                      <summary className="cursor-pointer px-3 py-2 text-sm">
                        FR{fr.fr} {fr.code} —{" "}
                        {derived === null || derived === undefined
                          ? "no rows listed"
                          : `supports SL${derived}`}
                      </summary>
                      <table className="table">
                        <tbody>
                          {rows.map((row) => {
                            const result = claim.requirements?.[row.id];
                            return (
                              <tr key={row.id}>
                                <td className="font-mono text-xs">{row.id}</td>
                                <td>{findComponentRequirement(row.id)?.title}</td>
                                <td className="text-xs text-slate-500">SL{row.minSl}</td>
                                <td>
                                  {result === undefined
                                    ? "not listed"
                                    : RESULT_LABEL[String(result) as keyof typeof RESULT_LABEL]}
                                </td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </details>
                  );
                })}
              </div>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
