import { ZSite, ZZone } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FrHeader, SlVector } from "@/components/sl";
import { api, isNotFound } from "@/lib/api";

export const metadata = { title: "Site" };

const ZSiteWithZones = ZSite.extend({ zones: ZZone.array() });

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  let site: ReturnType<typeof ZSiteWithZones.parse>;
  try {
    site = (await api(ZSiteWithZones, `/v1/sites/${id}`)).data;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/sites">Sites</Link> / <span>{site.name}</span>
      </nav>
      <div>
        <h1>{site.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {site.location} · {site.description}
        </p>
      </div>
      <section className="card overflow-x-auto p-0" aria-labelledby="zones-heading">
        <h2 id="zones-heading" className="px-5 pt-4">
          Zones and target security levels (SL-T)
        </h2>
        <table className="table mt-2">
          <thead>
            <tr>
              <th>Zone</th>
              <th>
                SL-T <FrHeader />
              </th>
              <th>Minimum assurance</th>
            </tr>
          </thead>
          <tbody>
            {site.zones.map((zone) => (
              <tr key={zone.id}>
                <td>
                  <div className="font-medium">{zone.name}</div>
                  <div className="text-xs text-slate-500">{zone.description}</div>
                </td>
                <td>
                  <SlVector levels={zone.slT} label={`SL-T of ${zone.name}`} />
                </td>
                <td className="text-sm">{zone.minimumBasis.replaceAll("_", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
