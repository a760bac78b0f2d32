import type { TMembership, TUser } from "@assure/shared";
import bcrypt from "bcryptjs";
import type { Db } from "../db/client";
import { getUserForSignIn, listMembershipsOfUser } from "../repos/users";

// Compared against when the e-mail is unknown, so both cases take the same time.
const DUMMY_HASH = "$2b$10$Oz3rEWTaxyTYhoTXNT.8yeVaMEp1kg/VFM/IiLPQpNXXRd7sdSCK2";

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string },
): Promise<{ user: TUser; memberships: TMembership[] } | undefined> {
  const found = await getUserForSignIn(db, input.email);
  const ok = await bcrypt.compare(input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found?.passwordHash || !ok) return undefined;
  const { passwordHash: _secret, ...user } = found;
  return { user, memberships: await listMembershipsOfUser(db, user.id) };
}

export const hashPassword = (password: string) => bcrypt.hash(password, 10);
