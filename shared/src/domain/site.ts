import { z } from "zod";
import { ZAssuranceBasis } from "./component";
import { ZId, ZIsoDateTime } from "./ids";
import { ZSlVector } from "./sl-vector";

export const ZZone = z.object({
  id: ZId,
  siteId: ZId,
  name: z.string().min(1).max(120),
  description: z.string().max(2000).default(""),
  slT: ZSlVector,
  minimumBasis: ZAssuranceBasis.default("self_declared"),
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TZone = z.infer<typeof ZZone>;

export const ZSite = z.object({
  id: ZId,
  tenantId: ZId,
  name: z.string().min(1).max(120),
  location: z.string().max(200).default(""),
  description: z.string().max(2000).default(""),
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TSite = z.infer<typeof ZSite>;
