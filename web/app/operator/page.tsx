import { ZTenant } from "@assure/shared";
import { redirect } from "next/navigation";
import { z } from "zod";
import { VerifiedBadge } from "@/components/sl";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { VerifyForm } from "./verify-form";

export const metadata = { title: "Operator" };

export default async function Operator() {
  const context = await requireContext();
  if (!context.session.platformOperator) redirect("/");
  const { data } = await api(z.object({ items: z.array(ZTenant) }), "/v1/tenants", { context });
  const suppliers = data.items.filter((t) => t.kinds.includes("supplier"));
  return (
    <div className="space-y-6">
      <h1>Platform operator</h1>
      <section className="card p-0" aria-labelledby="verify-heading">
        <h2 id="verify-heading" className="px-5 pt-4">
          Supplier verification
        </h2>
        <p className="px-5 text-sm text-slate-600">
          Verify a supplier once you checked who they are (e.g. a DNS TXT record on their domain), and record
          the CSAF publisher namespaces you checked it controls: suppliers import advisories only under their
          portal namespace and those.
        </p>
        <table className="table mt-2">
          <thead>
            <tr>
              <th>Supplier</th>
              <th>Status</th>
              <th>How verified</th>
              <th>Publisher namespaces</th>
              <th>
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {suppliers.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.name} <span className="text-xs text-slate-500">({t.slug})</span>
                </td>
                <td>
                  <VerifiedBadge verified={Boolean(t.supplierVerification)} />
                </td>
                <td className="text-xs text-slate-600">{t.supplierVerification?.method ?? "—"}</td>
                <td className="text-xs text-slate-600">
                  {t.supplierVerification?.namespaces.length
                    ? t.supplierVerification.namespaces.map((namespace) => (
                        <code key={namespace} className="block">
                          {namespace}
                        </code>
                      ))
                    : "—"}
                </td>
                <td>
                  <VerifyForm tenantId={t.id} verification={t.supplierVerification} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card p-0" aria-labelledby="tenants-heading">
        <h2 id="tenants-heading" className="px-5 pt-4">
          All tenants
        </h2>
        <table className="table mt-2">
          <thead>
            <tr>
              <th>Name</th>
              <th>Slug</th>
              <th>Kinds</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.slug}</td>
                <td>{t.kinds.join(", ") || "platform"}</td>
                <td>{new Date(t.createdAt).toLocaleDateString("en-GB")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
