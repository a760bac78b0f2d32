import type { TSiteGrant } from "./grant";
import type { TNotificationKind } from "./notification";
import { OBLIGATION_STATUS_LABELS, type TSiteObligation } from "./obligation";
import type { TSite } from "./site";

/** An inbox entry to deliver: to one tenant, idempotent by (tenant, kind, subject). */
export interface TNotice {
  tenantId: string;
  kind: TNotificationKind;
  title: string;
  body: string;
  link: string;
  subject: string;
}

/**
 * What people working together on a site need to hear about, decided from an item's before and after images
 * (the stream's view): pure rules, so they are tested without a stream and delivered idempotently.
 */

/** A site shared with a tenant, its access changed, or withdrawn: the grantee hears of it. */
export function grantNotices(
  before: TSiteGrant | undefined,
  after: TSiteGrant | undefined,
  site: { name: string; ownerName: string },
): TNotice[] {
  if (!after) return [];
  const wasActive = before !== undefined && before.revokedAt === undefined;
  const isActive = after.revokedAt === undefined;
  const base = {
    tenantId: after.granteeTenantId,
    kind: "site_shared" as const,
    subject: `grant:${after.siteId}:v${after.version}`,
  };
  if (isActive && (!wasActive || before?.access !== after.access)) {
    const can = after.access === "write" ? "read and edit" : "read";
    return [
      {
        ...base,
        title: wasActive
          ? `Your access to ${site.name} changed`
          : `${site.ownerName} shared ${site.name} with you`,
        body: `You can now ${can} the site ${site.name} of ${site.ownerName}: its zones, assets, evaluation and the obligations you owe.`,
        link: `/sites/${after.siteId}`,
      },
    ];
  }
  if (wasActive && !isActive) {
    return [
      {
        ...base,
        title: `${site.ownerName} withdrew your access to ${site.name}`,
        body: `The site ${site.name} is no longer shared with you; obligations you owed there stay in your history.`,
        link: "/shared-sites",
      },
    ];
  }
  return [];
}

/** A tenant named (or no longer named) a site's responsible integrator hears of it. */
export function integratorNotices(
  before: TSite | undefined,
  after: TSite | undefined,
  ownerName: string,
): TNotice[] {
  if (!after) return [];
  const was = before?.integratorTenantId;
  const now = after.integratorTenantId;
  if (was === now) return [];
  const notices: TNotice[] = [];
  if (now) {
    notices.push({
      tenantId: now,
      kind: "integrator_named",
      subject: `site:${after.id}:integrator:v${after.version}`,
      title: `You are the responsible integrator of ${after.name}`,
      body: `${ownerName} named your organisation the responsible integrator of ${after.name}: the integrator's obligations of the site are now yours.`,
      link: `/sites/${after.id}/obligations`,
    });
  }
  if (was) {
    notices.push({
      tenantId: was,
      kind: "integrator_named",
      subject: `site:${after.id}:integrator:v${after.version}`,
      title: `You are no longer the responsible integrator of ${after.name}`,
      body: `${ownerName} named ${now ? "another organisation" : "no organisation"} the responsible integrator of ${after.name}.`,
      link: "/shared-sites",
    });
  }
  return notices;
}

/**
 * Obligations newly owed by a tenant other than the site's owner: one entry per site and day (a site's model can
 * assign dozens at once), except advisory remediations (their own requests say so). Changes of status, due date or waiver: the other party hears of them, never the tenant
 * whose member made the change (`actorTenantIds`).
 */
export function obligationNotices(
  before: TSiteObligation | undefined,
  after: TSiteObligation | undefined,
  site: { name: string },
  actorTenantIds: ReadonlySet<string>,
): TNotice[] {
  if (!after?.active) return [];
  const obligee = after.obligeeTenantId !== after.ownerTenantId ? after.obligeeTenantId : undefined;
  const notices: TNotice[] = [];
  // Advisory remediations already reach the obligee as the advisory's fix or validation request.
  if (obligee && obligee !== before?.obligeeTenantId && after.source !== "advisory_remediation") {
    notices.push({
      tenantId: obligee,
      kind: "obligation_assigned",
      subject: `site:${after.siteId}:owed:${after.updatedAt.slice(0, 10)}`,
      title: `Obligations assigned to you on ${site.name}`,
      body: `New obligations on ${site.name} are yours to meet, e.g. “${after.text}”.`,
      link: `/obligations`,
    });
  }
  if (!before || !obligee) return notices;
  const changes = [
    before.status !== after.status
      ? `status ${OBLIGATION_STATUS_LABELS[before.status]} → ${OBLIGATION_STATUS_LABELS[after.status]}`
      : undefined,
    before.due !== after.due ? `due ${after.due ?? "no date"}` : undefined,
    before.waiver?.state !== after.waiver?.state && after.waiver ? `waiver ${after.waiver.state}` : undefined,
  ].filter((change): change is string => change !== undefined);
  if (changes.length === 0) return notices;
  for (const tenantId of [after.ownerTenantId, obligee]) {
    if (actorTenantIds.has(tenantId)) continue;
    notices.push({
      tenantId,
      kind: "obligation_changed",
      subject: `obligation:${after.id}:v${after.version}`,
      title: `Obligation changed on ${site.name}: ${changes.join(", ")}`,
      body: `“${after.text}” (${site.name}): ${changes.join(", ")}.`,
      link: `/sites/${after.siteId}/obligations/${after.id}`,
    });
  }
  return notices;
}
