import { foundationalRequirementLabel } from "../catalog/foundational-requirements";

/** FR numbers in vector order: index i of an SL vector is FR(i + 1). */
export const FR_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;
export const FR_COUNT = 7;
export const MAX_SECURITY_LEVEL = 4;

/** "FR1 IAC" … "FR7 RA", precomputed because messages use them in hot loops. */
export const FR_LABELS: readonly string[] = FR_NUMBERS.map(foundationalRequirementLabel);

export function frLabel(fr: number): string {
  return FR_LABELS[fr - 1] ?? `FR${fr}`;
}

export function zeroVector(): number[] {
  return [0, 0, 0, 0, 0, 0, 0];
}

/** Element-wise maximum, e.g. the stricter of two zone targets. */
export function maxVector(left: readonly number[], right: readonly number[]): number[] {
  return FR_NUMBERS.map((_, i) => Math.max(left[i] ?? 0, right[i] ?? 0));
}

/** Element-wise minimum, e.g. the weakest link of several effective levels. */
export function minVector(left: readonly number[], right: readonly number[]): number[] {
  return FR_NUMBERS.map((_, i) => Math.min(left[i] ?? 0, right[i] ?? 0));
}
