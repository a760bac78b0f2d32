import {
  claimForVersion,
  RESTRICTED_COMPONENT_NAME,
  type TCertification,
  type TComponent,
  type TEvaluationClaim,
  type TEvaluationComponent,
  ZComponent,
} from "@assure/shared";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import { getCertificationsMany } from "../repos/certifications";

/** A stored reference to a catalog component version (assets, BOM entries, what-if candidates). */
export interface TComponentRef {
  supplierTenantId: string;
  componentId: string;
  version?: string | undefined;
}

export const componentRefKey = (ref: TComponentRef) => `${ref.componentId}@${ref.version ?? "*"}`;

/**
 * Whether the viewer may see the component at all: its supplier always; others once it was published (a
 * withdrawn one stays readable, so an asset owner sees why an asset lost its claim) and when it is public or
 * names the viewer (whose partition holds the share pointer). The same rule as the component page.
 */
function visibleTo(component: TComponent, viewerTenantId: string, shared: Set<string>): boolean {
  if (component.supplierTenantId === viewerTenantId) return true;
  if (!component.published) return false;
  if (component.visibility.kind === "public") return true;
  return component.visibility.tenantIds.includes(viewerTenantId) && shared.has(component.id);
}

/** Visible, and published (not withdrawn): its claim counts. */
const claimVisibleTo = (component: TComponent, viewerTenantId: string, shared: Set<string>) =>
  component.status === "published" && visibleTo(component, viewerTenantId, shared);

/** The engine's certificate facts: revoked or suspended count as revoked; the dates decide expiry. */
function certificateOf(certification: TCertification): NonNullable<TEvaluationClaim["certificate"]> {
  return {
    number: certification.certificateNo,
    scheme: certification.scheme,
    body: certification.body,
    standardPart: certification.standardPart,
    ...(certification.slC ? { slC: certification.slC } : {}),
    status: certification.status === "valid" ? "valid" : "revoked",
    issued: certification.issued,
    ...(certification.expires ? { expires: certification.expires } : {}),
  };
}

/** The deployed version's end of support: its own release's date, else the component's lifecycle date. */
function endOfSupportOf(component: TComponent, version: string | undefined): string | undefined {
  const release = version ? component.published?.versions.find((v) => v.version === version) : undefined;
  return release?.endOfSupport ?? component.lifecycle?.endOfSupport;
}

/** The referenced components and which restricted ones name the viewer (one BatchGet each). */
async function loadWithShares(db: Db, viewerTenantId: string, refs: readonly TComponentRef[]) {
  const items = await batchGetItems(
    db,
    refs.map((ref) => keys.component(ref.supplierTenantId, ref.componentId)),
  );
  const components = new Map(parseItems(ZComponent, items).map((component) => [component.id, component]));
  const restricted = [...components.values()].filter(
    (c) => c.visibility.kind === "restricted" && c.supplierTenantId !== viewerTenantId,
  );
  const shareItems = await batchGetItems(
    db,
    restricted.map((c) => keys.componentShare(viewerTenantId, c.id)),
  );
  return { components, shared: new Set(shareItems.map((item) => String(item.componentId))) };
}

/** The refs (by `componentRefKey`) whose component the viewer may see at all: the component page's rule. */
export async function refsVisibleTo(
  db: Db,
  viewerTenantId: string,
  refs: readonly TComponentRef[],
): Promise<Set<string>> {
  const { components, shared } = await loadWithShares(db, viewerTenantId, refs);
  return new Set(
    refs.flatMap((ref) => {
      const component = components.get(ref.componentId);
      return component && visibleTo(component, viewerTenantId, shared) ? [componentRefKey(ref)] : [];
    }),
  );
}

/**
 * Turns component references into the evaluation document's components (docs/engine.md), as the viewer may
 * see them right now: the published claim covering the referenced version (or, without a version, the
 * headline claim), with its per-requirement results, basis, certificate (as it stands now) and security
 * context. A draft, a withdrawn component, one that is gone or not visible, or a version no claim covers
 * comes back without a claim, which the engine treats as unknown (a gap, never a pass). Reads are batched:
 * components, share pointers and certifications, one BatchGet each, whatever the number of refs.
 */
export async function resolveEvaluationComponents(
  db: Db,
  viewerTenantId: string,
  refs: TComponentRef[],
): Promise<Map<string, TEvaluationComponent>> {
  const { components, shared } = await loadWithShares(db, viewerTenantId, refs);

  const covering = new Map<string, NonNullable<TComponent["published"]>["claims"][number]>();
  for (const ref of refs) {
    const component = components.get(ref.componentId);
    if (!component?.published || !claimVisibleTo(component, viewerTenantId, shared)) continue;
    const claim = claimForVersion(component.published, ref.version);
    if (claim) covering.set(componentRefKey(ref), claim);
  }
  const certifications = await getCertificationsMany(
    db,
    refs.flatMap((ref) => {
      const certificationId = covering.get(componentRefKey(ref))?.certificationId;
      return certificationId ? [{ supplierTenantId: ref.supplierTenantId, certificationId }] : [];
    }),
  );

  const resolved = new Map<string, TEvaluationComponent>();
  for (const ref of refs) {
    const component = components.get(ref.componentId);
    const id = componentRefKey(ref);
    if (!component) {
      resolved.set(id, { id, componentType: "EDR", name: `Unknown component ${ref.componentId}` });
      continue;
    }
    if (!visibleTo(component, viewerTenantId, shared)) {
      // Neither name nor vendor nor claim; the type stays, as the engine needs it to list the open requirements.
      resolved.set(id, { id, componentType: component.componentType, name: RESTRICTED_COMPONENT_NAME });
      continue;
    }
    const claim = covering.get(id);
    const certification = claim?.certificationId ? certifications.get(claim.certificationId) : undefined;
    const evaluationClaim: TEvaluationClaim | undefined = claim
      ? {
          slC: claim.slC,
          basis: claim.basis,
          ...(claim.requirements ? { requirements: claim.requirements } : {}),
          ...(certification && certification.supplierTenantId === component.supplierTenantId
            ? { certificate: certificateOf(certification) }
            : {}),
          ...(claim.securityContext.length > 0 ? { securityContext: claim.securityContext } : {}),
        }
      : undefined;
    const endOfSupport = endOfSupportOf(component, ref.version);
    resolved.set(id, {
      id,
      componentType: component.componentType,
      name: ref.version ? `${component.name} ${ref.version}` : component.name,
      ...(endOfSupport ? { endOfSupport } : {}),
      ...(evaluationClaim ? { claim: evaluationClaim } : {}),
    });
  }
  return resolved;
}
