import type { Logger } from "../observability/logger";

/**
 * What a scheduled job did. `skipped` means there was nothing it could do (not configured, or the
 * domain code it needs is not wired); it is never reported as `completed`.
 */
export interface JobReport {
  job: string;
  outcome: "completed" | "skipped" | "failed";
  reason?: string;
  counts: Record<string, number>;
}

export function logJobReport(logger: Logger, report: JobReport): void {
  const fields = { job: report.job, outcome: report.outcome, reason: report.reason, ...report.counts };
  if (report.outcome === "failed") logger.error(`job ${report.job} failed`, fields);
  else if (report.outcome === "skipped") logger.warn(`job ${report.job} had nothing to do`, fields);
  else logger.info(`job ${report.job} completed`, fields);
}
