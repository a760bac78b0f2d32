import Link from "next/link";

/** Breadcrumb and the site's sections. */
export function SiteNav({
  siteId,
  siteName,
  current,
  access,
}: {
  siteId: string;
  siteName: string;
  current: "overview" | "obligations" | "sharing" | "report" | "zone";
  access: "owner" | "write" | "read";
}) {
  const tabs = [
    { key: "overview", label: "Overview", href: `/sites/${siteId}` },
    { key: "obligations", label: "Obligations", href: `/sites/${siteId}/obligations` },
    ...(access === "owner" ? [{ key: "sharing", label: "Sharing", href: `/sites/${siteId}/sharing` }] : []),
    { key: "report", label: "Report", href: `/sites/${siteId}/report` },
  ];
  return (
    <div className="space-y-3 print:hidden">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href={access === "owner" ? "/sites" : "/shared-sites"}>
          {access === "owner" ? "Sites" : "Shared sites"}
        </Link>{" "}
        / <Link href={`/sites/${siteId}`}>{siteName}</Link>
      </nav>
      <nav aria-label="Site sections" className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={tab.key === current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm no-underline ${tab.key === current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {tab.label}
          </Link>
        ))}
        {access !== "owner" ? (
          <span className="ml-auto self-center rounded bg-amber-50 px-2 py-0.5 text-xs text-amber-800">
            Shared with you · {access === "write" ? "can edit" : "read only"}
          </span>
        ) : null}
      </nav>
    </div>
  );
}
