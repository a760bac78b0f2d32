import type { Db } from "../db/client";
import { getTenantsById } from "../repos/components";
import { getUserNames } from "../repos/users";

/** `user:<id>`, `api_key:<id>`, either with `@tenant:<id>` when it acted for another organisation, or a job name. */
const ACTOR = /^(user|api_key):([0-9a-z]+)(?:@tenant:([0-9a-z]+))?$/;

/**
 * Histories record who acted as ids; people read names. People are named, with their organisation when it is
 * not the one that owns the record; keys and jobs say what they are. One BatchGet for the users and one for the
 * organisations, whatever the length of the history.
 */
export async function withActorNames<Entry extends { actor: string }>(
  db: Db,
  history: readonly Entry[],
): Promise<Array<Entry & { actorName: string }>> {
  const parsed = history.map((entry) => ACTOR.exec(entry.actor));
  const userIds = parsed.flatMap((m) => (m?.[1] === "user" && m[2] ? [m[2]] : []));
  const tenantIds = [...new Set(parsed.flatMap((m) => (m?.[3] ? [m[3]] : [])))];
  const [users, tenants] = await Promise.all([
    getUserNames(db, userIds),
    tenantIds.length ? getTenantsById(db, tenantIds) : Promise.resolve(new Map()),
  ]);
  return history.map((entry, i) => {
    const match = parsed[i];
    if (!match) return { ...entry, actorName: "the portal (automatic)" };
    const [, kind, id = "", tenantId] = match;
    const who = kind === "user" ? (users.get(id) ?? "a person who has left") : "an API key";
    const organisation = tenantId ? tenants.get(tenantId)?.name : undefined;
    return { ...entry, actorName: organisation ? `${who} (${organisation})` : who };
  });
}
