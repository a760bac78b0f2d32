import type { Db } from "../db/client";
import { getUserNames } from "../repos/users";

/**
 * Histories record actors as `user:<id>`, `api_key:<id>` or a job name; people read names. Users are named (one
 * BatchGet for all), keys and jobs say what they are, and a user who no longer exists says so.
 */
export async function withActorNames<Entry extends { actor: string }>(
  db: Db,
  history: readonly Entry[],
): Promise<Array<Entry & { actorName: string }>> {
  const userIds = history.flatMap((entry) => (entry.actor.startsWith("user:") ? [entry.actor.slice(5)] : []));
  const names = await getUserNames(db, userIds);
  return history.map((entry) => ({ ...entry, actorName: actorName(entry.actor, names) }));
}

function actorName(actor: string, names: Map<string, string>): string {
  if (actor.startsWith("user:")) return names.get(actor.slice(5)) ?? "a person who has left";
  if (actor.startsWith("api_key:")) return "an API key";
  return "the portal (automatic)";
}
