import { createDb } from "../../db/client";
import { runCertificateExpiryReminders } from "../../jobs/certificate-expiry";
import { certificateExpiryPorts } from "../../jobs/certificate-expiry-ports";
import { numbersFromEnv } from "../../jobs/env";
import { type JobReport, logJobReport } from "../../jobs/job-report";
import { createLogger, invocationLogger, type LambdaContextLike } from "../../observability/logger";

const logger = createLogger({ service: process.env.SERVICE_NAME ?? "assure-job-certificate-expiry" });
const windowsDays = numbersFromEnv(process.env.CERTIFICATE_REMINDER_DAYS, [90, 30, 7]);
const db = createDb({
  tableName: process.env.TABLE_NAME ?? "assure",
  endpoint: process.env.DYNAMODB_ENDPOINT,
});

/** EventBridge schedule target: daily certificate-expiry reminders. */
export async function handler(_event: unknown, context?: LambdaContextLike): Promise<JobReport> {
  const log = invocationLogger(logger, context);
  const report = await runCertificateExpiryReminders(certificateExpiryPorts(db), {
    now: new Date(),
    windowsDays,
    logger: log,
  });
  logJobReport(log, report);
  if (report.outcome === "failed") throw new Error(report.reason ?? "certificate expiry job failed");
  return report;
}
