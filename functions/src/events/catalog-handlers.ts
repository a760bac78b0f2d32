import { ZAdvisoryMatch, ZCertification, ZComponent } from "@assure/shared";
import type { Db } from "../db/client";
import { refreshAdvisoryFacts, refreshCertificationWindows } from "../repos/catalog-facts";
import type { StreamHandlerRegistry } from "./registry";

/**
 * Keeps the catalog facts on component items current (docs/adr/0033), so the catalog filters by "certification
 * valid" and "open advisories" in DynamoDB:
 * - `advisoryMatch` items: an advisory named the component, changed, or stopped naming it → its advisory facts;
 * - `component` items: published (again) or withdrawn → the advisory facts (the newest version decides "open");
 * - `certification` items: status or dates changed → the windows of the components whose headline claim it backs.
 * Every refresh reads the current state and is idempotent, so retries and replays are harmless.
 */
export function registerCatalogFactHandlers(registry: StreamHandlerRegistry, db: () => Db): void {
  registry.register("advisoryMatch", {
    name: "catalog-advisory-facts",
    schema: ZAdvisoryMatch,
    handle: async (change) => {
      const match = change.newItem ?? change.oldItem;
      if (!match) return;
      if (change.kind === "MODIFY" && change.oldItem && change.newItem) {
        const { updatedAt: _a, ...before } = change.oldItem;
        const { updatedAt: _b, ...after } = change.newItem;
        if (JSON.stringify(before) === JSON.stringify(after)) return;
      }
      await refreshAdvisoryFacts(
        db(),
        { supplierTenantId: match.supplierTenantId, componentId: match.componentId },
        { owner: match.owner, advisoryId: match.advisoryId },
      );
    },
  });
  registry.register("component", {
    name: "catalog-advisory-facts-on-publish",
    schema: ZComponent,
    handle: async (change) => {
      const after = change.newItem;
      if (!after?.published) return;
      const before = change.oldItem;
      if (before && before.status === after.status && before.published?.revision === after.published.revision)
        return;
      await refreshAdvisoryFacts(db(), { supplierTenantId: after.supplierTenantId, componentId: after.id });
    },
  });
  registry.register("certification", {
    name: "catalog-certification-window",
    schema: ZCertification,
    handle: async (change) => {
      const certification = change.newItem ?? change.oldItem;
      if (!certification || change.kind === "INSERT") return;
      const before = change.oldItem;
      const after = change.newItem;
      if (
        before &&
        after &&
        before.status === after.status &&
        before.issued === after.issued &&
        before.expires === after.expires
      )
        return;
      await refreshCertificationWindows(db(), {
        supplierTenantId: certification.supplierTenantId,
        id: certification.id,
      });
    },
  });
}
