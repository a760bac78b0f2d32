import { ZSiteGrant } from "@assure/shared";
import { notFound } from "next/navigation";
import { z } from "zod";
import { api, isNotFound } from "@/lib/api";
import { ZSiteModelView } from "@/lib/site-api";
import { ActionButton } from "../../site-forms";
import { SiteNav } from "../site-nav";
import { GrantForm } from "./grant-form";

export const metadata = { title: "Sharing" };

export default async function SharingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let model: ReturnType<typeof ZSiteModelView.parse>;
  let grants: z.infer<typeof ZSiteGrant>[];
  try {
    model = (await api(ZSiteModelView, `/v1/sites/${id}`)).data;
    if (model.access !== "owner") notFound();
    grants = (await api(z.object({ items: z.array(ZSiteGrant) }), `/v1/sites/${id}/grants`)).data.items;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  return (
    <div className="space-y-6">
      <SiteNav siteId={id} siteName={model.name} current="sharing" access={model.access} />
      <div>
        <h1>Sharing with integrators</h1>
        <p className="mt-1 text-sm text-slate-600">
          An integrator with read access sees this site; with write access it edits zones, assets, conduits
          and countermeasures. The responsible integrator owes the integrator's obligations (IEC 62443-2-4).
          Every change is audited.
        </p>
      </div>
      <div className="card overflow-x-auto p-0">
        <table className="table" data-testid="grants-table">
          <thead>
            <tr>
              <th>Integrator</th>
              <th>Access</th>
              <th>Since</th>
              <th>Obligations</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {grants.length === 0 ? (
              <tr>
                <td colSpan={5} className="text-sm text-slate-600">
                  Not shared with anyone yet.
                </td>
              </tr>
            ) : null}
            {grants.map((g) => (
              <tr key={g.granteeTenantId} className={g.revokedAt ? "text-slate-400" : ""}>
                <td>
                  <div className="font-medium">{g.granteeName}</div>
                  <div className="text-xs">{g.granteeSlug}</div>
                </td>
                <td>{g.revokedAt ? `revoked ${g.revokedAt.slice(0, 10)}` : g.access}</td>
                <td className="text-sm">{g.grantedAt.slice(0, 10)}</td>
                <td className="text-sm">
                  {g.revokedAt ? null : model.integratorTenantId === g.granteeTenantId ? (
                    <span className="badge bg-brand-100 text-brand-900">Responsible integrator</span>
                  ) : (
                    <ActionButton
                      label="Make responsible"
                      method="PATCH"
                      path={`/v1/sites/${id}`}
                      body={{ integratorTenantId: g.granteeTenantId }}
                      version={model.version}
                      siteId={id}
                    />
                  )}
                </td>
                <td className="space-x-2 text-right">
                  {g.revokedAt ? null : (
                    <>
                      <ActionButton
                        label={g.access === "read" ? "Allow editing" : "Make read-only"}
                        method="PATCH"
                        path={`/v1/sites/${id}/grants/${g.granteeTenantId}`}
                        body={{ access: g.access === "read" ? "write" : "read" }}
                        version={g.version}
                        siteId={id}
                      />
                      <ActionButton
                        label="Revoke"
                        className="btn-danger"
                        confirm={`Revoke ${g.granteeName}'s access?`}
                        method="DELETE"
                        path={`/v1/sites/${id}/grants/${g.granteeTenantId}`}
                        version={g.version}
                        siteId={id}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <GrantForm siteId={id} />
    </div>
  );
}
