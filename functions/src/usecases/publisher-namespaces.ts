import { normalizePublisherNamespace, type TPublisherRights, type TTenant } from "@assure/shared";
import type { Db } from "../db/client";
import { listOwnComponents } from "../repos/components";

/**
 * Who may publish under which CSAF publisher namespace (`document/publisher/namespace`): every supplier has the
 * portal-assigned `<portal>/suppliers/<slug>`; other namespaces only when the platform operator verified them for
 * that supplier (each for one tenant). docs/adr/0060.
 */

/** The portal's public base URL as publishers' namespaces name it. */
export const portalBaseUrl = () =>
  (process.env.CSAF_PROVIDER_BASE_URL ?? "https://assure.example").replace(/\/+$/, "");

/** The namespace the supplier publishes under: `<portal>/suppliers/<slug>`. */
export function publisherNamespace(slug: string): string {
  return `${portalBaseUrl()}/suppliers/${slug}`;
}

/** Portal-assigned namespaces are the portal's to give: none may be verified for a tenant by hand. */
export const isPortalAssigned = (namespace: string) =>
  normalizePublisherNamespace(namespace).startsWith(
    `${normalizePublisherNamespace(portalBaseUrl())}/suppliers/`,
  );

/** Every namespace the supplier may import under, the portal-assigned one first (normalised). */
export function namespacesOf(tenant: TTenant): string[] {
  return [
    normalizePublisherNamespace(publisherNamespace(tenant.slug)),
    ...(tenant.supplierVerification?.namespaces ?? []),
  ];
}

export const holdsNamespace = (tenant: TTenant, namespace: string) =>
  namespacesOf(tenant).includes(normalizePublisherNamespace(namespace));

/**
 * A supplier's namespaces and vendor names. Drafts are unchecked and private: only the vendors its components
 * are published under count as its own.
 */
export async function publisherRights(db: Db, tenant: TTenant): Promise<TPublisherRights> {
  const published = (await listOwnComponents(db, tenant.id)).filter((c) => c.status === "published");
  return {
    namespaces: namespacesOf(tenant),
    vendorNames: [...new Set([tenant.name, ...published.map((component) => component.vendor)])],
  };
}
