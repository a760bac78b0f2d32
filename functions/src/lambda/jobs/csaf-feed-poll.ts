import { createDb } from "../../db/client";
import { type CsafImporter, runCsafFeedPoll } from "../../jobs/csaf-feed-poll";
import { listFromEnv } from "../../jobs/env";
import { dynamoCursorStore } from "../../jobs/job-cursors";
import { type JobReport, logJobReport } from "../../jobs/job-report";
import {
  createLogger,
  invocationLogger,
  type LambdaContextLike,
  type Logger,
} from "../../observability/logger";

const logger = createLogger({ service: process.env.SERVICE_NAME ?? "assure-job-csaf-feed-poll" });
const db = createDb({
  tableName: process.env.TABLE_NAME ?? "assure",
  endpoint: process.env.DYNAMODB_ENDPOINT,
});
const providerMetadataUrls = listFromEnv(process.env.CSAF_PROVIDER_METADATA_URLS);
const maxDocumentsPerRun = Number(process.env.CSAF_MAX_DOCUMENTS_PER_RUN ?? "200");

/**
 * The importer (validator, matching, evidence store) is loaded only when a provider is configured, so a run
 * with nothing to poll stays cheap. Documents go to the evidence bucket (EVIDENCE_BUCKET), like API uploads.
 */
async function importerFor(log: Logger): Promise<CsafImporter | undefined> {
  if (providerMetadataUrls.length === 0) return undefined;
  const [{ createFeedImporter }, { catalogCandidates }, { createEvidenceStoreFromEnv }, { localPaths }] =
    await Promise.all([
      import("../../csaf/import/feed-importer"),
      import("../../csaf/import/match-candidates"),
      import("../../storage/create-evidence-store"),
      import("../../local/paths"),
    ]);
  return createFeedImporter({
    deps: {
      db,
      documents: createEvidenceStoreFromEnv(process.env, localPaths.evidence),
      candidates: catalogCandidates(db, { cacheMs: 300_000 }),
      now: () => new Date(),
    },
    fetch: (url, init) => fetch(url, init),
    logger: log,
  });
}

/** EventBridge schedule target: polls the configured CSAF providers and imports changed advisories. */
export async function handler(_event: unknown, context?: LambdaContextLike): Promise<JobReport> {
  const log = invocationLogger(logger, context);
  const report = await runCsafFeedPoll({
    providerMetadataUrls,
    fetch: (url, init) => fetch(url, init),
    cursors: dynamoCursorStore(db, "csaf-feed-poll"),
    importer: await importerFor(log),
    logger: log,
    maxDocumentsPerRun,
  });
  logJobReport(log, report);
  if (report.outcome === "failed") throw new Error(report.reason ?? "every CSAF provider poll failed");
  return report;
}
