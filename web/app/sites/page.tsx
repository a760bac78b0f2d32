import { ZSite } from "@assure/shared";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";

export const metadata = { title: "Sites" };

export default async function Sites() {
  const context = await requireContext();
  if (!context.membership.tenantKinds.includes("asset_owner")) redirect("/catalog");
  const { data } = await api(z.object({ items: z.array(ZSite) }), "/v1/sites", { context });
  return (
    <div className="space-y-6">
      <div>
        <h1>Sites</h1>
        <p className="mt-1 text-sm text-slate-600">
          Plants of {context.membership.tenantName}, their zones and target security levels.
        </p>
      </div>
      {data.items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">No sites yet.</div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {data.items.map((site) => (
            <li key={site.id} className="card">
              <Link href={`/sites/${site.id}`} className="text-lg font-semibold">
                {site.name}
              </Link>
              <p className="text-sm text-slate-500">{site.location}</p>
              <p className="mt-2 text-sm text-slate-700">{site.description}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
