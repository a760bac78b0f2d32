/**
 * The engine's reasons name assets, zones and conduits by id (they are stable and unique); people read names.
 * Replaces every known id in a message with its name.
 */
export function withNames(message: string, names: ReadonlyMap<string, string>): string {
  return message.replace(/\b[0-9a-z]{26}\b/g, (id) => names.get(id) ?? id);
}
