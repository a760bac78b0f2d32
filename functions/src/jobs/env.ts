/** Parses list-valued environment variables the stack sets on job functions (comma or newline separated). */
export function listFromEnv(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

export function numbersFromEnv(value: string | undefined, fallback: number[]): number[] {
  const parsed = listFromEnv(value).map(Number);
  if (parsed.length === 0) return fallback;
  if (parsed.some((entry) => !Number.isInteger(entry) || entry < 0)) {
    throw new Error(`Expected non-negative integers, got "${value}"`);
  }
  return parsed;
}
