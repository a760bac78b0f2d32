import { type StreamHandlerRegistry, streamHandlers } from "./registry";

/**
 * The one place stream handlers are wired. A feature adds its handler here, e.g.
 *   registry.register("Advisory", { name: "advisory-impact", schema: advisoryItem, handle: onAdvisoryChange });
 * Nothing is registered yet; the stream processor then logs every record it skips.
 */
export function registerAllStreamHandlers(
  registry: StreamHandlerRegistry = streamHandlers,
): StreamHandlerRegistry {
  return registry;
}
