/** One difference between two JSON values, at a path such as `claims[0].slC[2]`. */
export type TDiffEntry = {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The differences between two revisions' content (or any JSON values), leaf by leaf, in a stable order.
 * Arrays compare by position; objects by key.
 */
export function diffJson(before: unknown, after: unknown, path = ""): TDiffEntry[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const entries: TDiffEntry[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const at = `${path}[${i}]`;
      if (i >= before.length) entries.push({ path: at, kind: "added", after: after[i] });
      else if (i >= after.length) entries.push({ path: at, kind: "removed", before: before[i] });
      else entries.push(...diffJson(before[i], after[i], at));
    }
    return entries;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      const [b, a] = [before[key], after[key]];
      if (b === undefined && a === undefined) return [];
      if (b === undefined) return [{ path: at, kind: "added" as const, after: a }];
      if (a === undefined) return [{ path: at, kind: "removed" as const, before: b }];
      return diffJson(b, a, at);
    });
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, kind: "changed", before, after }];
}
