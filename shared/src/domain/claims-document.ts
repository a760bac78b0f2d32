import { z } from "zod";
import { ZCertificationStatus, ZStandardPart } from "./certification";
import { versionIssues, ZClaim, ZComponentRelease } from "./claim";
import { ZComponentType, ZIdentifiers, ZSourceKey } from "./component";
import { ZIsoDate, ZSlug } from "./ids";
import { ZSlVector } from "./sl-vector";
import { multiLine, singleLine } from "./text";

/**
 * The file suppliers publish from CI with `assure publish claims.yaml` (docs/publishing.md): components keyed by
 * the supplier's own `key`, their versions and claims, and the certifications the claims rest on, with evidence
 * files given as paths relative to the document. Publishing the same document twice changes nothing.
 * JSON Schema: docs/schemas/claims-document.schema.json.
 */

export const CLAIMS_DOCUMENT_FORMAT = "assure-claims/1";

export const ZDocumentCertification = z
  .object({
    key: ZSourceKey.describe("Your own stable key for the certification; claims name it in `certification`."),
    scheme: singleLine("Scheme").min(2).max(120),
    body: singleLine("Certification body").min(2).max(120).describe("The certification body"),
    certificateNo: singleLine("Certificate number").min(1).max(80),
    standardPart: ZStandardPart,
    slC: ZSlVector.optional().describe("Certified SL-C (4-2, 3-3)"),
    ml: z.number().int().min(1).max(4).optional().describe("Certified maturity level (4-1)"),
    issued: ZIsoDate,
    expires: ZIsoDate.optional(),
    status: ZCertificationStatus.default("valid"),
    scope: multiLine("Scope").max(500).default(""),
    evidence: z
      .array(z.string().min(1).max(500))
      .max(10)
      .default([])
      .describe("Evidence files (PDF, …), paths relative to this document"),
  })
  .strict();
export type TDocumentCertification = z.infer<typeof ZDocumentCertification>;

export const ZDocumentClaim = ZClaim.omit({ certificationId: true })
  .extend({
    certification: ZSourceKey.optional().describe("The `key` of a certification in this document"),
  })
  .strict();

export const ZDocumentVisibility = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("public") }).strict(),
  z
    .object({
      kind: z.literal("restricted"),
      tenants: z
        .array(ZSlug)
        .min(1)
        .max(100)
        .describe("Slugs of the customer tenants that may see the claims"),
    })
    .strict(),
]);

export const ZDocumentComponent = z
  .object({
    key: ZSourceKey.describe("Your own stable key for the component (publishing finds it by this)"),
    name: singleLine("Name").min(2).max(120),
    vendor: singleLine("Vendor").min(2).max(120).optional(),
    productLine: singleLine("Product line").max(120).default(""),
    componentType: ZComponentType,
    description: multiLine("Description").max(2000).default(""),
    identifiers: ZIdentifiers.default({ modelNumbers: [] }),
    visibility: ZDocumentVisibility.default({ kind: "public" }),
    lifecycle: z.object({ ga: ZIsoDate.optional(), endOfSupport: ZIsoDate.optional() }).strict().default({}),
    versions: z.array(ZComponentRelease).max(200).default([]),
    claims: z.array(ZDocumentClaim).min(1, "a component needs at least one claim").max(20),
  })
  .strict()
  .superRefine((component, ctx) => {
    for (const issue of versionIssues(component.versions)) ctx.addIssue({ code: "custom", ...issue });
  });
export type TDocumentComponent = z.infer<typeof ZDocumentComponent>;

export const ZClaimsDocument = z
  .object({
    format: z.literal(CLAIMS_DOCUMENT_FORMAT),
    certifications: z.array(ZDocumentCertification).max(50).default([]),
    components: z.array(ZDocumentComponent).min(1, "list at least one component").max(50),
  })
  .strict()
  .superRefine((document, ctx) => {
    const certKeys = new Set<string>();
    document.certifications.forEach((certification, i) => {
      if (certKeys.has(certification.key))
        ctx.addIssue({
          code: "custom",
          path: ["certifications", i, "key"],
          message: `key ${certification.key} is used twice`,
        });
      certKeys.add(certification.key);
    });
    const componentKeys = new Set<string>();
    document.components.forEach((component, i) => {
      if (componentKeys.has(component.key))
        ctx.addIssue({
          code: "custom",
          path: ["components", i, "key"],
          message: `key ${component.key} is used twice`,
        });
      componentKeys.add(component.key);
      component.claims.forEach((claim, j) => {
        if (claim.certification && !certKeys.has(claim.certification))
          ctx.addIssue({
            code: "custom",
            path: ["components", i, "claims", j, "certification"],
            message: `no certification with key ${claim.certification} in this document`,
          });
      });
    });
  })
  .meta({
    title: "Assure claims document",
    description:
      "Components, versions, IEC 62443 claims and certifications, published with `assure publish`.",
  });
export type TClaimsDocument = z.infer<typeof ZClaimsDocument>;

export function claimsDocumentJsonSchema() {
  return z.toJSONSchema(ZClaimsDocument, { io: "input", target: "draft-2020-12" });
}
