import { z } from "zod";

export const FOUNDATIONAL_REQUIREMENTS = [
  { fr: 1, code: "IAC", name: "Identification and authentication control" },
  { fr: 2, code: "UC", name: "Use control" },
  { fr: 3, code: "SI", name: "System integrity" },
  { fr: 4, code: "DC", name: "Data confidentiality" },
  { fr: 5, code: "RDF", name: "Restricted data flow" },
  { fr: 6, code: "TRE", name: "Timely response to events" },
  { fr: 7, code: "RA", name: "Resource availability" },
] as const;

export const ZSecurityLevel = z.number().int().min(0).max(4);
/** One level 0–4 per foundational requirement, FR1 first. */
export const ZSlVector = z.array(ZSecurityLevel).length(7, "must list seven levels, FR1 to FR7");
export type TSlVector = z.infer<typeof ZSlVector>;

export function meetsVector(capability: readonly number[], target: readonly number[]): boolean {
  return target.every((level, i) => (capability[i] ?? 0) >= level);
}
