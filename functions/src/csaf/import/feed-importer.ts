import type { CsafImporter, FetchLike } from "../../jobs/csaf-feed-poll";
import type { Logger } from "../../observability/logger";
import { PLATFORM_TENANT_ID } from "../../repos/advisories";
import type { ImportAdvisoryDeps } from "../../usecases/import-advisory";
import { useCaseTarget } from "./run-import";

/**
 * The CSAF feed poller's importer: fetches each changed document and imports it as the platform through the same
 * use case as the API and the CLI. Transport failures throw (the poller keeps its cursor and retries next run).
 */
export function createFeedImporter(input: {
  deps: ImportAdvisoryDeps;
  fetch: FetchLike;
  logger: Logger;
  strict?: boolean;
  timeoutMs?: number;
}): CsafImporter {
  const target = useCaseTarget(input.deps, {
    importer: { kind: "platform", actor: "job:csaf-feed-poll", auditTenantId: PLATFORM_TENANT_ID },
    strict: input.strict ?? false,
  });
  return {
    async importDocument(document) {
      const response = await input.fetch(document.documentUrl, {
        signal: AbortSignal.timeout(input.timeoutMs ?? 30_000),
      });
      if (!response.ok) throw new Error(`GET ${document.documentUrl} answered ${response.status}`);
      const result = await target(new Uint8Array(await response.arrayBuffer()), document.documentUrl);
      if (result.outcome === "rejected") {
        input.logger.warn("CSAF document rejected", {
          documentUrl: document.documentUrl,
          errors: result.errors?.slice(0, 10),
        });
        return "rejected";
      }
      return result.outcome === "created" || result.outcome === "updated" ? "imported" : "unchanged";
    },
  };
}
