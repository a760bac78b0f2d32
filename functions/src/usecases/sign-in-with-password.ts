import type { TMembership, TUser } from "@assure/shared";
import type { Db } from "../db/client";
import { getUserForSignIn, listMembershipsOfUser } from "../repos/users";

// Compared against when the e-mail is unknown, so both cases take the same time.
const DUMMY_HASH = "$2b$10$Oz3rEWTaxyTYhoTXNT.8yeVaMEp1kg/VFM/IiLPQpNXXRd7sdSCK2";

/** Loaded on the first password sign-in: in AWS people sign in through Cognito, so most processes never need it. */
const bcrypt = () => import("bcryptjs").then((module) => module.default);

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string },
): Promise<{ user: TUser; memberships: TMembership[] } | undefined> {
  const found = await getUserForSignIn(db, input.email);
  const ok = await (await bcrypt()).compare(input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found?.passwordHash || !ok) return undefined;
  const { passwordHash: _secret, ...user } = found;
  return { user, memberships: await listMembershipsOfUser(db, user.id) };
}

export const hashPassword = async (password: string) => (await bcrypt()).hash(password, 10);
