import { nameIds } from "@assure/shared";

/**
 * The engine's reasons name assets, zones, conduits, countermeasures and component versions by id; people read
 * names. Replaces every known id in a message with its name (see nameIds in shared).
 */
export const withNames = (message: string, names: ReadonlyMap<string, string>): string =>
  nameIds(message, names);
