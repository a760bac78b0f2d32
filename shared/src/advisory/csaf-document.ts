import { z } from "zod";

// The parts of a CSAF 2.0 document that product matching reads. Loose on purpose: validation is the job of the
// CSAF validator; this only gives typed access and ignores everything else.

export const ZProductIdentificationHelper = z.looseObject({
  cpe: z.string().optional(),
  purl: z.string().optional(),
  model_numbers: z.array(z.string()).optional(),
  skus: z.array(z.string()).optional(),
});

export const ZFullProductName = z.looseObject({
  name: z.string(),
  product_id: z.string(),
  product_identification_helper: ZProductIdentificationHelper.optional(),
});
export type TFullProductName = z.infer<typeof ZFullProductName>;

export type TCsafBranch = {
  category: string;
  name: string;
  product?: TFullProductName;
  branches?: TCsafBranch[];
};
export const ZCsafBranch: z.ZodType<TCsafBranch> = z.lazy(() =>
  z.looseObject({
    category: z.string(),
    name: z.string(),
    product: ZFullProductName.optional(),
    branches: z.array(ZCsafBranch).optional(),
  }),
);

export const ZRelationship = z.looseObject({
  category: z.string(),
  product_reference: z.string(),
  relates_to_product_reference: z.string(),
  full_product_name: ZFullProductName,
});

export const ZProductStatus = z.looseObject({
  first_affected: z.array(z.string()).optional(),
  first_fixed: z.array(z.string()).optional(),
  fixed: z.array(z.string()).optional(),
  known_affected: z.array(z.string()).optional(),
  known_not_affected: z.array(z.string()).optional(),
  last_affected: z.array(z.string()).optional(),
  recommended: z.array(z.string()).optional(),
  under_investigation: z.array(z.string()).optional(),
});
export type TProductStatusName = keyof z.infer<typeof ZProductStatus>;

export const ZCsafDocument = z.looseObject({
  document: z.looseObject({ tracking: z.looseObject({ id: z.string() }).optional() }).optional(),
  product_tree: z
    .looseObject({
      branches: z.array(ZCsafBranch).optional(),
      full_product_names: z.array(ZFullProductName).optional(),
      relationships: z.array(ZRelationship).optional(),
    })
    .optional(),
  vulnerabilities: z
    .array(
      z.looseObject({
        cve: z.string().optional(),
        ids: z.array(z.looseObject({ system_name: z.string(), text: z.string() })).optional(),
        product_status: ZProductStatus.optional(),
      }),
    )
    .optional(),
});
export type TCsafDocument = z.infer<typeof ZCsafDocument>;
