import type { TComponent, TEvaluationComponent } from "@assure/shared";
import { ZComponent } from "@assure/shared";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";

/** A stored reference to a catalog component version (assets, BOM entries, what-if candidates). */
export interface TComponentRef {
  supplierTenantId: string;
  componentId: string;
  version?: string | undefined;
}

export const componentRefKey = (ref: TComponentRef) => `${ref.componentId}@${ref.version ?? "*"}`;

function visibleTo(component: TComponent, viewerTenantId: string): boolean {
  if (component.supplierTenantId === viewerTenantId) return true;
  if (component.status !== "published" || !component.published) return false;
  return component.visibility.kind === "public" || component.visibility.tenantIds.includes(viewerTenantId);
}

/**
 * Turns component references into the evaluation document's components (DESIGN.md §4), as the viewer may
 * see them right now: the published claim, never a draft; a component that is gone or no longer visible
 * comes back without a claim, which the engine treats as unknown (a gap, never a pass). One BatchGet for all.
 */
export async function resolveEvaluationComponents(
  db: Db,
  viewerTenantId: string,
  refs: TComponentRef[],
): Promise<Map<string, TEvaluationComponent>> {
  const items = await batchGetItems(
    db,
    refs.map((ref) => keys.component(ref.supplierTenantId, ref.componentId)),
  );
  const components = new Map(parseItems(ZComponent, items).map((component) => [component.id, component]));
  const resolved = new Map<string, TEvaluationComponent>();
  for (const ref of refs) {
    const component = components.get(ref.componentId);
    const id = componentRefKey(ref);
    if (!component) {
      resolved.set(id, { id, componentType: "EDR", name: `Unknown component ${ref.componentId}` });
      continue;
    }
    const claim =
      visibleTo(component, viewerTenantId) && component.published
        ? { slC: component.published.slC, basis: component.published.basis }
        : undefined;
    resolved.set(id, {
      id,
      componentType: component.componentType,
      name: ref.version ? `${component.name} ${ref.version}` : component.name,
      ...(claim ? { claim } : {}),
    });
  }
  return resolved;
}
