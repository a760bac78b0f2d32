import { z } from "zod";
import { ZAssuranceBasis } from "./component";
import { ZId, ZIsoDateTime } from "./ids";
import { ZSlVector } from "./sl-vector";
import { multiLine, singleLine } from "./text";

export const ZProtocol = singleLine("Protocol").min(1).max(40);

export const ZConduitInput = z
  .object({
    name: singleLine("Name").min(1, "give the conduit a name").max(120),
    fromZoneId: ZId,
    toZoneId: ZId,
    /** Omitted: the element-wise maximum of the two zones' SL-T. */
    slT: ZSlVector.optional(),
    minimumBasis: ZAssuranceBasis.default("self_declared"),
    protocols: z.array(ZProtocol).max(30).default([]),
    description: multiLine("Description").max(2000).default(""),
  })
  .refine((conduit) => conduit.fromZoneId !== conduit.toZoneId, {
    path: ["toZoneId"],
    message: "a conduit joins two different zones",
  });
export type TConduitInput = z.infer<typeof ZConduitInput>;

export const ZConduitPatch = z.object({
  name: singleLine("Name").min(1, "give the conduit a name").max(120).optional(),
  fromZoneId: ZId.optional(),
  toZoneId: ZId.optional(),
  /** null: inherit from the zones again. */
  slT: ZSlVector.nullable().optional(),
  minimumBasis: ZAssuranceBasis.optional(),
  protocols: z.array(ZProtocol).max(30).optional(),
  description: multiLine("Description").max(2000).optional(),
});
export type TConduitPatch = z.infer<typeof ZConduitPatch>;

export const ZConduit = z.object({
  id: ZId,
  siteId: ZId,
  name: z.string(),
  fromZoneId: ZId,
  toZoneId: ZId,
  slT: ZSlVector.optional(),
  minimumBasis: ZAssuranceBasis.default("self_declared"),
  protocols: z.array(z.string()).default([]),
  description: z.string().default(""),
  version: z.number().int().min(1),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TConduit = z.infer<typeof ZConduit>;
