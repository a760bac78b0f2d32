import { z } from "zod";

/** One failed check: `test` is a CSAF 2.0 §6.1 test id ("6.1.11", "6.1.27.3") or "schema"; `path` a JSON pointer. */
export const ZCsafFailure = z.object({
  test: z.string(),
  path: z.string(),
  message: z.string(),
});
export type TCsafFailure = z.infer<typeof ZCsafFailure>;

export const ZCsafValidation = z.object({
  valid: z.boolean(),
  errors: z.array(ZCsafFailure),
});
export type TCsafValidation = z.infer<typeof ZCsafValidation>;

/** A mandatory test: pure, never throws on arbitrary JSON (the runner still guards). */
export type TMandatoryTest = { id: string; run: (doc: unknown) => TCsafFailure[] };
