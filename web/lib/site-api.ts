import "server-only";
import {
  ZAsset,
  ZConduit,
  ZEvaluationResult,
  ZSite,
  ZSiteAccess,
  ZSiteCountermeasure,
  ZSiteDocumentView,
  ZSiteObligation,
  ZZone,
} from "@assure/shared";
import { z } from "zod";
import { portalConfig } from "./config";
import { requireContext, userApiToken } from "./session";

export const ZSiteModelView = ZSite.extend({
  access: ZSiteAccess,
  zones: z.array(ZZone),
  conduits: z.array(ZConduit),
  assets: z.array(ZAsset),
  countermeasures: z.array(ZSiteCountermeasure),
});
export const ZSiteEvaluationView = z.object({
  site: ZSite,
  access: ZSiteAccess,
  document: ZSiteDocumentView,
  result: ZEvaluationResult,
});
const ZParty = z.object({ tenantId: z.string(), name: z.string() });
export const ZCounts = z.object({
  open: z.number(),
  in_progress: z.number(),
  met: z.number(),
  waived: z.number(),
  overdue: z.number(),
  retired: z.number(),
});
export const ZSiteObligationsView = z.object({
  items: z.array(ZSiteObligation),
  nextCursor: z.string().optional(),
  total: z.number(),
  counts: ZCounts,
  parties: z.object({ assetOwner: ZParty, integrator: ZParty.nullable(), suppliers: z.array(ZParty) }),
});

/** A raw API answer (files: CSV, XLSX, JSON exports) for route handlers that stream it to the browser. */
export async function apiRaw(path: string): Promise<Response> {
  const token = await userApiToken(await requireContext());
  return fetch(`${(await portalConfig()).apiUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    cache: "no-store",
  });
}
