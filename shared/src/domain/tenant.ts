import { z } from "zod";
import { ZId, ZIsoDateTime, ZSlug } from "./ids";
import { singleLine } from "./text";

export const TENANT_KINDS = ["supplier", "asset_owner", "integrator"] as const;
export const ZTenantKind = z.enum(TENANT_KINDS);
export type TTenantKind = z.infer<typeof ZTenantKind>;

/** Roles within one tenant, weakest first. */
export const ROLES = ["viewer", "editor", "admin", "owner"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export function roleAtLeast(role: TRole, minimum: TRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/**
 * A CSAF publisher namespace (`document/publisher/namespace`) as compared everywhere: trimmed, lower case, no
 * trailing slash — the same document must not pass as two publishers by spelling its namespace differently.
 */
export function normalizePublisherNamespace(namespace: string): string {
  return namespace.trim().toLowerCase().replace(/\/+$/, "");
}

/** A namespace the platform operator verified for a supplier: an https URL the supplier controls. */
export const ZPublisherNamespace = z
  .string()
  .trim()
  .max(200, "at most 200 characters")
  .refine((text) => {
    try {
      const url = new URL(text);
      return (
        url.protocol === "https:" && url.username === "" && url.password === "" && !url.search && !url.hash
      );
    } catch {
      return false;
    }
  }, "an https URL without query or fragment, e.g. https://psirt.example.com")
  .transform(normalizePublisherNamespace);

export const ZSupplierVerification = z.object({
  verifiedAt: ZIsoDateTime,
  verifiedBy: z.string(),
  method: z.string().max(200),
  /**
   * CSAF publisher namespaces (besides the portal-assigned one) this supplier may import advisories under;
   * each belongs to one tenant only.
   */
  namespaces: z.array(z.string()).default([]),
});

export const ZSupplierVerificationInput = z.object({
  verified: z.boolean(),
  method: singleLine("Method").min(3, "say how you checked (at least 3 characters)").max(200),
  namespaces: z.array(ZPublisherNamespace).max(20, "at most 20 namespaces").default([]),
});
export type TSupplierVerificationInput = z.infer<typeof ZSupplierVerificationInput>;

/** What a supplier may publish advisories under: its CSAF publisher namespaces and its vendor names. */
export const ZPublisherRights = z.object({
  /** The portal-assigned namespace first, then those the operator verified (normalised). */
  namespaces: z.array(z.string()),
  /** Its organisation's name and the vendors of its published components. */
  vendorNames: z.array(z.string()),
});
export type TPublisherRights = z.infer<typeof ZPublisherRights>;

export const ZTenant = z.object({
  id: ZId,
  slug: ZSlug,
  name: z.string().min(1).max(120),
  /** Empty for the platform operator's own organisation. */
  kinds: z.array(ZTenantKind),
  /** Set by the platform operator once the supplier's identity (e.g. its domain) was checked. */
  supplierVerification: ZSupplierVerification.optional(),
  createdAt: ZIsoDateTime,
});
export type TTenant = z.infer<typeof ZTenant>;

export const ZMembership = z.object({
  tenantId: ZId,
  tenantSlug: ZSlug,
  tenantName: z.string(),
  tenantKinds: z.array(ZTenantKind),
  userId: ZId,
  role: ZRole,
});
export type TMembership = z.infer<typeof ZMembership>;

export const ZUser = z.object({
  id: ZId,
  email: z.email(),
  name: z.string().min(1).max(120),
  /** Operators verify suppliers and see the tenant list; they are not members of every tenant. */
  platformOperator: z.boolean().default(false),
  createdAt: ZIsoDateTime,
});
export type TUser = z.infer<typeof ZUser>;

/**
 * What an API key may do. Every route names the scopes that let a key call it; a key without one of them gets
 * 403, and routes that name none (key, member, grant and settings administration, the inbox) refuse keys.
 * People signed in to the portal are limited by their role, not by scopes.
 */
export const API_KEY_SCOPES = [
  "catalog:read",
  "components:write",
  "advisories:write",
  "sites:read",
  "sites:write",
  "obligations:write",
] as const;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

/** What each scope allows, as the portal explains it next to the scope's checkbox. */
export const API_KEY_SCOPE_HELP: Record<TApiKeyScope, string> = {
  "catalog:read":
    "Search the published catalog, read published components, their revisions, signed claims and certification evidence, read advisories, evaluate documents.",
  "components:write":
    "Suppliers: create, edit, publish and withdraw your components, read your drafts, record certifications, upload evidence files, look up customer tenants to restrict claims to.",
  "advisories:write":
    "Import CSAF advisories, write and revise your own advisories, confirm or reject advisory matches.",
  "sites:read":
    "Read your sites and sites shared with you: models, evaluations, exports, reports, grants, obligations and their evidence, advisory impact.",
  "sites:write":
    "Create, import, edit and delete sites, zones, assets, conduits and countermeasures (as far as your role and grants allow).",
  "obligations:write":
    "Work obligations: change status or due date, attach and remove evidence (and upload evidence files), request waivers, regenerate a site's obligations.",
};

export const ZApiKey = z.object({
  id: ZId,
  tenantId: ZId,
  name: z.string().min(1).max(80),
  /** The first characters of the secret, shown so people can tell keys apart; never the secret. */
  prefix: z.string(),
  scopes: z.array(ZApiKeyScope).min(1),
  role: ZRole,
  createdBy: z.string(),
  createdAt: ZIsoDateTime,
  lastUsedAt: ZIsoDateTime.optional(),
  revokedAt: ZIsoDateTime.optional(),
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZCreateApiKeyInput = z.object({
  name: singleLine("Name").min(1, "give the key a name").max(80),
  scopes: z.array(ZApiKeyScope).min(1, "choose at least one scope"),
});
export type TCreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;
