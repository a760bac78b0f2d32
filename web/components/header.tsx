import Link from "next/link";
import type { Session } from "next-auth";
import { InboxLink } from "@/app/inbox/inbox-link";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu } from "./user-menu";

/** Navigation follows the current tenant's kinds: suppliers publish, asset owners model sites. */
export function Header({ session }: { session: Session }) {
  const current = session.memberships.find((m) => m.tenantId === session.currentTenantId);
  const kinds = current?.tenantKinds ?? [];
  const links = [
    { href: "/catalog", label: "Catalog", show: true },
    { href: "/components", label: "My components", show: kinds.includes("supplier") },
    { href: "/components/certifications", label: "Certifications", show: kinds.includes("supplier") },
    { href: "/sites", label: "Sites", show: kinds.includes("asset_owner") },
    { href: "/advisories", label: "Advisories", show: Boolean(current) },
    { href: "/shared-sites", label: "Shared sites", show: kinds.includes("integrator") },
    { href: "/obligations", label: "Obligations", show: kinds.length > 0 },
    { href: "/settings", label: "Settings", show: Boolean(current) },
    { href: "/operator", label: "Operator", show: session.platformOperator },
  ].filter((link) => link.show);
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900 no-underline">
          <span
            aria-hidden
            className="grid h-7 w-7 place-items-center rounded bg-brand-600 text-xs font-bold text-white"
          >
            62
          </span>
          Assure
        </Link>
        <nav aria-label="Main" className="flex flex-1 gap-1">
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm text-slate-700 no-underline hover:bg-slate-100"
            >
              {link.label}
            </Link>
          ))}
        </nav>
        <InboxLink session={session} />
        <TenantSwitcher memberships={session.memberships} currentTenantId={session.currentTenantId} />
        <UserMenu name={session.user?.name ?? ""} email={session.user?.email ?? ""} />
      </div>
    </header>
  );
}
