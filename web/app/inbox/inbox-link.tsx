import Link from "next/link";
import type { Session } from "next-auth";
import { z } from "zod";
import { api } from "@/lib/api";

/** The header's inbox link with the current tenant's unread count (a failed count never breaks the header). */
export async function InboxLink({ session }: { session: Session }) {
  const membership = session.memberships.find((m) => m.tenantId === session.currentTenantId);
  if (!membership) return null;
  let unread = 0;
  try {
    unread = (
      await api(z.object({ unread: z.number() }), "/v1/inbox/unread", { context: { session, membership } })
    ).data.unread;
  } catch {
    unread = 0;
  }
  return (
    <Link
      href="/inbox"
      className="relative rounded-md px-3 py-1.5 text-sm text-slate-700 no-underline hover:bg-slate-100"
      aria-label={unread ? `Inbox, ${unread} unread` : "Inbox"}
      data-testid="inbox-link"
    >
      Inbox
      {unread ? (
        <span className="ml-1 inline-grid min-w-5 place-items-center rounded-full bg-red-600 px-1 text-xs font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
