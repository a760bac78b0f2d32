import { z } from "zod";
import { ZCatalogSignals } from "./catalog-signals";
import { ZCertificationView } from "./certification";
import { type TComponentRelease, versionIssues, ZClaim, ZClaimSet, ZComponentRelease } from "./claim";
import { ZId, ZIsoDate, ZIsoDateTime } from "./ids";
import { ZSlVector } from "./sl-vector";
import { multiLine, singleLine } from "./text";

export const COMPONENT_TYPES = ["SAR", "EDR", "HDR", "NDR"] as const;
export const ZComponentType = z.enum(COMPONENT_TYPES);
export type TComponentType = z.infer<typeof ZComponentType>;

export const COMPONENT_TYPE_LABELS: Record<TComponentType, string> = {
  SAR: "Software application",
  EDR: "Embedded device",
  HDR: "Host device",
  NDR: "Network device",
};

export const ASSURANCE_BASES = ["self_declared", "third_party_assessed", "certified"] as const;
export const ZAssuranceBasis = z.enum(ASSURANCE_BASES);
export type TAssuranceBasis = z.infer<typeof ZAssuranceBasis>;

export const ZIdentifiers = z.object({
  purl: singleLine("Package URL")
    .regex(/^pkg:[a-z0-9.+-]+\/.+/i, "a package URL starts with pkg:<type>/")
    .optional(),
  cpe: singleLine("CPE name")
    .regex(
      /^cpe:2\.3:[aho*-](?::[^:]*){10}$/,
      "a CPE 2.3 name has 13 colon-separated parts: cpe:2.3:part:vendor:…",
    )
    .optional(),
  modelNumbers: z.array(singleLine("Model number").min(1).max(80)).max(50).default([]),
});

export const ZVisibility = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("public") }),
  /** NDA claims: only the named customer tenants (and the supplier) may see them. */
  z.object({ kind: z.literal("restricted"), tenantIds: z.array(ZId).min(1).max(100) }),
]);
export type TVisibility = z.infer<typeof ZVisibility>;

/**
 * The live restriction of a published component. It may name nobody for a while: replacing a customer removes
 * the old one at once (tightening is safe) while the new one is only added when the supplier publishes.
 */
export const ZLiveVisibility = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("public") }),
  z.object({ kind: z.literal("restricted"), tenantIds: z.array(ZId).max(100) }),
]);
export type TLiveVisibility = z.infer<typeof ZLiveVisibility>;

export const COMPONENT_STATUSES = ["draft", "published", "withdrawn"] as const;
export const ZComponentStatus = z.enum(COMPONENT_STATUSES);
export type TComponentStatus = z.infer<typeof ZComponentStatus>;

export const ZLifecycle = z
  .object({ ga: ZIsoDate.optional(), endOfSupport: ZIsoDate.optional() })
  .refine((l) => !l.ga || !l.endOfSupport || l.endOfSupport >= l.ga, {
    message: "end of support cannot be before general availability",
    path: ["endOfSupport"],
  });

/** A supplier's own stable key for a component (CI publishing finds the component by it). */
export const ZSourceKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, "lower-case letters, digits and . _ - (up to 80), e.g. nw-plc-5200");

const componentFields = {
  name: singleLine("Name").min(2, "name must have at least 2 characters").max(120),
  vendor: singleLine("Vendor").min(2).max(120).optional(),
  productLine: singleLine("Product line").max(120).default(""),
  componentType: ZComponentType,
  description: multiLine("Description").max(2000).default(""),
  identifiers: ZIdentifiers.default({ modelNumbers: [] }),
  visibility: ZVisibility.default({ kind: "public" }),
  lifecycle: ZLifecycle.default({}),
  sourceKey: ZSourceKey.optional(),
  versions: z.array(ZComponentRelease).max(200).optional(),
  /** Claims per version range; the first is the headline claim. */
  claims: z.array(ZClaim).min(1, "a component needs at least one claim").max(20).optional(),
  /** Shorthand for one claim over all versions ("*"), when `claims` is not given. */
  slC: ZSlVector.optional(),
  basis: ZAssuranceBasis.optional(),
};

const checkClaimsGiven = (input: { claims?: unknown[] | undefined; slC?: unknown }, ctx: z.RefinementCtx) => {
  if (!input.claims && !input.slC)
    ctx.addIssue({
      code: "custom",
      path: ["claims"],
      message: "give claims (or slC for one claim over all versions)",
    });
};
const checkVersions = (input: { versions?: TComponentRelease[] | undefined }, ctx: z.RefinementCtx) => {
  for (const issue of versionIssues(input.versions ?? [])) ctx.addIssue({ code: "custom", ...issue });
};

/** What a supplier writes when creating a component. */
export const ZComponentInput = z.object(componentFields).superRefine((input, ctx) => {
  checkClaimsGiven(input, ctx);
  checkVersions(input, ctx);
});
export type TComponentInput = z.input<typeof ZComponentInput>;

