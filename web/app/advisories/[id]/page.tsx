import { type TAdvisoryDetail, ZAdvisoryDetail } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { api, isNotFound } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { decideMatchAction } from "../actions";
import { formatDate, SeverityBadge } from "../severity";

export const metadata = { title: "Advisory" };

const STATUS_STYLE: Record<string, string> = {
  affected: "bg-red-100 text-red-800",
  fixed: "bg-emerald-100 text-emerald-800",
  not_affected: "bg-slate-100 text-slate-700",
  under_investigation: "bg-amber-100 text-amber-900",
  recommended: "bg-sky-100 text-sky-900",
  unknown: "bg-slate-100 text-slate-600",
};
const IMPACT_STYLE: Record<string, string> = {
  open: "bg-red-100 text-red-800",
  review: "bg-amber-100 text-amber-900",
  resolved: "bg-emerald-100 text-emerald-800",
};

export default async function AdvisoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { id } = await params;
  const { published } = await searchParams;
  if (!/^[0-9a-f]{26}$/.test(id)) notFound();
  const context = await requireContext();
  let a: TAdvisoryDetail;
  try {
    a = (await api(ZAdvisoryDetail, `/v1/advisories/${id}`, { context })).data;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const tenantId = context.membership.tenantId;
  const isOwner = context.membership.tenantKinds.includes("asset_owner");
  const canEdit = a.owner.kind === "supplier" && a.owner.tenantId === tenantId && a.source === "authored";
  const myDecision = new Map(a.myDecisions.map((d) => [d.componentId, d.verdict]));
  // A supplier's own advisory names its own products: an unambiguous match to one of them needs no confirmation
  // from that supplier (it may still reject one the matching placed in review, or an asset owner may decide).
  const ownAdvisory = a.owner.kind === "supplier" && a.owner.tenantId === tenantId;
  const canDecide = (m: { supplierTenantId: string; state: string; decision?: unknown }) =>
    context.membership.role !== "viewer" &&
    (isOwner ||
      (m.supplierTenantId === tenantId &&
        !(ownAdvisory && m.state === "active" && m.decision === undefined)));
  const productName = new Map(a.products.map((p) => [p.productId, p.name]));
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/advisories">Advisories</Link> / <span>{a.trackingId}</span>
      </nav>
      {published ? (
        <p role="status" className="card border-emerald-300 bg-emerald-50 text-sm text-emerald-900">
          Published as revision {a.revision}. It is valid CSAF 2.0 and served to CSAF clients
          {a.visibility.kind === "public" ? " at /.well-known/csaf/" : " to the tenants you named"}.
        </p>
      ) : null}
      <div className="flex flex-wrap items-start gap-4">
        <div className="flex-1">
          <h1>
            {a.trackingId}: {a.title}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {a.publisher.name} · revision {a.revision} ({a.trackingStatus}) · released{" "}
            {formatDate(a.initialReleaseDate)}, updated {formatDate(a.currentReleaseDate)} · TLP:
            {a.tlp ?? "none"}
          </p>
        </div>
        <SeverityBadge severity={a.severity} score={a.cvssMax} />
        <a
          className="btn-secondary"
          href={`/advisories/${a.id}/document`}
          download={`${a.trackingId.toLowerCase()}.json`}
        >
          CSAF document
        </a>
        {canEdit ? (
          <Link className="btn-primary" href={`/advisories/new?revise=${a.id}`}>
            Publish a new revision
          </Link>
        ) : null}
      </div>
      {a.conformanceWarnings.length ? (
        <div
          role="note"
          className="card border-amber-300 bg-amber-50 text-sm text-amber-950"
          data-testid="conformance-warning"
        >
          <strong>Conformance warning.</strong> This document fails{" "}
          {a.conformanceWarnings.map((w) => w.test).join(", ")} of the CSAF 2.0 mandatory tests, a failure
          that does not change which products are affected or how to fix them, so it was imported anyway.
          <ul className="mt-2 list-disc pl-5">
            {a.conformanceWarnings.map((w) => (
              <li key={`${w.test}${w.path}`}>
                <code>{w.path}</code>: {w.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {a.summary ? <p className="max-w-4xl text-sm text-slate-700">{a.summary}</p> : null}

      {isOwner ? (
        <section className="card" aria-labelledby="impact-heading">
          <h2 id="impact-heading">Your affected assets</h2>
          {a.myImpacts.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">None of your assets runs a matched product version.</p>
          ) : (
            <table className="table mt-3" data-testid="my-impact">
              <thead>
                <tr>
                  <th>Asset</th>
                  <th>Component and version</th>
                  <th>State</th>
                  <th>Why</th>
                  <th>Obligations</th>
                </tr>
              </thead>
              <tbody>
                {a.myImpacts.map((i) => (
                  <tr key={`${i.siteId}${i.assetId}`}>
                    <td>
                      <Link href={`/sites/${i.siteId}`}>{i.assetName ?? i.assetId}</Link>
                    </td>
                    <td className="text-sm">
                      {i.componentName} {i.assetVersion ?? ""}
                    </td>
                    <td>
                      <span className={`badge ${IMPACT_STYLE[i.state]}`}>{i.state}</span>
                    </td>
                    <td className="max-w-md text-xs text-slate-600">{i.reason}</td>
                    <td>
                      <Link
                        className="text-sm"
                        href={`/sites/${i.siteId}/obligations?source=advisory_remediation&q=${encodeURIComponent(a.trackingId)}`}
                      >
                        Site obligations
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      <section className="card relative overflow-x-auto" aria-labelledby="vulns-heading">
        <h2 id="vulns-heading">Vulnerabilities</h2>
        <table className="table mt-3">
          <thead>
            <tr>
              <th>CVE</th>
              <th>Title / weakness</th>
              <th>CVSS</th>
            </tr>
          </thead>
          <tbody>
            {a.vulnerabilities.map((v, i) => (
              <tr key={v.cve ?? i}>
                <td className="whitespace-nowrap font-mono text-xs">{v.cve ?? "—"}</td>
                <td className="text-sm">
                  {v.title ?? ""}
                  {v.cwe ? (
                    <div className="text-xs text-slate-500">
                      {v.cwe.id} {v.cwe.name}
                    </div>
                  ) : null}
                </td>
                <td className="text-xs">
                  {v.cvss ? (
                    <>
                      <strong>{v.cvss.baseScore.toFixed(1)}</strong> <code>{v.cvss.vectorString}</code>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card relative overflow-x-auto" aria-labelledby="matches-heading">
        <h2 id="matches-heading">Catalog components this advisory names</h2>
        {a.matches.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No published catalog component matched its products.</p>
        ) : (
          <table className="table mt-3" data-testid="advisory-matches">
            <thead>
              <tr>
                <th>Component</th>
                <th>How matched</th>
                <th>State</th>
                <th>Decision</th>
              </tr>
            </thead>
            <tbody>
              {a.matches.map((m) => {
                const mine = myDecision.get(m.componentId);
                return (
                  <tr key={m.componentId}>
                    <td>
                      <Link href={`/catalog/${m.componentId}`}>{m.componentName}</Link>
                      <div className="text-xs text-slate-500">
                        {m.componentVendor} ·{" "}
                        {m.productIds
                          .map((p) => productName.get(p) ?? p)
                          .slice(0, 3)
                          .join("; ")}
                      </div>
                    </td>
                    <td className="text-sm">
                      {m.method.replace("_", " + ")} · confidence {m.confidence}
                      {m.ambiguous ? (
                        <span className="badge ml-1 bg-amber-100 text-amber-900">ambiguous</span>
                      ) : null}
                    </td>
                    <td>
                      <span className="badge bg-slate-100 text-slate-700">
                        {mine ? (mine === "confirmed" ? "active" : "rejected") : m.state}
                      </span>
                      {m.decision ? (
                        <div className="text-xs text-slate-500">supplier {m.decision.verdict}</div>
                      ) : null}
                    </td>
                    <td>
                      {canDecide(m) ? (
                        <form action={decideMatchAction} className="flex gap-2">
                          <input type="hidden" name="advisoryId" value={a.id} />
                          <input type="hidden" name="componentId" value={m.componentId} />
                          <button
                            type="submit"
                            name="verdict"
                            value="confirmed"
                            className="btn-secondary"
                            aria-label={`Confirm the match of ${m.componentName}`}
                          >
                            Confirm
                          </button>
                          <button
                            type="submit"
                            name="verdict"
                            value="rejected"
                            className="btn-danger"
                            aria-label={`Reject the match of ${m.componentName}`}
                          >
                            Reject
                          </button>
                        </form>
                      ) : ownAdvisory && m.supplierTenantId === tenantId ? (
                        <span className="text-xs text-slate-500">your advisory names it</span>
                      ) : (
                        <span className="text-xs text-slate-500">{mine ?? "—"}</span>
                      )}
                      {mine ? <div className="text-xs text-slate-500">you {mine} it</div> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="card relative overflow-x-auto" aria-labelledby="products-heading">
        <h2 id="products-heading">Products</h2>
        <p className="text-xs text-slate-500">
          Affected and fixed versions as the advisory states them
          {a.truncated ? " (the first ones; the document has all)" : ""}.
        </p>
        <table className="table mt-3" data-testid="advisory-products">
          <thead>
            <tr>
              <th>Vendor</th>
              <th>Product</th>
              <th>Versions</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {a.products.slice(0, 200).map((p) => (
              <tr key={p.productId}>
                <td className="text-sm">{p.vendor ?? "—"}</td>
                <td className="text-sm">{p.product ?? p.name}</td>
                <td className="font-mono text-xs">{p.version ?? "all"}</td>
                <td>
                  <span className={`badge ${STATUS_STYLE[p.status]}`}>{p.status.replace("_", " ")}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="remediations-heading">
        <h2 id="remediations-heading">Remediations</h2>
        {a.remediations.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">The advisory lists no remediation.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {a.remediations.map((r) => (
              <li key={`${r.category}|${r.details}|${r.url ?? ""}`} className="text-sm">
                <span className="badge mr-2 bg-brand-100 text-brand-900">{r.category.replace("_", " ")}</span>
                {r.details}
                {r.url ? (
                  <>
                    {" "}
                    <a href={r.url} rel="noreferrer noopener" target="_blank">
                      {new URL(r.url).hostname}
                    </a>
                  </>
                ) : null}
                <div className="text-xs text-slate-500">
                  {r.cves.join(", ")} · {r.productIds.length} product(s)
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">Revisions stored</h2>
        <ul className="mt-2 text-sm">
          {a.revisions.map((r) => (
            <li key={r.revision}>
              revision {r.revision} · stored {formatDate(r.storedAt)} · {r.size.toLocaleString("en")} bytes ·
              SHA-256 <code className="text-xs">{r.sha256.slice(0, 16)}…</code>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
