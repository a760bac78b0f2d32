import { createHash } from "node:crypto";
import { repairText, textIssue } from "@assure/shared";
import type { z } from "zod";

/**
 * Text written before text fields refused control characters and unpaired surrogates: those characters become
 * U+FFFD so the item stays readable. Only when every issue is such a text issue; anything else is a real mismatch.
 */
function withTextRepaired(
  item: Record<string, unknown>,
  issues: z.core.$ZodIssue[],
): Record<string, unknown> | null {
  const copy = structuredClone(item);
  for (const issue of issues) {
    const marked = textIssue(issue);
    if (!marked || issue.path.length === 0) return null;
    let parent: unknown = copy;
    for (const step of issue.path.slice(0, -1)) parent = (parent as Record<PropertyKey, unknown>)?.[step];
    const last = issue.path[issue.path.length - 1]!;
    const holder = parent as Record<PropertyKey, unknown> | undefined;
    const value = holder?.[last];
    if (typeof value !== "string") return null;
    holder![last] = repairText(value, marked.multiline);
  }
  return copy;
}

/** Parses a stored item with its zod schema (key attributes are stripped); no `as T` on reads. */
export function parseItem<S extends z.ZodType>(
  schema: S,
  item: Record<string, unknown> | undefined,
): z.output<S> {
  let result = schema.safeParse(item);
  const repaired = !result.success && item ? withTextRepaired(item, result.error.issues) : null;
  if (repaired) result = schema.safeParse(repaired);
  if (!result.success) {
    const where = item ? `${String(item.pk)} / ${String(item.sk)}` : "missing item";
    throw new Error(`Stored item does not match its schema (${where}): ${result.error.message}`);
  }
  return result.data;
}

export function parseItems<S extends z.ZodType>(schema: S, items: Record<string, unknown>[] | undefined) {
  return (items ?? []).map((item) => parseItem(schema, item));
}

/** A short digest of an entity's state for the audit trail (what changed, without copying the data). */
export function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}

export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined {
  return lastEvaluatedKey ? Buffer.from(JSON.stringify(lastEvaluatedKey)).toString("base64url") : undefined;
}

export class InvalidCursor extends Error {}

/**
 * Decodes a cursor and checks it names exactly the expected key attributes, so a tampered cursor
 * cannot point a query anywhere else (the key condition still pins the partition).
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: { attributes: readonly string[]; fixed?: Record<string, string> },
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursor();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new InvalidCursor();
  const entries = Object.entries(parsed);
  const names = entries.map(([name]) => name).sort();
  if (names.join() !== [...expected.attributes].sort().join()) throw new InvalidCursor();
  if (entries.some(([, value]) => typeof value !== "string")) throw new InvalidCursor();
  for (const [name, value] of Object.entries(expected.fixed ?? {})) {
    if ((parsed as Record<string, unknown>)[name] !== value) throw new InvalidCursor();
  }
  return parsed as Record<string, unknown>;
}
