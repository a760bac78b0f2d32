import {
  type TMembership,
  type TRole,
  type TTenant,
  type TUser,
  ZIsoDateTime,
  ZMembership,
  ZUser,
} from "@assure/shared";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { z } from "zod";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItem, parseItems } from "../db/items";
import { type Key, keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";

export class EmailTaken extends Error {}

const ZEmailItem = z.object({ userId: z.string() });
const ZUserWithSecret = ZUser.extend({ passwordHash: z.string().optional() });

export async function createUser(
  db: Db,
  input: { email: string; name: string; passwordHash?: string; platformOperator?: boolean; now: Date },
): Promise<TUser> {
  const user = ZUser.parse({
    id: ulid().toLowerCase(),
    email: input.email.toLowerCase(),
    name: input.name,
    platformOperator: input.platformOperator ?? false,
    createdAt: input.now.toISOString(),
  });
  try {
    await transact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.userEmail(user.email), type: "userEmail", userId: user.id },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.user(user.id), type: "user", ...user, passwordHash: input.passwordHash },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new EmailTaken(user.email);
    throw error;
  }
  return user;
}

export async function getUser(db: Db, userId: string): Promise<TUser | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.user(userId) }));
  return Item ? parseItem(ZUser, Item) : undefined;
}

/** People's display names by user id (one BatchGet), for histories that record `user:<id>` actors. */
export async function getUserNames(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const items = await batchGetItems(
    db,
    unique.map((id) => keys.user(id)),
  );
  return new Map(parseItems(ZUser, items).map((user) => [user.id, user.name]));
}

/** The user and its password hash, for sign-in only. */
export async function getUserForSignIn(db: Db, email: string) {
  const { Item: emailItem } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.userEmail(email) }),
  );
  if (!emailItem) return undefined;
  const { userId } = parseItem(ZEmailItem, emailItem);
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.user(userId) }));
  return Item ? parseItem(ZUserWithSecret, Item) : undefined;
}

export async function addMembership(
  db: Db,
  input: { tenant: TTenant; user: TUser; role: TRole; actor: string; now: Date },
): Promise<TMembership> {
  const membership = ZMembership.parse({
    tenantId: input.tenant.id,
    tenantSlug: input.tenant.slug,
    tenantName: input.tenant.name,
    tenantKinds: input.tenant.kinds,
    userId: input.user.id,
    role: input.role,
  });
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keys.membership(input.tenant.id, input.user.id),
          ...keys.membershipByUser(input.user.id, input.tenant.id),
          type: "membership",
          ...membership,
          userEmail: input.user.email,
          userName: input.user.name,
        },
      },
    },
    auditPut(db, {
      tenantId: input.tenant.id,
      actor: input.actor,
      action: "membership.put",
      subject: `user:${input.user.id}`,
      after: membership,
      at: input.now,
    }),
  ]);
  return membership;
}

export async function listMembershipsOfUser(db: Db, userId: string): Promise<TMembership[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: "byUser",
      KeyConditionExpression: "userPk = :pk",
      ExpressionAttributeValues: { ":pk": keys.userMembershipsPk(userId) },
    }),
  );
  return parseItems(ZMembership, result.Items);
}

export const ZMember = ZMembership.extend({ userEmail: z.string(), userName: z.string() });
export type TMember = z.infer<typeof ZMember>;

export async function listMembersOfTenant(db: Db, tenantId: string): Promise<TMember[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.tenantPrefix(tenantId), ":prefix": keys.membershipPrefix },
    }),
  );
  return parseItems(ZMember, result.Items);
}

/** What the API checks on every user call: the stored user and its membership, with their revocation marks. */
export const ZUserRecord = ZUser.extend({ sessionsRevokedAt: ZIsoDateTime.optional() });
export const ZMembershipRecord = ZMembership.extend({ sessionsRevokedAt: ZIsoDateTime.optional() });
export type TUserRecord = z.infer<typeof ZUserRecord>;
export type TMembershipRecord = z.infer<typeof ZMembershipRecord>;

/** The user and its membership of one tenant in one BatchGet (the membership is undefined when it is gone). */
export async function getUserAndMembership(
  db: Db,
  userId: string,
  tenantId: string,
): Promise<{ user?: TUserRecord; membership?: TMembershipRecord }> {
  const userKey = keys.user(userId);
  const items = await batchGetItems(db, [userKey, keys.membership(tenantId, userId)], { consistent: true });
  const userItem = items.find((item) => item.pk === userKey.pk && item.sk === userKey.sk);
  const membershipItem = items.find((item) => item !== userItem);
  return {
    ...(userItem ? { user: parseItem(ZUserRecord, userItem) } : {}),
    ...(membershipItem ? { membership: parseItem(ZMembershipRecord, membershipItem) } : {}),
  };
}

/** The membership was removed or its role changed since it was read (or the user is gone). */
export class MembershipChanged extends Error {}

/** Sets `sessionsRevokedAt` on a user or membership item under a condition, with its audit event. */
async function markSessionsRevoked(
  db: Db,
  input: {
    key: Key;
    role?: TRole;
    audit: { tenantId: string; actor: string; action: string; userId: string };
    at: Date;
  },
): Promise<void> {
  const at = input.at.toISOString();
  try {
    await transact(db, [
      {
        Update: {
          TableName: db.tableName,
          Key: input.key,
          UpdateExpression: "SET sessionsRevokedAt = :at",
          ConditionExpression: input.role ? "attribute_exists(pk) AND #role = :role" : "attribute_exists(pk)",
          ...(input.role ? { ExpressionAttributeNames: { "#role": "role" } } : {}),
          ExpressionAttributeValues: { ":at": at, ...(input.role ? { ":role": input.role } : {}) },
        },
      },
      auditPut(db, {
        tenantId: input.audit.tenantId,
        actor: input.audit.actor,
        action: input.audit.action,
        subject: `user:${input.audit.userId}`,
        after: { sessionsRevokedAt: at },
        at: input.at,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new MembershipChanged();
    throw error;
  }
}

/** Marks every portal session of the user that began before `at` as signed out, in every tenant. */
export function revokeUserSessions(
  db: Db,
  input: { userId: string; auditTenantId: string; actor: string; at: Date },
): Promise<void> {
  return markSessionsRevoked(db, {
    key: keys.user(input.userId),
    audit: {
      tenantId: input.auditTenantId,
      actor: input.actor,
      action: "user.sessions_revoke",
      userId: input.userId,
    },
    at: input.at,
  });
}

/**
 * Marks the member's portal sessions in this tenant that began before `at` as signed out, on condition that
 * the membership still has the role the decision was made on.
 */
export function revokeMembershipSessions(
  db: Db,
  input: { tenantId: string; userId: string; expectedRole: TRole; actor: string; at: Date },
): Promise<void> {
  return markSessionsRevoked(db, {
    key: keys.membership(input.tenantId, input.userId),
    role: input.expectedRole,
    audit: {
      tenantId: input.tenantId,
      actor: input.actor,
      action: "membership.sessions_revoke",
      userId: input.userId,
    },
    at: input.at,
  });
}
