import { createHash } from "node:crypto";

/** JSON with object keys sorted at every depth and no undefined members: the same value, the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, member]) => [key, sortKeys(member)]),
    );
  }
  return value;
}

/** `sha256:<hex>` of the canonical JSON: equal content, equal digest, whatever the key order. */
export function contentDigest(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJson(value)).digest("hex")}`;
}
