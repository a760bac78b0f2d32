import { createFeedImporter } from "../../csaf/import/feed-importer";
import { catalogCandidates } from "../../csaf/import/match-candidates";
import { createDb } from "../../db/client";
import { runCsafFeedPoll } from "../../jobs/csaf-feed-poll";
import { listFromEnv } from "../../jobs/env";
import { dynamoCursorStore } from "../../jobs/job-cursors";
import { type JobReport, logJobReport } from "../../jobs/job-report";
import { localPaths } from "../../local/paths";
import { createLogger, invocationLogger, type LambdaContextLike } from "../../observability/logger";
import { createEvidenceStoreFromEnv } from "../../storage/create-evidence-store";

const logger = createLogger({ service: process.env.SERVICE_NAME ?? "assure-job-csaf-feed-poll" });
const db = createDb({
  tableName: process.env.TABLE_NAME ?? "assure",
  endpoint: process.env.DYNAMODB_ENDPOINT,
});
// Documents go to the evidence bucket (EVIDENCE_BUCKET) like uploads through the API.
const documents = createEvidenceStoreFromEnv(process.env, localPaths.evidence);
const providerMetadataUrls = listFromEnv(process.env.CSAF_PROVIDER_METADATA_URLS);
const maxDocumentsPerRun = Number(process.env.CSAF_MAX_DOCUMENTS_PER_RUN ?? "200");

/** EventBridge schedule target: polls the configured CSAF providers for changed advisories. */
export async function handler(_event: unknown, context?: LambdaContextLike): Promise<JobReport> {
  const log = invocationLogger(logger, context);
  const report = await runCsafFeedPoll({
    providerMetadataUrls,
    fetch: (url, init) => fetch(url, init),
    cursors: dynamoCursorStore(db, "csaf-feed-poll"),
    importer: createFeedImporter({
      deps: { db, documents, candidates: catalogCandidates(db, { cacheMs: 300_000 }), now: () => new Date() },
      fetch: (url, init) => fetch(url, init),
      logger: log,
    }),
    logger: log,
    maxDocumentsPerRun,
  });
  logJobReport(log, report);
  if (report.outcome === "failed") throw new Error(report.reason ?? "every CSAF provider poll failed");
  return report;
}
