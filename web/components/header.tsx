import Link from "next/link";
import type { Session } from "next-auth";
import { InboxLink } from "@/app/inbox/inbox-link";
import { MainMenu } from "./main-menu";
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
  ]
    .filter((link) => link.show)
    .map(({ href, label }) => ({ href, label }));
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6 xl:flex-nowrap xl:gap-6">
        <Link
          href="/"
          className="mr-auto flex items-center gap-2 font-semibold text-slate-900 no-underline xl:mr-0"
        >
          <span
            aria-hidden
            className="grid h-7 w-7 place-items-center rounded bg-brand-600 text-xs font-bold text-white"
          >
            62
          </span>
          {/* On a phone the mark alone: the name stays for screen readers, the row keeps room for the menu. */}
          <span className="sr-only sm:not-sr-only">Assure</span>
        </Link>
        <MainMenu links={links}>
          <TenantSwitcher memberships={session.memberships} currentTenantId={session.currentTenantId} />
        </MainMenu>
        <InboxLink session={session} />
        <UserMenu name={session.user?.name ?? ""} email={session.user?.email ?? ""} />
      </div>
    </header>
  );
}
