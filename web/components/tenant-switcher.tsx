"use client";

import type { TMembership } from "@assure/shared";
import { useRouter } from "next/navigation";
import { useSession } from "next-auth/react";
import { useTransition } from "react";

export function TenantSwitcher({
  memberships,
  currentTenantId,
}: {
  memberships: TMembership[];
  currentTenantId: string | null;
}) {
  const { update } = useSession();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const current = memberships.find((m) => m.tenantId === currentTenantId);
  if (memberships.length <= 1) {
    return current ? (
      <span className="text-sm text-slate-600" data-testid="current-tenant">
        {current.tenantName} <span className="text-slate-400">· {current.role}</span>
      </span>
    ) : null;
  }
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span className="sr-only">Current tenant</span>
      <select
        className="input w-auto py-1.5"
        data-testid="tenant-switcher"
        value={currentTenantId ?? ""}
        disabled={pending}
        onChange={(event) => {
          const tenantId = event.target.value;
          startTransition(async () => {
            await update({ tenantId });
            // Everything shown follows the current tenant: start again from the home page.
            router.push("/");
            router.refresh();
          });
        }}
      >
        {memberships.map((m) => (
          <option key={m.tenantId} value={m.tenantId}>
            {m.tenantName} ({m.role})
          </option>
        ))}
      </select>
    </label>
  );
}
