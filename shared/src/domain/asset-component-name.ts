import type { TComponentRefInput } from "./site-document";

interface DocumentShape {
  components: ReadonlyArray<{ id: string; name?: string; ref: TComponentRefInput }>;
  zones: ReadonlyArray<{ assets: ReadonlyArray<{ id: string; componentId: string }> }>;
  conduits: ReadonlyArray<{ assets: ReadonlyArray<{ id: string; componentId: string }> }>;
}

/**
 * The catalog name of the component one asset runs, read through the asset's own entry of the site document.
 * The document has one component entry per deployed version, named "<catalog name> <version>", so a name looked
 * up by catalog component id alone would be that of whichever version came last (another asset's upgrade).
 */
export function assetComponentName(document: DocumentShape, assetId: string): string | undefined {
  const asset = [...document.zones, ...document.conduits]
    .flatMap((g) => g.assets)
    .find((a) => a.id === assetId);
  const component = asset && document.components.find((c) => c.id === asset.componentId);
  if (!component) return undefined;
  const name = component.name ?? component.id;
  const suffix = component.ref.version ? ` ${component.ref.version}` : "";
  return suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}
