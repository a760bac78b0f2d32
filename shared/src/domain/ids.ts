import { z } from "zod";

/** Ids are ULIDs (sortable by creation time) written in lower case. */
export const ZId = z.string().regex(/^[0-9a-z]{26}$/, "must be an id (26 lower-case letters and digits)");
export type TId = z.infer<typeof ZId>;

export const ZSlug = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and single dashes");

export const ZIsoDateTime = z.iso.datetime({ offset: true });
export const ZIsoDate = z.iso.date();
