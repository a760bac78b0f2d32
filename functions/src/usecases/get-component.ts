import type { TCatalogEntry, TComponent } from "@assure/shared";
import { notFound } from "../app-error";
import type { AuthContext } from "../auth/actor";
import type { Db } from "../db/client";
import { findComponentRowById, isSharedWith } from "../repos/components";
import { toCatalogEntries } from "./catalog-entries";

export type ComponentView =
  | { kind: "own"; component: TComponent }
  | { kind: "catalog"; entry: TCatalogEntry; component: TComponent };

/**
 * Whether a tenant other than the supplier may see a component: it was published (a withdrawn one stays
 * readable, marked withdrawn, for those who could read it) and is public or names the tenant, whose
 * partition also holds the share pointer. Drafts never.
 */
export async function mayRead(db: Db, viewerTenantId: string, component: TComponent): Promise<boolean> {
  if (component.supplierTenantId === viewerTenantId) return true;
  if (component.status === "draft" || !component.published) return false;
  if (component.visibility.kind === "public") return true;
  return (
    component.visibility.tenantIds.includes(viewerTenantId) &&
    (await isSharedWith(db, viewerTenantId, component.id))
  );
}

/**
 * The supplier sees its component whole (draft included). Anyone else sees the published claim only,
 * and only when it is public or shared with their tenant; otherwise it does not exist for them (404).
 */
export async function getComponent(
  db: Db,
  auth: AuthContext,
  componentId: string,
  /** The date the reader's signals (certification state) are computed for. */
  today = new Date().toISOString().slice(0, 10),
): Promise<ComponentView> {
  const row = await findComponentRowById(db, componentId);
  if (!row) throw notFound("The component");
  const { component } = row;
  if (component.supplierTenantId === auth.tenantId) return { kind: "own", component };
  if (!(await mayRead(db, auth.tenantId, component))) throw notFound("The component");
  const [entry] = await toCatalogEntries(db, [row], { tenantId: auth.tenantId, today });
  if (!entry) throw notFound("The component");
  return { kind: "catalog", entry, component };
}
