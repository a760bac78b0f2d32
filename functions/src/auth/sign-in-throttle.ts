/**
 * Limits of password sign-in. A sign-in attempt takes one slot from its account's and its client address's
 * counters for the current fixed window before the password is checked (so parallel guesses cannot overshoot);
 * a successful sign-in gives its own two slots back, so only failures count and nobody else's counter changes.
 */
export interface SignInThrottleConfig {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottleConfig = {
  maxFailuresPerAccount: 10,
  maxFailuresPerAddress: 50,
  windowSeconds: 900,
};

/** The fixed window `now` falls in: its start (epoch ms) and the whole seconds until it ends. */
export function signInWindow(now: Date, windowSeconds: number): { start: number; retryAfterSeconds: number } {
  const length = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / length) * length;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + length - now.getTime()) / 1000)) };
}

/** Refused before the password was checked: which counter is full and when its window ends. */
export class SignInThrottled extends Error {
  constructor(
    readonly dimension: "account" | "address",
    readonly retryAfterSeconds: number,
  ) {
    super(`too many failed sign-ins per ${dimension}`);
  }
}
