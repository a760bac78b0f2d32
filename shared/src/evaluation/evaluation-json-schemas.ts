import { z } from "zod";
import { ZEvaluationInput } from "./evaluation-input";
import { ZEvaluationResult } from "./evaluation-result";

/** Published JSON Schemas of the evaluation document, derived from the zod schemas so they cannot drift. */
export const EVALUATION_SCHEMA_FILES = {
  "docs/schemas/evaluation-input.schema.json": () => z.toJSONSchema(ZEvaluationInput, { io: "input" }),
  "docs/schemas/evaluation-output.schema.json": () => z.toJSONSchema(ZEvaluationResult, { io: "output" }),
} as const;
