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

/** Who owns an advisory (mirrors TAdvisoryOwner in shared). */
export type AdvisoryOwnerRef = { kind: "platform" } | { kind: "supplier"; tenantId: string };

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

  // --- Supplier publishing: certifications, referenced by component claims (docs/adr/0030) ---
  certification: (supplierTenantId: string, certificationId: string): Key => ({
    pk: tenantPk(supplierTenantId),
    sk: `CERT#${certificationId}`,
  }),
  certificationPrefix: "CERT#",
  /** catalog index: valid certifications with an expiry, by expiry date (the daily reminder job only). */
  certificationExpiry: (expires: string, certificationId: string) => ({
    catalogPk: "CERTEXPIRY",
    catalogSk: `${expires}#${certificationId}`,
  }),
  certificationExpiryPk: "CERTEXPIRY",

  // --- Evidence files (storage/evidence-store.ts holds the bytes; these items hold what they are) ---
  evidence: (tenantId: string, evidenceId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `EVIDENCE#${evidenceId}`,
  }),
  evidencePrefix: "EVIDENCE#",

  // --- Advisories (docs/adr/0050): platform-owned ones in their own partition `ADV#<id>`, supplier-owned ones
  // in the supplier's partition. Matches sit beside the summary; per-tenant impact, decisions and inbox are private.
  advisory: (owner: AdvisoryOwnerRef, advisoryId: string): Key =>
    owner.kind === "platform"
      ? { pk: `ADV#${advisoryId}`, sk: "ADVISORY" }
      : { pk: tenantPk(owner.tenantId), sk: `ADV#${advisoryId}` },
  /** A supplier's own advisories (drafts included): begins_with on the supplier partition. */
  advisoryPrefix: "ADV#",
  advisoryMatch: (owner: AdvisoryOwnerRef, advisoryId: string, componentId: string): Key =>
    owner.kind === "platform"
      ? { pk: `ADV#${advisoryId}`, sk: `MATCH#${componentId}` }
      : { pk: tenantPk(owner.tenantId), sk: `ADVMATCH#${advisoryId}#${componentId}` },
  advisoryMatchPrefix: (owner: AdvisoryOwnerRef, advisoryId: string) =>
    owner.kind === "platform" ? "MATCH#" : `ADVMATCH#${advisoryId}#`,
  /** Every stored revision (document key and hashes), immutable. */
  advisoryRevision: (owner: AdvisoryOwnerRef, advisoryId: string, sequence: number): Key => {
    const n = String(sequence).padStart(6, "0");
    return owner.kind === "platform"
      ? { pk: `ADV#${advisoryId}`, sk: `REV#${n}` }
      : { pk: tenantPk(owner.tenantId), sk: `ADVREV#${advisoryId}#${n}` };
  },
  advisoryRevisionPrefix: (owner: AdvisoryOwnerRef, advisoryId: string) =>
    owner.kind === "platform" ? "REV#" : `ADVREV#${advisoryId}#`,
  /** A CSAF publisher namespace verified for one supplier (normalised), so no two tenants hold the same one. */
  publisherNamespace: (normalizedNamespace: string): Key => ({
    pk: `PUBNS#${normalizedNamespace}`,
    sk: "NAMESPACE",
  }),
  /** One claim per advisory id, so two owners can never store the same (publisher, tracking id). */
  advisoryClaim: (advisoryId: string): Key => ({ pk: `ADVCLAIM#${advisoryId}`, sk: "CLAIM" }),
  /** byIdentifier index: an advisory by id (its owner is not known to the reader). */
  advisoryById: (advisoryId: string) => ({ identPk: `ADVISORY#${advisoryId}`, identSk: "ADVISORY" }),
  /** byIdentifier index: the advisories matched to one catalog component. */
  advisoryMatchByComponent: (componentId: string, advisoryId: string) => ({
    identPk: `ADVMATCHES#${componentId}`,
    identSk: advisoryId,
  }),
  advisoryMatchesByComponentPk: (componentId: string) => `ADVMATCHES#${componentId}`,
  /** catalog index: published public advisories, newest release first (scan backwards). */
  catalogAdvisoriesPk: "CATALOG#ADVISORY",
  catalogAdvisory: (currentReleaseDate: string, advisoryId: string) => ({
    catalogPk: "CATALOG#ADVISORY",
    catalogSk: `${currentReleaseDate}#${advisoryId}`,
  }),
  /** A restricted advisory made readable to one tenant (pointer in that tenant's partition). */
  advisoryShare: (tenantId: string, advisoryId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `SHARED#ADV#${advisoryId}`,
  }),
  advisorySharePrefix: "SHARED#ADV#",
  /** A tenant's confirm/reject of an ambiguous match; re-applied when the advisory is re-imported. */
  matchDecision: (tenantId: string, advisoryId: string, componentId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `MATCHDECISION#${advisoryId}#${componentId}`,
  }),
  /** An advisory hitting one asset of an asset owner, sorted by site so a site's view is one query. */
  advisoryImpact: (tenantId: string, siteId: string, assetId: string, advisoryId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `IMPACT#${siteId}#${assetId}#${advisoryId}`,
  }),
  advisoryImpactPrefix: (siteId?: string) => (siteId ? `IMPACT#${siteId}#` : "IMPACT#"),
  advisorySettings: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: "ADVSETTINGS" }),
  /** The tenant's webhook signing key, apart from the settings so reading settings never returns it. */
  webhookSecret: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: "WEBHOOKSECRET" }),
  /** Tracking-number sequence for advisories a supplier authors in the portal. */
  advisorySequence: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: "ADVSEQUENCE" }),

  /** The portal as a CSAF provider: one entry per published TLP:CLEAR/WHITE supplier document, by its path. */
  csafProviderEntry: (documentPath: string): Key => ({ pk: "CSAFPROVIDER#WHITE", sk: documentPath }),
  csafProviderPk: "CSAFPROVIDER#WHITE",

  // --- Notifications: a tenant's inbox, newest last, and its unread counter ---
  notification: (tenantId: string, at: string, notificationId: string): Key => ({
    pk: `${tenantPk(tenantId)}#INBOX`,
    sk: `${at}#${notificationId}`,
  }),
  inboxPk: (tenantId: string) => `${tenantPk(tenantId)}#INBOX`,
  inboxCounter: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: "INBOXCOUNTER" }),

  // --- Site model (docs/adr/0040): children of a site sit in the owner's partition, one prefix per kind ---
  asset: (tenantId: string, siteId: string, assetId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `ASSET#${siteId}#${assetId}`,
  }),
  assetPrefix: (siteId: string) => `ASSET#${siteId}#`,
  /** byIdentifier index: which tenants run a component (impact analysis), one Query per component. */
  assetUsedBy: (componentId: string, tenantId: string, siteId: string, assetId: string) => ({
    identPk: `USEDBY#${componentId}`,
    identSk: `${tenantId}#${siteId}#${assetId}`,
  }),
  assetUsedByPk: (componentId: string) => `USEDBY#${componentId}`,
  conduit: (tenantId: string, siteId: string, conduitId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `CONDUIT#${siteId}#${conduitId}`,
  }),
  conduitPrefix: (siteId: string) => `CONDUIT#${siteId}#`,
  countermeasure: (tenantId: string, siteId: string, countermeasureId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `CM#${siteId}#${countermeasureId}`,
  }),
  countermeasurePrefix: (siteId: string) => `CM#${siteId}#`,
  /** Tracked obligations of a site; `OBL#` alone lists a tenant's obligations over all its sites. */
  obligation: (tenantId: string, siteId: string, obligationId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `OBL#${siteId}#${obligationId}`,
  }),
  obligationPrefix: (siteId?: string) => (siteId ? `OBL#${siteId}#` : "OBL#"),
  /** byIdentifier index: the obligations another tenant (integrator, supplier) owes (docs/adr/0040). */
  obligationOwedBy: (obligeeTenantId: string, obligationId: string) => ({
    identPk: `OBLIGEE#${obligeeTenantId}`,
    identSk: obligationId,
  }),
  obligationOwedByPk: (obligeeTenantId: string) => `OBLIGEE#${obligeeTenantId}`,
  /** A site shared with an integrator: the grant in the owner's partition (kept after revocation)… */
  siteGrant: (ownerTenantId: string, siteId: string, granteeTenantId: string): Key => ({
    pk: tenantPk(ownerTenantId),
    sk: `GRANT#${siteId}#${granteeTenantId}`,
  }),
  siteGrantPrefix: (siteId: string) => `GRANT#${siteId}#`,
  /** …and, while it is active, a pointer in the grantee's partition (docs/adr/0040). */
  siteShare: (granteeTenantId: string, siteId: string): Key => ({
    pk: tenantPk(granteeTenantId),
    sk: `SITESHARE#${siteId}`,
  }),
  siteSharePrefix: "SITESHARE#",

  audit: (tenantId: string, at: string, eventId: string): Key => ({
    pk: `${tenantPk(tenantId)}#AUDIT`,
    sk: `${at}#${eventId}`,
  }),
  auditPk: (tenantId: string) => `${tenantPk(tenantId)}#AUDIT`,

  /** Per caller (`user:<id>` or `api_key:<id>`) within the tenant: nobody replays another caller's answer. */
  idempotency: (tenantId: string, actor: string, idempotencyKey: string): Key => ({
    pk: `${tenantPk(tenantId)}#IDEM`,
    sk: `${actor}#${idempotencyKey}`,
  }),

  meta: (name: string): Key => ({ pk: "META", sk: name }),

  /**
   * Failed (and in-flight) password sign-ins in one fixed window, per account or per client address. `subject` is
   * a SHA-256 of the e-mail or address, so the table holds neither; the item expires with its window (TTL).
   */
  signInAttempts: (dimension: "account" | "address", subject: string, windowStart: number): Key => ({
    pk: `SIGNIN#${dimension}#${subject}`,
    sk: `W#${windowStart}`,
  }),
} as const;
