import { type TAdvisoryImpact, ZAdvisoryImpact, ZSite } from "@assure/shared";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { ZSiteModelView } from "@/lib/site-api";
import { SeverityBadge } from "../severity";

export const metadata = { title: "What hits my sites" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

const STATE_STYLE: Record<string, string> = {
  open: "bg-red-100 text-red-800",
  review: "bg-amber-100 text-amber-900",
  resolved: "bg-emerald-100 text-emerald-800",
};

/** Per site: which advisories hit which assets, zone by zone, most severe first. */
export default async function ImpactPage({ searchParams }: { searchParams: Promise<Search> }) {
  const context = await requireContext();
  if (!context.membership.tenantKinds.includes("asset_owner")) redirect("/advisories");
  const params = await searchParams;
  const { data: sites } = await api(z.object({ items: z.array(ZSite) }), "/v1/sites", { context });
  const siteId = one(params.site) || sites.items[0]?.id || "";
  const site = sites.items.find((s) => s.id === siteId);
  const includeResolved = one(params.resolved) === "true";
  const [impacts, model] = site
    ? await Promise.all([
        api(
          z.object({ items: z.array(ZAdvisoryImpact) }),
          `/v1/advisories/impact?siteId=${site.id}${includeResolved ? "&includeResolved=true" : ""}`,
          { context },
        ).then((r) => r.data.items),
        api(ZSiteModelView, `/v1/sites/${site.id}`, { context }).then((r) => r.data),
      ])
    : [[] as TAdvisoryImpact[], undefined];
  const zoneName = new Map((model?.zones ?? []).map((z) => [z.id, z.name]));
  const byZone = new Map<string, TAdvisoryImpact[]>();
  for (const impact of impacts) {
    const key = impact.zoneId ?? "";
    byZone.set(key, [...(byZone.get(key) ?? []), impact]);
  }
  const open = impacts.filter((i) => i.state === "open");
  const review = impacts.filter((i) => i.state === "review");
  const advisories = new Set(open.map((i) => i.advisory.id));
  return (
    <div className="space-y-6">
      <div>
        <h1>What hits my sites</h1>
        <p className="mt-1 text-sm text-slate-600">
          Advisories matched to the component versions your assets run. Open ones put the asset at risk and
          add remediation obligations to the site; possible matches wait for you to confirm or reject them.
        </p>
      </div>
      {sites.items.length === 0 ? (
        <div className="card text-sm text-slate-600">
          No sites yet. <Link href="/sites">Model a site</Link> and its assets to see which advisories hit
          them.
        </div>
      ) : (
        <form className="card flex flex-wrap items-end gap-4" aria-label="Choose a site">
          <div>
            <label className="label" htmlFor="site">
              Site
            </label>
            <select id="site" name="site" defaultValue={siteId} className="input w-72">
              {sites.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="resolved" value="true" defaultChecked={includeResolved} />
            Show resolved
          </label>
          <button type="submit" className="btn-primary">
            Show
          </button>
        </form>
      )}
      {site ? (
        <>
          <div className="grid gap-4 md:grid-cols-3" data-testid="impact-summary">
            <div className="card">
              <div className="text-3xl font-semibold text-red-700">{open.length}</div>
              <div className="text-sm text-slate-600">affected assets ({advisories.size} advisories)</div>
            </div>
            <div className="card">
              <div className="text-3xl font-semibold text-amber-700">{review.length}</div>
              <div className="text-sm text-slate-600">possible matches to review</div>
            </div>
            <div className="card">
              <Link href={`/sites/${site.id}/obligations`} className="font-medium">
                Remediation obligations of {site.name} →
              </Link>
              <div className="mt-1 text-sm text-slate-600">who applies, mitigates, fixes and validates</div>
            </div>
          </div>
          {impacts.length === 0 ? (
            <div className="card text-sm text-slate-600">
              No advisory hits {site.name}. New advisories are matched as they are imported; you get a
              notification in your <Link href="/inbox">inbox</Link> when one does.
            </div>
          ) : (
            [...byZone].map(([zoneId, items]) => (
              <section
                key={zoneId}
                className="card relative overflow-x-auto p-0"
                aria-label={zoneName.get(zoneId) ?? "Conduits"}
              >
                <h2 className="px-5 pt-4">{zoneName.get(zoneId) ?? "On conduits"}</h2>
                <table className="table mt-2" data-testid={`impact-zone-${zoneId || "conduits"}`}>
                  <thead>
                    <tr>
                      <th>Advisory</th>
                      <th>Severity</th>
                      <th>Asset</th>
                      <th>Component and version</th>
                      <th>State</th>
                      <th>Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((i) => (
                      <tr key={`${i.assetId}${i.advisory.id}`}>
                        <td>
                          <Link href={`/advisories/${i.advisory.id}`} className="font-medium">
                            {i.advisory.trackingId}
                          </Link>
                          <div className="max-w-xs text-xs text-slate-600">{i.advisory.title}</div>
                        </td>
                        <td>
                          <SeverityBadge severity={i.advisory.severity} score={i.advisory.cvssMax} />
                        </td>
                        <td className="text-sm">{i.assetName ?? i.assetId}</td>
                        <td className="text-sm">
                          {i.componentName} {i.assetVersion}
                          <div className="text-xs text-slate-500">
                            {i.method.replace("_", " + ")} · {i.confidence}
                          </div>
                        </td>
                        <td>
                          <span className={`badge ${STATE_STYLE[i.state]}`}>{i.state}</span>
                        </td>
                        <td className="max-w-sm text-xs text-slate-600">{i.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))
          )}
        </>
      ) : null}
    </div>
  );
}
