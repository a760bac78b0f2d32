import { roleAtLeast, ZApiKey, ZMembership, ZTenant, ZUser } from "@assure/shared";
import { z } from "zod";
import { VerifiedBadge } from "@/components/sl";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { ApiKeys } from "./api-keys";
import { SignMemberOut, SignOutEverywhere } from "./sessions";

export const metadata = { title: "Settings" };

const ZMe = z.object({
  tenant: ZTenant,
  role: z.string(),
  user: ZUser.optional(),
  memberships: z.array(ZMembership),
});
const ZMembers = z.object({
  items: z.array(ZMembership.extend({ userEmail: z.string(), userName: z.string() })),
});

export default async function Settings() {
  const context = await requireContext();
  const admin = roleAtLeast(context.membership.role, "admin");
  const [me, members, keys] = await Promise.all([
    api(ZMe, "/v1/me", { context }),
    api(ZMembers, "/v1/tenants/current/members", { context }),
    admin ? api(z.object({ items: z.array(ZApiKey) }), "/v1/api-keys", { context }) : undefined,
  ]);
  const tenant = me.data.tenant;
  return (
    <div className="space-y-6">
      <h1>Settings</h1>
      <section className="card" aria-labelledby="tenant-heading">
        <h2 id="tenant-heading">Organisation</h2>
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium">{tenant.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Slug</dt>
            <dd>{tenant.slug}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Kinds</dt>
            <dd>{tenant.kinds.map((k) => k.replace("_", " ")).join(", ") || "platform"}</dd>
          </div>
          {tenant.kinds.includes("supplier") ? (
            <div>
              <dt className="text-slate-500">Supplier identity</dt>
              <dd>
                <VerifiedBadge verified={Boolean(tenant.supplierVerification)} />
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="card p-0" aria-labelledby="members-heading">
        <h2 id="members-heading" className="px-5 pt-4">
          Members
        </h2>
        <table className="table mt-2">
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Role</th>
              {admin ? <th>Sessions</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.data.items.map((m) => (
              <tr key={m.userId}>
                <td>{m.userName}</td>
                <td>{m.userEmail}</td>
                <td>{m.role}</td>
                {admin ? (
                  <td>
                    {m.userId !== context.session.userId && roleAtLeast(context.membership.role, m.role) ? (
                      <SignMemberOut userId={m.userId} name={m.userName} />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card space-y-3" aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        <SignOutEverywhere />
      </section>
      {keys ? (
        <ApiKeys keys={keys.data.items} />
      ) : (
        <p className="text-sm text-slate-600">API keys are managed by admins and owners of {tenant.name}.</p>
      )}
    </div>
  );
}
