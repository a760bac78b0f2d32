import { ZInboxPage } from "@assure/shared";
import Link from "next/link";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { markAllReadAction, markReadAction } from "./actions";

export const metadata = { title: "Inbox" };

const KIND_LABELS: Record<string, string> = {
  advisory_impact: "Advisory hits your assets",
  advisory_review: "Possible advisory match",
  advisory_fix_requested: "Fix requested",
  advisory_validation_requested: "Validation requested",
  certificate_expiry: "Certificate expiry",
  site_shared: "Site shared with you",
  integrator_named: "Responsible integrator",
  obligation_assigned: "Obligations assigned to you",
  obligation_changed: "Obligation changed",
};

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function InboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const context = await requireContext();
  const params = await searchParams;
  const unreadOnly = one(params.unread) === "true";
  const query = new URLSearchParams({ limit: "50" });
  if (unreadOnly) query.set("unread", "true");
  if (one(params.cursor)) query.set("cursor", one(params.cursor));
  const { data } = await api(ZInboxPage, `/v1/inbox?${query}`, { context });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="flex-1">
          <h1>Inbox</h1>
          <p className="mt-1 text-sm text-slate-600">
            Notifications for {context.membership.tenantName}: {data.unread} unread. E-mail and webhook
            delivery are set under <Link href="/advisories/settings">advisory settings</Link>.
          </p>
        </div>
        <nav className="flex gap-2 text-sm" aria-label="Which notifications">
          <Link href="/inbox" aria-current={unreadOnly ? undefined : "page"}>
            All
          </Link>
          ·
          <Link href="/inbox?unread=true" aria-current={unreadOnly ? "page" : undefined}>
            Unread
          </Link>
        </nav>
        {data.unread ? (
          <form action={markAllReadAction}>
            <button type="submit" className="btn-secondary">
              Mark all read
            </button>
          </form>
        ) : null}
      </div>
      {data.items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">
          {unreadOnly
            ? "Nothing unread."
            : "No notifications yet. You are told here when an advisory hits your assets or names your products."}
        </div>
      ) : (
        <ul className="space-y-3" data-testid="inbox-list">
          {data.items.map((n) => (
            <li
              key={n.id}
              className={`card flex gap-4 ${n.readAt ? "opacity-75" : "border-l-4 border-l-brand-600"}`}
            >
              <div className="flex-1">
                <div className="text-xs text-slate-500">
                  {KIND_LABELS[n.kind] ?? n.kind} · {n.createdAt.slice(0, 16).replace("T", " ")}
                  {n.readAt ? "" : " · unread"}
                </div>
                <Link href={n.link} className="font-medium">
                  {n.title}
                </Link>
                <p className="mt-1 text-sm text-slate-700">{n.body}</p>
              </div>
              {n.readAt ? null : (
                <form action={markReadAction}>
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="btn-secondary" aria-label={`Mark “${n.title}” read`}>
                    Mark read
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.nextCursor ? (
        <div className="text-center">
          <Link
            className="btn-secondary"
            href={`/inbox?${new URLSearchParams({ ...(unreadOnly ? { unread: "true" } : {}), cursor: data.nextCursor })}`}
          >
            Older
          </Link>
        </div>
      ) : null}
    </div>
  );
}
