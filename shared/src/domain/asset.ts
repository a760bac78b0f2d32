import { z } from "zod";
import { ZEvaluationAdvisory } from "../evaluation/evaluation-input";
import { ZId, ZIsoDateTime } from "./ids";
import { patchOf } from "./patch";
import { multiLine, singleLine } from "./text";

/** Where an asset sits: in a zone, or on a conduit (firewalls, gateways, data diodes). */
export const ZAssetLocation = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("zone"), zoneId: ZId }),
  z.object({ kind: z.literal("conduit"), conduitId: ZId }),
]);
export type TAssetLocation = z.infer<typeof ZAssetLocation>;

export const ZComponentVersion = singleLine("Version")
  .min(1, "name the deployed version")
  .max(64, "a version has at most 64 characters");

/** What the user writes: a catalog component version deployed `count` times in a role. */
export const ZSiteAssetInput = z.object({
  name: singleLine("Name").min(1, "give the asset a name or tag").max(120),
  location: ZAssetLocation,
  supplierTenantId: ZId,
  componentId: ZId,
  /** The deployed version of the catalog component (firmware/software release). */
  version: ZComponentVersion,
  count: z.number().int().min(1, "at least 1").max(100_000),
  role: singleLine("Role").max(120).default(""),
  notes: multiLine("Notes").max(2000).default(""),
});
export type TSiteAssetInput = z.infer<typeof ZSiteAssetInput>;

export const ZSiteAssetPatch = patchOf(ZSiteAssetInput);
export type TSiteAssetPatch = z.infer<typeof ZSiteAssetPatch>;

/**
 * A stored asset. `version` is the deployed component version (impact analysis reads it); the
 * optimistic-concurrency counter of an asset is `revision` (its ETag). See docs/adr/0040.
 */
export const ZAsset = ZSiteAssetInput.extend({
  id: ZId,
  siteId: ZId,
  /** Advisories known to concern the deployed version (written by advisory impact analysis). */
  advisories: z.array(ZEvaluationAdvisory).default([]),
  revision: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TAsset = z.infer<typeof ZAsset>;
