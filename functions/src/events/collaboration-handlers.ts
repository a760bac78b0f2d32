import {
  grantNotices,
  integratorNotices,
  obligationNotices,
  type TNotice,
  ZSite,
  ZSiteGrant,
  ZSiteObligation,
} from "@assure/shared";
import type { Db } from "../db/client";
import type { Notifier } from "../notify/notifier";
import { getSite } from "../repos/sites";
import { getTenant } from "../repos/tenants";
import { listMembershipsOfUser } from "../repos/users";
import type { StreamHandlerRegistry } from "./registry";

export interface CollaborationDeps {
  db: Db;
  notifier: Notifier;
}

/**
 * Tells people working together on a site what they need to know (the rules are in shared, collaboration-notices):
 * a site shared with them, becoming its responsible integrator, obligations assigned to them, and changes another
 * organisation made to obligations they owe or are owed. Delivery is idempotent per tenant, kind and subject, so
 * stream retries and replays send nothing twice.
 */
export function registerCollaborationHandlers(
  registry: StreamHandlerRegistry,
  deps: () => CollaborationDeps,
) {
  const deliver = async (notices: readonly TNotice[]) => {
    for (const notice of notices) await deps().notifier.notify(notice);
  };
  const ownerName = async (tenantId: string) =>
    (await getTenant(deps().db, tenantId))?.name ?? "The site's owner";

  registry.register("siteGrant", {
    name: "collaboration-site-shared",
    schema: ZSiteGrant,
    handle: async (change) => {
      const after = change.newItem;
      if (!after) return;
      const site = await getSite(deps().db, after.ownerTenantId, after.siteId);
      if (!site) return;
      await deliver(
        grantNotices(change.oldItem, after, { name: site.name, ownerName: await ownerName(site.tenantId) }),
      );
    },
  });

  registry.register("site", {
    name: "collaboration-integrator-named",
    schema: ZSite,
    handle: async (change) => {
      const after = change.newItem;
      if (!after || change.oldItem?.integratorTenantId === after.integratorTenantId) return;
      await deliver(integratorNotices(change.oldItem, after, await ownerName(after.tenantId)));
    },
  });

  registry.register("obligation", {
    name: "collaboration-obligations",
    schema: ZSiteObligation,
    handle: async (change) => {
      const after = change.newItem;
      if (!after?.active) return;
      // Whose member made the change: that organisation is not told of its own work.
      const actor = after.history.at(-1)?.actor ?? "";
      const userId = /^user:([0-9a-z]+)/.exec(actor)?.[1];
      const actorTenants = new Set(
        userId ? (await listMembershipsOfUser(deps().db, userId)).map((m) => m.tenantId) : [],
      );
      // Most obligation writes concern nobody else: decide first, read the site's name only when needed.
      if (obligationNotices(change.oldItem, after, { name: "" }, actorTenants).length === 0) return;
      const site = await getSite(deps().db, after.ownerTenantId, after.siteId);
      if (!site) return;
      await deliver(obligationNotices(change.oldItem, after, { name: site.name }, actorTenants));
    },
  });
}
