/**
 * The only place DynamoDB keys are built. Private data lives in partitions that start with
 * `T#<tenantId>`, so IAM `dynamodb:LeadingKeys` can confine a tenant-scoped role to its own data.
 * Global lookup items (user, e-mail, slug, API-key hash) hold no tenant data beyond the id they point to.
 * See docs/adr/0001-single-table-keys.md.
 */

export interface Key {
  pk: string;
  sk: string;
}

const tenantPk = (tenantId: string) => `T#${tenantId}`;

export const keys = {
  tenantPrefix: (tenantId: string) => tenantPk(tenantId),

  tenant: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: "TENANT" }),
  tenantSlug: (slug: string): Key => ({ pk: `SLUG#${slug}`, sk: "SLUG" }),
  /** catalog index: every tenant, for the operator's tenant list and verification queue. */
  tenantListing: (slug: string) => ({ catalogPk: "TENANTS", catalogSk: slug }),

  user: (userId: string): Key => ({ pk: `USER#${userId}`, sk: "USER" }),
  userEmail: (email: string): Key => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: "EMAIL" }),

  membership: (tenantId: string, userId: string): Key => ({ pk: tenantPk(tenantId), sk: `MEMBER#${userId}` }),
  membershipPrefix: "MEMBER#",
  /** byUser index: the tenants one user belongs to. */
  membershipByUser: (userId: string, tenantId: string) => ({
    userPk: `USER#${userId}`,
    userSk: `T#${tenantId}`,
  }),
  userMembershipsPk: (userId: string) => `USER#${userId}`,

  apiKey: (tenantId: string, keyId: string): Key => ({ pk: tenantPk(tenantId), sk: `APIKEY#${keyId}` }),
  apiKeyPrefix: "APIKEY#",
  /** Lookup by the SHA-256 of the secret, the only thing the server keeps of it. */
  apiKeyHash: (hash: string): Key => ({ pk: `APIKEYHASH#${hash}`, sk: "APIKEYHASH" }),

  component: (supplierTenantId: string, componentId: string): Key => ({
    pk: tenantPk(supplierTenantId),
    sk: `COMP#${componentId}`,
  }),
  componentPrefix: "COMP#",
  /** Published revisions, immutable once written. */
  componentRevision: (supplierTenantId: string, componentId: string, revision: number): Key => ({
    pk: tenantPk(supplierTenantId),
    sk: `COMPREV#${componentId}#${String(revision).padStart(6, "0")}`,
  }),
  componentRevisionPrefix: (componentId: string) => `COMPREV#${componentId}#`,
  /** catalog index: published public components, sorted by type, then name. */
  catalogComponentsPk: "CATALOG#COMPONENT",
  catalogComponent: (componentType: string, normalisedName: string, componentId: string) => ({
    catalogPk: "CATALOG#COMPONENT",
    catalogSk: `${componentType}#${normalisedName}#${componentId}`,
  }),
  /** byIdentifier index: a component found by id alone (its supplier is not known to the reader). */
  componentById: (componentId: string) => ({ identPk: `COMPONENT#${componentId}`, identSk: "COMPONENT" }),
  /** A restricted component made visible to one customer tenant (a pointer item in the customer's partition). */
  componentShare: (customerTenantId: string, componentId: string): Key => ({
    pk: tenantPk(customerTenantId),
    sk: `SHARED#COMP#${componentId}`,
  }),
  componentSharePrefix: "SHARED#COMP#",

  site: (tenantId: string, siteId: string): Key => ({ pk: tenantPk(tenantId), sk: `SITE#${siteId}` }),
  sitePrefix: "SITE#",
  zone: (tenantId: string, siteId: string, zoneId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `ZONE#${siteId}#${zoneId}`,
  }),
  zonePrefix: (siteId: string) => `ZONE#${siteId}#`,

  // --- Evidence files (storage/evidence-store.ts holds the bytes; these items hold what they are) ---
  evidence: (tenantId: string, evidenceId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `EVIDENCE#${evidenceId}`,
  }),
  evidencePrefix: "EVIDENCE#",

  audit: (tenantId: string, at: string, eventId: string): Key => ({
    pk: `${tenantPk(tenantId)}#AUDIT`,
    sk: `${at}#${eventId}`,
  }),
  auditPk: (tenantId: string) => `${tenantPk(tenantId)}#AUDIT`,

  idempotency: (tenantId: string, idempotencyKey: string): Key => ({
    pk: `${tenantPk(tenantId)}#IDEM`,
    sk: idempotencyKey,
  }),

  meta: (name: string): Key => ({ pk: "META", sk: name }),
} as const;
