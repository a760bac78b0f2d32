import { ZComponent } from "@assure/shared";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { FrHeader, SlVector, StatusBadge } from "@/components/sl";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";

export const metadata = { title: "My components" };

export default async function MyComponents() {
  const context = await requireContext();
  if (!context.membership.tenantKinds.includes("supplier")) redirect("/catalog");
  const { data } = await api(z.object({ items: z.array(ZComponent) }), "/v1/components", { context });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1>My components</h1>
          <p className="mt-1 text-sm text-slate-600">
            Drafts are visible only to {context.membership.tenantName}. Publishing makes the claim visible in
            the catalog.
          </p>
        </div>
        <div className="flex gap-2">
          <Link href="/components/certifications" className="btn-secondary">
            Certifications
          </Link>
          <Link href="/components/new" className="btn-primary">
            New component
          </Link>
        </div>
      </div>
      {data.items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">
          No components yet. Create your first one and publish its SL-C claim so asset owners can match it to
          their zones.
        </div>
      ) : (
        <div className="card relative overflow-x-auto p-0">
          <table className="table" data-testid="my-components">
            <thead>
              <tr>
                <th>Component</th>
                <th>Type</th>
                <th>Versions</th>
                <th>Status</th>
                <th>
                  Published SL-C <FrHeader />
                </th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/components/${c.id}`} className="font-medium">
                      {c.name}
                    </Link>
                    <div className="text-xs text-slate-500">{c.productLine}</div>
                  </td>
                  <td>{c.componentType}</td>
                  <td className="text-xs">
                    {c.draft.versions.map((v) => v.version).join(", ") || "—"}
                    {c.visibility.kind === "restricted" ? (
                      <div className="badge mt-1 bg-violet-100 text-violet-900">restricted</div>
                    ) : null}
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                    {c.published &&
                    c.version > 0 &&
                    c.status === "published" &&
                    (c.pending !== undefined ||
                      JSON.stringify(c.draft.claims) !== JSON.stringify(c.published.claims)) ? (
                      <span className="ml-2 text-xs text-amber-700">unpublished changes</span>
                    ) : null}
                  </td>
                  <td>
                    {c.published ? (
                      <SlVector levels={c.published.slC} label={`Published SL-C of ${c.name}`} />
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="text-slate-500">{new Date(c.updatedAt).toLocaleDateString("en-GB")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
