import type { TCatalogEntry, TComponent } from "@assure/shared";
import type { Db } from "../db/client";
import type { AuthContext } from "../http/env";
import { notFound } from "../http/errors";
import { findComponentById, isSharedWith } from "../repos/components";
import { toCatalogEntries } from "./catalog-entries";

export type ComponentView =
  | { kind: "own"; component: TComponent }
  | { kind: "catalog"; entry: TCatalogEntry };

/**
 * The supplier sees its component whole (draft included). Anyone else sees the published claim only,
 * and only when it is public or shared with their tenant; otherwise it does not exist for them (404).
 */
export async function getComponent(db: Db, auth: AuthContext, componentId: string): Promise<ComponentView> {
  const component = await findComponentById(db, componentId);
  if (!component) throw notFound("The component");
  if (component.supplierTenantId === auth.tenantId) return { kind: "own", component };
  if (component.status !== "published" || !component.published) throw notFound("The component");
  if (component.visibility.kind === "restricted") {
    const allowed =
      component.visibility.tenantIds.includes(auth.tenantId) &&
      (await isSharedWith(db, auth.tenantId, component.id));
    if (!allowed) throw notFound("The component");
  }
  const [entry] = await toCatalogEntries(db, [component]);
  if (!entry) throw notFound("The component");
  return { kind: "catalog", entry };
}
