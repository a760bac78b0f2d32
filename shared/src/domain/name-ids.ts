/**
 * The engine's reasons name assets, zones, conduits, countermeasures and component versions by id (stable and
 * unique); people read names. `nameIds` replaces every known id in a message with its name: a 26-character id, or
 * a component version written `<id>@<version>`.
 */
export function nameIds(message: string, names: ReadonlyMap<string, string>): string {
  return message.replace(
    /\b([0-9a-z]{26})(@[^\s,;:)]+)?/g,
    (whole, id: string) => names.get(whole) ?? names.get(id) ?? whole,
  );
}

interface NamedDocument {
  components: ReadonlyArray<{ id: string; name?: string | undefined }>;
  zones: ReadonlyArray<{ id: string; name: string; assets: ReadonlyArray<{ id: string; name: string }> }>;
  conduits: ReadonlyArray<{ id: string; name: string; assets: ReadonlyArray<{ id: string; name: string }> }>;
  countermeasures: ReadonlyArray<{ id: string; name: string }>;
}

/** Every id a site document's reasons may name, with its name. */
export function documentNames(document: NamedDocument): Map<string, string> {
  const groups = [...document.zones, ...document.conduits];
  return new Map<string, string>([
    ...document.components.map((c) => [c.id, c.name ?? c.id] as const),
    ...groups.map((g) => [g.id, g.name] as const),
    ...groups.flatMap((g) => g.assets.map((a) => [a.id, a.name] as const)),
    ...document.countermeasures.map((m) => [m.id, m.name] as const),
  ]);
}
