import type { z } from "zod";
import { type TEvaluationInput, ZEvaluationInput } from "./evaluation-input";

export type TEvaluationIssue = { path: string; message: string };
export type TParsedEvaluationInput =
  | { ok: true; input: TEvaluationInput }
  | { ok: false; issues: TEvaluationIssue[] };

/** `$.zones[0].assets[1].componentId`: the JSON path of an issue, as the CLI and problem+json report it. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === "number"
        ? `${text}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${text}.${String(key)}`
          : `${text}[${JSON.stringify(String(key))}]`,
    "$",
  );
}

export function describeEvaluationIssues(error: z.ZodError): TEvaluationIssue[] {
  return error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message }));
}

/** Validates an evaluation document; on failure lists every problem with its JSON path. */
export function parseEvaluationInput(document: unknown): TParsedEvaluationInput {
  const parsed = ZEvaluationInput.safeParse(document);
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, issues: describeEvaluationIssues(parsed.error) };
}