/** Editing the draft: any subset of the fields; `slC`/`basis` alone change the headline claim. */
export const ZComponentPatch = z
  .object({
    name: componentFields.name.optional(),
    vendor: componentFields.vendor,
    productLine: singleLine("Product line").max(120).optional(),
    componentType: ZComponentType.optional(),
    description: multiLine("Description").max(2000).optional(),
    identifiers: ZIdentifiers.optional(),
    visibility: ZVisibility.optional(),
    lifecycle: ZLifecycle.optional(),
    sourceKey: ZSourceKey.optional(),
    versions: componentFields.versions,
    claims: componentFields.claims,
    slC: ZSlVector.optional(),
    basis: ZAssuranceBasis.optional(),
  })
  .superRefine(checkVersions);
export type TComponentPatch = z.input<typeof ZComponentPatch>;

/** Older items kept `{slC, basis}` as the claim: read them as one claim over all versions. */
const upgradeClaimSet = (value: unknown) => {
  if (value && typeof value === "object" && !("claims" in value) && "slC" in value) {
    const { slC, basis, ...rest } = value as { slC: unknown; basis?: unknown };
    return { versions: [], ...rest, claims: [{ versionRange: "*", slC, basis: basis ?? "self_declared" }] };
  }
  return value;
};

export const ZPublishedSummary = z.preprocess(
  upgradeClaimSet,
  z.object({
    revision: z.number().int().min(1),
    /** The headline claim's SL-C and basis (catalog filters and lists). */
    slC: ZSlVector,
    basis: ZAssuranceBasis,
    publishedAt: ZIsoDateTime,
    /** Digest of the published content: publishing the same content again makes no new revision. */
    digest: z.string().default(""),
    versions: z.array(ZComponentRelease).default([]),
    claims: z.array(ZClaim).default([]),
  }),
);
export type TPublishedSummary = z.infer<typeof ZPublishedSummary>;

/**
 * The details of a published component that buyers see and a revision signs. Edits to them wait in `pending`
 * until the supplier publishes (a tightened restriction applies at once; see narrowestVisibility).
 */
export const ZPublishedDetails = z.object({
  name: z.string(),
  vendor: z.string(),
  productLine: z.string(),
  componentType: ZComponentType,
  description: z.string(),
  identifiers: ZIdentifiers,
  lifecycle: z.object({ ga: ZIsoDate.optional(), endOfSupport: ZIsoDate.optional() }),
  visibility: ZVisibility,
});
export const PUBLISHED_DETAILS = ZPublishedDetails.keyof().options;

export const ZPendingDetails = ZPublishedDetails.partial();
export type TPendingDetails = z.infer<typeof ZPendingDetails>;

export const ZComponent = z.object({
  id: ZId,
  supplierTenantId: ZId,
  /** The brand shown to buyers; defaults to the supplier tenant's name. */
  vendor: z.string(),
  name: z.string(),
  productLine: z.string(),
  componentType: ZComponentType,
  description: z.string(),
  identifiers: ZIdentifiers,
  /** Who may see the component now (for a published one: the last published restriction, or tighter). */
  visibility: ZLiveVisibility,
  status: ZComponentStatus,
  sourceKey: ZSourceKey.optional(),
  /** Edits to the published details that take effect when the supplier next publishes (absent: none). */
  pending: ZPendingDetails.optional(),
  /**
   * Random salt of the audience digest a signed revision carries instead of the customer list (docs/adr/0061).
   * The supplier's own; never shown to anyone else.
   */
  audienceSalt: z.string().optional(),
  /** The editable content: what the next publication will contain. */
  draft: z.preprocess(upgradeClaimSet, ZClaimSet),
  /** The claim set others see; absent until first published. */
  published: ZPublishedSummary.optional(),
  lifecycle: z.object({ ga: ZIsoDate.optional(), endOfSupport: ZIsoDate.optional() }).default({}),
  withdrawnAt: ZIsoDateTime.optional(),
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TComponent = z.infer<typeof ZComponent>;

export const ZSupplierSummary = z.object({
  id: ZId,
  name: z.string(),
  slug: z.string(),
  verified: z.boolean(),
});
export type TSupplierSummary = z.infer<typeof ZSupplierSummary>;

/** A component as another tenant sees it: the published claim and the supplier, never the draft. */
export const ZCatalogEntry = ZComponent.omit({
  draft: true,
  version: true,
  pending: true,
  audienceSalt: true,
}).extend({
  published: ZPublishedSummary,
  supplier: ZSupplierSummary,
  /** The certifications the published claims rest on, as they stand now (status, expiry, evidence). */
  certifications: z.array(ZCertificationView).default([]),
  /** Certification state today and open advisories, as this reader may see them (docs/adr/0033). */
  signals: ZCatalogSignals,
});
export type TCatalogEntry = z.infer<typeof ZCatalogEntry>;

export const ZCatalogQuery = z.object({
  q: singleLine("Search").max(100).optional(),
  vendor: singleLine("Vendor").max(120).optional(),
  componentType: ZComponentType.optional(),
  /** Minimum published SL-C per FR, e.g. minSl=2,2,0,0,1,0,0. */
  minSl: z
    .string()
    .regex(/^[0-4](,[0-4]){6}$/, "seven comma-separated levels 0–4, FR1 first")
    .transform((value) => value.split(",").map(Number))
    .optional(),
  verifiedOnly: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  /** true: the headline claim rests on a certification valid today; false: it does not. */
  certificationValid: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  /** true: at least one open advisory (that you may read) names the component; false: none does. */
  openAdvisories: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type TCatalogQuery = z.infer<typeof ZCatalogQuery>;
