import { z } from "zod";
import { ZResponsibleParty } from "../engine/collect-obligations";
import { ZId, ZIsoDateTime } from "./ids";
import { patchOf } from "./patch";
import { multiLine, singleLine } from "./text";

export const COUNTERMEASURE_KINDS = ["technical", "procedural"] as const;

/** What a compensating countermeasure applies to. */
export const ZCountermeasureTarget = z.object({
  kind: z.enum(["asset", "zone", "conduit"]),
  id: ZId,
});
export type TCountermeasureTarget = z.infer<typeof ZCountermeasureTarget>;

const ZFrs = z
  .array(z.number().int().min(1).max(7))
  .min(1, "choose at least one FR")
  .max(7)
  .refine((frs) => new Set(frs).size === frs.length, "list each FR once");

export const ZSiteCountermeasureInput = z.object({
  name: singleLine("Name").min(1, "give the countermeasure a name").max(120),
  description: multiLine("Description").max(2000).default(""),
  scope: ZCountermeasureTarget,
  frs: ZFrs,
  raisesTo: z.number().int().min(1, "raise to SL 1 or more").max(4),
  kind: z.enum(COUNTERMEASURE_KINDS).default("technical"),
  responsibleParty: ZResponsibleParty.default("asset_owner"),
  /** For supplier responsibility: which supplier tenant keeps it in place. */
  responsibleTenantId: ZId.optional(),
  /** Where the evidence is: document reference, test report, ticket. */
  evidence: multiLine("Evidence").max(2000).default(""),
});
export type TSiteCountermeasureInput = z.infer<typeof ZSiteCountermeasureInput>;

export const ZSiteCountermeasurePatch = patchOf(ZSiteCountermeasureInput);
export type TSiteCountermeasurePatch = z.infer<typeof ZSiteCountermeasurePatch>;

export const ZSiteCountermeasure = ZSiteCountermeasureInput.extend({
  id: ZId,
  siteId: ZId,
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TSiteCountermeasure = z.infer<typeof ZSiteCountermeasure>;
