import type { ImpactDeps } from "../usecases/apply-advisory-impact";
import { registerAdvisoryHandlers, streamDepsFromEnv } from "./advisory-handlers";
import { registerCatalogFactHandlers } from "./catalog-handlers";
import { registerCollaborationHandlers } from "./collaboration-handlers";
import { type StreamHandlerRegistry, streamHandlers } from "./registry";

export interface StreamHandlerOptions {
  /** What the advisory handlers use; built from the environment on first use when not given. */
  advisoryDeps?: (() => ImpactDeps) | undefined;
}

/**
 * The one place stream handlers are wired. A feature adds its handler here, e.g.
 *   registry.register("Advisory", { name: "advisory-impact", schema: advisoryItem, handle: onAdvisoryChange });
 * Records of other types are skipped (and logged) by the dispatcher.
 */
export function registerAllStreamHandlers(
  registry: StreamHandlerRegistry = streamHandlers,
  options: StreamHandlerOptions = {},
): StreamHandlerRegistry {
  let fromEnv: ImpactDeps | undefined;
  const advisoryDeps =
    options.advisoryDeps ??
    (() => {
      fromEnv ??= streamDepsFromEnv(process.env);
      return fromEnv;
    });
  registerAdvisoryHandlers(registry, advisoryDeps);
  registerCollaborationHandlers(registry, () => {
    const { db, notifier } = advisoryDeps();
    return { db, notifier };
  });
  registerCatalogFactHandlers(registry, () => advisoryDeps().db);
  return registry;
}
