import { z } from "zod";
import { ZComponentType } from "../domain/component";

/** Schemas of the project's own catalog data (data/*.json): ids, short titles and SL applicability only. */

const ZFrNumber = z.number().int().min(1).max(7);
const ZRequiredLevel = z.number().int().min(1).max(4);

export const ZFoundationalRequirementRow = z.object({
  number: ZFrNumber,
  id: z.string(),
  abbreviation: z.string(),
  name: z.string(),
});
export type TFoundationalRequirementRow = z.infer<typeof ZFoundationalRequirementRow>;

/** IEC 62443-3-3 system requirement (SR) or requirement enhancement (RE). */
export const ZSystemRequirementRow = z.object({
  id: z.string(),
  kind: z.enum(["SR", "RE"]),
  fr: ZFrNumber,
  parent: z.string().optional(),
  title: z.string(),
  /** Lowest SL-C(FR, control system) at which the row is required; cumulative upwards. */
  minSl: ZRequiredLevel,
  slLevels: z.array(ZRequiredLevel),
});
export type TSystemRequirementRow = z.infer<typeof ZSystemRequirementRow>;

export const COMPONENT_REQUIREMENT_APPLICABILITIES = [
  "all-components",
  "component-specific",
  "no-component-requirement",
  "SAR",
  "EDR",
  "HDR",
  "NDR",
] as const;

/**
 * IEC 62443-4-2 row. `applicability` says who must meet it: every component type, one type (SAR/EDR/HDR/NDR
 * rows), or nobody directly (`component-specific` CR clauses are realised by the type rows in `appliesVia`;
 * `no-component-requirement` clauses exist only to mirror 3-3).
 */
export const ZComponentRequirementRow = z.object({
  id: z.string(),
  kind: z.enum(["CR", "CR-RE", "SAR", "SAR-RE", "EDR", "EDR-RE", "HDR", "HDR-RE", "NDR", "NDR-RE"]),
  fr: ZFrNumber,
  parent: z.string().optional(),
  parentCr: z.string().optional(),
  title: z.string(),
  applicability: z.enum(COMPONENT_REQUIREMENT_APPLICABILITIES),
  componentType: ZComponentType.optional(),
  appliesVia: z.array(z.string()).optional(),
  /** Null for clauses that carry no level themselves (component-specific or no component requirement). */
  minSl: ZRequiredLevel.nullable(),
  slLevels: z.array(ZRequiredLevel),
});
export type TComponentRequirementRow = z.infer<typeof ZComponentRequirementRow>;

export const ZDevelopmentPracticeRow = z.object({
  number: z.number().int().min(1).max(8),
  abbreviation: z.string(),
  name: z.string(),
  clause: z.string(),
  requirementCount: z.number().int().min(1),
});
export type TDevelopmentPracticeRow = z.infer<typeof ZDevelopmentPracticeRow>;

export const ZDevelopmentRequirementRow = z.object({
  id: z.string(),
  practice: z.string(),
  title: z.string(),
  clause: z.string(),
});
export type TDevelopmentRequirementRow = z.infer<typeof ZDevelopmentRequirementRow>;

export const ZMaturityLevelRow = z.object({
  level: z.number().int().min(1).max(4),
  name: z.string(),
  /** A one-line paraphrase, not the standard's text. */
  summary: z.string(),
});
export type TMaturityLevelRow = z.infer<typeof ZMaturityLevelRow>;

export const ZServiceProviderAreaRow = z.object({
  id: z.string(),
  title: z.string(),
  baseRequirementCount: z.number().int().min(0),
  enhancementCount: z.number().int().min(0),
});
export type TServiceProviderAreaRow = z.infer<typeof ZServiceProviderAreaRow>;

export const ZServiceProviderRequirementRow = z.object({
  id: z.string(),
  baseRequirement: z.string(),
  kind: z.enum(["BR", "RE"]),
  functionalArea: z.string(),
  /** False for enhancement ids seen in a single source only. */
  verified: z.boolean(),
});
export type TServiceProviderRequirementRow = z.infer<typeof ZServiceProviderRequirementRow>;
