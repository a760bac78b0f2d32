import { createDb } from "../../db/client";
import { runCsafFeedPoll } from "../../jobs/csaf-feed-poll";
import { listFromEnv } from "../../jobs/env";
import { dynamoCursorStore } from "../../jobs/job-cursors";
import { type JobReport, logJobReport } from "../../jobs/job-report";
import { createLogger, invocationLogger, type LambdaContextLike } from "../../observability/logger";

const logger = createLogger({ service: process.env.SERVICE_NAME ?? "assure-job-csaf-feed-poll" });
const db = createDb({
  tableName: process.env.TABLE_NAME ?? "assure",
  endpoint: process.env.DYNAMODB_ENDPOINT,
});
const providerMetadataUrls = listFromEnv(process.env.CSAF_PROVIDER_METADATA_URLS);
const maxDocumentsPerRun = Number(process.env.CSAF_MAX_DOCUMENTS_PER_RUN ?? "200");

/** EventBridge schedule target: polls the configured CSAF providers for changed advisories. */
export async function handler(_event: unknown, context?: LambdaContextLike): Promise<JobReport> {
  const log = invocationLogger(logger, context);
  const report = await runCsafFeedPoll({
    providerMetadataUrls,
    fetch: (url, init) => fetch(url, init),
    cursors: dynamoCursorStore(db, "csaf-feed-poll"),
    // The CSAF import feature is not wired yet: the job lists changed documents and leaves the cursor.
    importer: undefined,
    logger: log,
    maxDocumentsPerRun,
  });
  logJobReport(log, report);
  if (report.outcome === "failed") throw new Error(report.reason ?? "every CSAF provider poll failed");
  return report;
}
