import { z } from "zod";
import { ZId, ZIsoDate, ZIsoDateTime } from "./ids";
import { ZSlVector } from "./sl-vector";

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
  purl: z
    .string()
    .trim()
    .regex(/^pkg:[a-z0-9.+-]+\/.+/i, "a package URL starts with pkg:<type>/")
    .optional(),
  cpe: z
    .string()
    .trim()
    .regex(
      /^cpe:2\.3:[aho*-](?::[^:]*){10}$/,
      "a CPE 2.3 name has 13 colon-separated parts: cpe:2.3:part:vendor:…",
    )
    .optional(),
  modelNumbers: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
});

export const ZVisibility = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("public") }),
  /** NDA claims: only the named customer tenants (and the supplier) may see them. */
  z.object({ kind: z.literal("restricted"), tenantIds: z.array(ZId).min(1).max(100) }),
]);
export type TVisibility = z.infer<typeof ZVisibility>;

export const COMPONENT_STATUSES = ["draft", "published", "withdrawn"] as const;
export const ZComponentStatus = z.enum(COMPONENT_STATUSES);

/** What a supplier writes when creating or editing a component. */
export const ZComponentInput = z.object({
  name: z.string().trim().min(2, "name must have at least 2 characters").max(120),
  vendor: z.string().trim().min(2).max(120).optional(),
  productLine: z.string().trim().max(120).default(""),
  componentType: ZComponentType,
  description: z.string().trim().max(2000).default(""),
  identifiers: ZIdentifiers.default({ modelNumbers: [] }),
  visibility: ZVisibility.default({ kind: "public" }),
  slC: ZSlVector,
  basis: ZAssuranceBasis.default("self_declared"),
});
export type TComponentInput = z.infer<typeof ZComponentInput>;

export const ZComponentPatch = ZComponentInput.partial();
export type TComponentPatch = z.infer<typeof ZComponentPatch>;

export const ZPublishedSummary = z.object({
  revision: z.number().int().min(1),
  slC: ZSlVector,
  basis: ZAssuranceBasis,
  publishedAt: ZIsoDateTime,
});

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
  visibility: ZVisibility,
  status: ZComponentStatus,
  /** The editable claim: what the next publication will contain. */
  draft: z.object({ slC: ZSlVector, basis: ZAssuranceBasis }),
  /** The claim others see; absent until first published. */
  published: ZPublishedSummary.optional(),
  lifecycle: z.object({ ga: ZIsoDate.optional(), endOfSupport: ZIsoDate.optional() }).default({}),
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
export const ZCatalogEntry = ZComponent.omit({ draft: true, version: true }).extend({
  published: ZPublishedSummary,
  supplier: ZSupplierSummary,
});
export type TCatalogEntry = z.infer<typeof ZCatalogEntry>;

export const ZCatalogQuery = z.object({
  q: z.string().trim().max(100).optional(),
  vendor: z.string().trim().max(120).optional(),
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
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type TCatalogQuery = z.infer<typeof ZCatalogQuery>;
