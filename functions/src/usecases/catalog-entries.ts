import {
  headlineCertification,
  type TCatalogEntry,
  type TComponent,
  visibilityAsSeenBy,
  ZCatalogEntry,
} from "@assure/shared";
import type { Db } from "../db/client";
import { type CatalogRow, type CatalogViewer, openAdvisoriesFor } from "../repos/catalog-facts";
import { getCertificationsMany } from "../repos/certifications";
import { getTenantsById } from "../repos/components";

/**
 * Joins published components with their suppliers and the certifications their published claims rest on
 * (one BatchGet each for the page) into what readers see, with the signals for this reader today: the headline
 * claim's certification state, and the open advisories naming the component that the reader may read.
 */
export async function toCatalogEntries(
  db: Db,
  rows: CatalogRow[],
  viewer: CatalogViewer,
): Promise<TCatalogEntry[]> {
  const certRefs = rows.flatMap(({ component }) =>
    (component.published?.claims ?? []).flatMap((claim) =>
      claim.certificationId
        ? [{ supplierTenantId: component.supplierTenantId, certificationId: claim.certificationId }]
        : [],
    ),
  );
  const [suppliers, certifications] = await Promise.all([
    getTenantsById(
      db,
      rows.map(({ component }) => component.supplierTenantId),
    ),
    getCertificationsMany(db, certRefs),
  ]);
  return rows.flatMap(({ component, facts }) => {
    const supplier = suppliers.get(component.supplierTenantId);
    if (!supplier || !component.published) return [];
    const {
      draft: _draft,
      version: _version,
      pending: _pending,
      audienceSalt: _salt,
      ...visible
    } = component;
    const ids = [...new Set(component.published.claims.flatMap((claim) => claim.certificationId ?? []))];
    const own = new Map(
      ids.flatMap((id) => {
        const certification = certifications.get(id);
        return certification && certification.supplierTenantId === component.supplierTenantId
          ? [[id, certification] as const]
          : [];
      }),
    );
    const certification = headlineCertification(component.published, own, viewer.today);
    const open = openAdvisoriesFor(facts, viewer.tenantId);
    return [
      ZCatalogEntry.parse({
        ...visible,
        ...disclosedTo(component, viewer.tenantId),
        supplier: {
          id: supplier.id,
          name: supplier.name,
          slug: supplier.slug,
          verified: Boolean(supplier.supplierVerification),
        },
        certifications: [...own.values()].map(({ version: _v, ...view }) => view),
        signals: {
          openAdvisories: open.count,
          openSeverity: open.severity,
          certification,
          certificationValid:
            certification !== null &&
            (certification.state === "valid" || certification.state === "expiring_soon"),
        },
      }),
    ];
  });
}

/**
 * What a reader learns of a component's audience: a restriction names the reader only, never the other
 * customers; the published digest of a revision signed with the customer list in clear (before
 * docs/adr/0061) is withheld, since anyone could check a guessed list against it.
 */
export function disclosedTo(component: TComponent, viewerTenantId: string) {
  const isOwner = component.supplierTenantId === viewerTenantId;
  const legacyDigest = !isOwner && component.visibility.kind === "restricted" && !component.audienceSalt;
  return {
    visibility: visibilityAsSeenBy(component.visibility, viewerTenantId, isOwner),
    ...(component.published && legacyDigest ? { published: { ...component.published, digest: "" } } : {}),
  };
}
