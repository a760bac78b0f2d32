import type { TMembership, TUser } from "@assure/shared";
import { type SignInThrottleConfig, SignInThrottled, signInWindow } from "../auth/sign-in-throttle";
import type { Db } from "../db/client";
import { attemptCounters, returnAttempt, takeAttempt } from "../repos/sign-in-attempts";
import { getUserForSignIn, listMembershipsOfUser } from "../repos/users";

// Compared against when the e-mail is unknown, so both cases take the same time.
const DUMMY_HASH = "$2b$10$Oz3rEWTaxyTYhoTXNT.8yeVaMEp1kg/VFM/IiLPQpNXXRd7sdSCK2";

/** Loaded on the first password sign-in: in AWS people sign in through Cognito, so most processes never need it. */
const bcrypt = () => import("bcryptjs").then((module) => module.default);

/**
 * Checks an e-mail and password, within the limits per account and per client address: throws SignInThrottled
 * (before any password check) when either counter of the current window is full. Unknown e-mails count like
 * known ones, so the limits do not tell which accounts exist.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string },
  context: { address: string; now: Date; limits: SignInThrottleConfig },
): Promise<{ user: TUser; memberships: TMembership[] } | undefined> {
  const { limits, now } = context;
  const window = signInWindow(now, limits.windowSeconds);
  const counters = attemptCounters(input.email, context.address, window.start);
  const expiresAt = Math.floor((window.start + limits.windowSeconds * 1000) / 1000) + 60;
  const taken = await takeAttempt(
    db,
    counters,
    { account: limits.maxFailuresPerAccount, address: limits.maxFailuresPerAddress },
    expiresAt,
  );
  if (taken !== "taken") throw new SignInThrottled(taken, window.retryAfterSeconds);

  const found = await getUserForSignIn(db, input.email);
  const ok = await (await bcrypt()).compare(input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found?.passwordHash || !ok) return undefined;
  await returnAttempt(db, counters);
  const { passwordHash: _secret, ...user } = found;
  return { user, memberships: await listMembershipsOfUser(db, user.id) };
}

export const hashPassword = async (password: string) => (await bcrypt()).hash(password, 10);
