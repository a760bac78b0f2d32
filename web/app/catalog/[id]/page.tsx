import { COMPONENT_TYPE_LABELS, FOUNDATIONAL_REQUIREMENTS, ZCatalogEntry, ZComponent } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { BasisBadge, SlVector, VerifiedBadge } from "@/components/sl";
import { SlChart } from "@/components/sl-chart";
import { api, isNotFound } from "@/lib/api";

export const metadata = { title: "Component" };

export default async function ComponentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  let view: z.infer<typeof ZCatalogEntry> | z.infer<typeof ZComponent>;
  try {
    view = (await api(z.union([ZCatalogEntry, ZComponent]), `/v1/components/${id}`)).data;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const own = "draft" in view;
  const published = view.published;
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
          <div className="mt-2 flex gap-2">
            {"supplier" in view ? <VerifiedBadge verified={view.supplier.verified} /> : null}
            {published ? <BasisBadge basis={published.basis} /> : null}
          </div>
        </div>
        {own ? (
          <Link href={`/components/${view.id}`} className="btn-secondary">
            Edit in My components
          </Link>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card lg:col-span-2" aria-labelledby="slc-heading">
          <h2 id="slc-heading">Capability security levels (SL-C)</h2>
          {published ? (
            <>
              <p className="mt-1 text-sm text-slate-600">
                Published revision {published.revision} on{" "}
                {new Date(published.publishedAt).toLocaleDateString("en-GB")}
              </p>
              <div className="mt-4">
                <SlChart
                  title={`SL-C of ${view.name}`}
                  series={[{ name: "SL-C", levels: published.slC, color: "#1d5fd1" }]}
                />
              </div>
              <table className="table mt-4">
                <thead>
                  <tr>
                    <th>Foundational requirement</th>
                    <th>SL-C</th>
                  </tr>
                </thead>
                <tbody>
                  {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => (
                    <tr key={fr.fr}>
                      <td>
                        FR{fr.fr} {fr.code} — {fr.name}
                      </td>
                      <td className="font-semibold">{published.slC[i]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-600">
              Not published yet: only your tenant can see this draft.
            </p>
          )}
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
                <dt className="text-slate-500">Visibility</dt>
                <dd>{view.visibility.kind === "public" ? "Public" : "Restricted to named customers"}</dd>
              </div>
            </dl>
          </section>
          {"draft" in view ? (
            <section className="card" aria-labelledby="draft-heading">
              <h2 id="draft-heading">Draft claim</h2>
              <div className="mt-2">
                <SlVector levels={view.draft.claims[0]?.slC ?? []} label="Draft SL-C" />
              </div>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
