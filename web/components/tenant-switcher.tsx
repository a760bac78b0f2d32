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
      <span
        className="block max-w-64 truncate whitespace-nowrap px-3 text-sm text-slate-600 xl:px-0"
        data-testid="current-tenant"
        title={`${current.tenantName} · ${current.role}`}
      >
        {current.tenantName} <span className="text-slate-400">· {current.role}</span>
      </span>
    ) : null;
  }
  return (
    <label className="flex items-center gap-2 px-3 text-sm text-slate-600 xl:px-0">
      <span className="sr-only">Current tenant</span>
      <select
        className="input w-auto max-w-72 py-1.5"
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
