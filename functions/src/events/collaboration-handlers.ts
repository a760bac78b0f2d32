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
      // Decide before reading anything: most obligation writes concern nobody else.
      const candidates = obligationNotices(change.oldItem, after, { name: "" }, new Set());
      if (candidates.length === 0) return;
      // Whose member made the change is in the history: someone acting for another organisation is recorded as
      // `…@tenant:<id>`, the owner's own people without it. That organisation is not told of its own work.
      const actor = after.history.at(-1)?.actor ?? "";
      const actorTenant =
        /@tenant:([0-9a-z]+)$/.exec(actor)?.[1] ??
        (/^(user|api_key):/.test(actor) ? after.ownerTenantId : undefined);
      const actorTenants = new Set(actorTenant ? [actorTenant] : []);
      const site = await getSite(deps().db, after.ownerTenantId, after.siteId);
      if (!site) return;
      await deliver(obligationNotices(change.oldItem, after, { name: site.name }, actorTenants));
    },
  });
}
