import { z } from "zod";
import { ZAssuranceBasis, ZComponentType } from "../domain/component";
import { ZSlVector } from "../domain/sl-vector";
import { ZObligation } from "../engine/collect-obligations";
import { ZVerdict } from "../engine/judge-fr-verdict";
import { ZReason } from "../engine/verdict-reason";

/** The evaluation result (docs/engine.md). Fields may be added in later versions; none will be removed. */

export const EVALUATION_FORMAT_VERSION = 1;

export const ZFrVerdictResult = z
  .object({
    fr: z.number().int().min(1).max(7),
    slT: z.number().int(),
    slC: z
      .number()
      .int()
      .describe("The level used: declared, or derived where the listed requirements support less."),
    effective: z.number().int().describe("SL-C raised by the best applicable countermeasure."),
    verdict: ZVerdict,
    reasons: z.array(ZReason),
  })
  .meta({ id: "EvaluationFrVerdict" });

export const ZSuggestionResult = z.object({
  componentId: z.string(),
  slC: ZSlVector,
  basis: ZAssuranceBasis,
  headroom: z.number().int(),
});

export const ZAssetResult = z
  .object({
    id: z.string(),
    componentId: z.string(),
    perFr: z.array(ZFrVerdictResult).describe("One entry per FR, FR1 first."),
    atRisk: z.boolean().describe("An open advisory (known_affected, no fix applied) hits this asset."),
    basis: ZAssuranceBasis.nullable().describe(
      "The basis that counts on the evaluation date; null without a claim.",
    ),
    reasons: z.array(ZReason),
    suggestions: z.array(ZSuggestionResult).optional(),
  })
  .meta({ id: "EvaluationAssetResult" });

export const ZVerdictCounts = z
  .object({
    assets: z.number().int(),
    atRisk: z.number().int(),
    meets: z.number().int(),
    covered: z.number().int(),
    gap: z.number().int(),
  })
  .meta({ id: "EvaluationVerdictCounts" });

const ZAssetGroupResult = z.object({
  id: z.string(),
  name: z.string().optional(),
  slT: ZSlVector,
  slA: ZSlVector.describe("Weakest link: per FR the lowest effective level over the zone's assets."),
  compliant: z.boolean().describe("SL-A ≥ SL-T on every FR and every asset meets the minimum basis."),
  minimumBasis: ZAssuranceBasis,
  basisMet: z.boolean(),
  reasons: z.array(ZReason),
  assets: z.array(ZAssetResult),
  obligations: z.array(ZObligation),
  counts: ZVerdictCounts,
});

export const ZZoneResult = ZAssetGroupResult.extend({
  empty: z
    .boolean()
    .describe(
      "The zone has no assets yet: there is nothing to evaluate. It is not compliant, and not counted as failing either.",
    ),
});

export const ZConduitResult = ZAssetGroupResult.extend({
  from: z.string(),
  to: z.string(),
  slTInherited: z
    .boolean()
    .describe("SL-T was not given and is the element-wise maximum of the two zones' SL-T."),
});

export const ZComponentResult = z.object({
  id: z.string(),
  componentType: ZComponentType,
  hasClaim: z.boolean(),
  declaredSlC: ZSlVector.nullable(),
  derivedSlC: z
    .array(z.number().int().nullable())
    .nullable()
    .describe("Per FR the level the listed requirements support; null where none are listed."),
  slC: ZSlVector,
  declaredBasis: ZAssuranceBasis.nullable(),
  basis: ZAssuranceBasis.nullable(),
  reasons: z.array(ZReason),
  inconsistencies: z.array(ZReason),
});

export const ZEvaluationResult = z
  .object({
    formatVersion: z.literal(EVALUATION_FORMAT_VERSION),
    evaluationDate: z.string(),
    summary: z.object({
      zones: z.number().int(),
      compliantZones: z.number().int(),
      emptyZones: z.number().int().describe("Zones without assets (neither compliant nor failing)."),
      conduits: z.number().int(),
      compliantConduits: z.number().int(),
      assets: z.number().int(),
      atRiskAssets: z.number().int(),
      meets: z.number().int(),
      covered: z.number().int(),
      gap: z.number().int(),
      obligations: z.number().int(),
      inconsistencies: z.number().int(),
    }),
    components: z.array(ZComponentResult),
    zones: z.array(ZZoneResult),
    conduits: z.array(ZConduitResult),
  })
  .meta({
    title: "Evaluation result",
    description: "Verdicts with reasons for an IEC 62443 evaluation document.",
  });
export type TEvaluationResult = z.infer<typeof ZEvaluationResult>;
export type TZoneResult = z.infer<typeof ZZoneResult>;
export type TConduitResult = z.infer<typeof ZConduitResult>;
export type TAssetResult = z.infer<typeof ZAssetResult>;
