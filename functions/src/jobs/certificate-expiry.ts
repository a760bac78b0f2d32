import type { Logger } from "../observability/logger";
import type { JobReport } from "./job-report";

/** A certificate as the reminder job needs it. */
export interface ExpiringCertificate {
  tenantId: string;
  certificationId: string;
  scheme: string;
  certificateNo: string;
  /** ISO date, YYYY-MM-DD. */
  expires: string;
}

export interface ReminderToRecord {
  tenantId: string;
  certificationId: string;
  /** The reminder window in days before expiry; 0 means "expired". */
  windowDays: number;
  expires: string;
  daysLeft: number;
}

/** Storage the job needs; implemented by the certification feature's repository. */
export interface CertificateExpiryPorts {
  /** Valid (not revoked) certificates expiring within [fromDate, toDate], ISO dates inclusive. */
  findExpiringBetween(fromDate: string, toDate: string): Promise<ExpiringCertificate[]>;
  /**
   * Creates the notification/obligation for one (certificate, window) pair. Must be idempotent on that
   * pair: the job runs daily and a certificate stays in the same window for many days.
   */
  recordReminder(reminder: ReminderToRecord): Promise<"created" | "already-recorded">;
}

export interface CertificateExpiryOptions {
  now: Date;
  /** Reminder windows in days before expiry, e.g. [90, 30, 7]. Expiry itself is always a window. */
  windowsDays: readonly number[];
  logger: Logger;
}

const DAY_MS = 86_400_000;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / DAY_MS);
}

/**
 * The window a certificate with `daysLeft` falls in: the smallest window that is still ≥ daysLeft,
 * 0 once expired, undefined when it is further out than the largest window.
 */
export function reminderWindow(daysLeft: number, windowsDays: readonly number[]): number | undefined {
  if (daysLeft <= 0) return 0;
  const fitting = [...windowsDays].filter((window) => window >= daysLeft).sort((a, b) => a - b);
  return fitting[0];
}

export async function runCertificateExpiryReminders(
  ports: CertificateExpiryPorts | undefined,
  options: CertificateExpiryOptions,
): Promise<JobReport> {
  const job = "certificate-expiry-reminders";
  if (!ports) {
    return {
      job,
      outcome: "skipped",
      reason: "no certification repository is wired to this job yet, so no certificate was examined",
      counts: {},
    };
  }
  const today = isoDate(options.now);
  const largestWindow = Math.max(0, ...options.windowsDays);
  // One day back, so a certificate that expired while a run was missed still gets its "expired" notice.
  const from = isoDate(new Date(options.now.getTime() - DAY_MS));
  const to = isoDate(new Date(options.now.getTime() + largestWindow * DAY_MS));
  const certificates = await ports.findExpiringBetween(from, to);

  let created = 0;
  let alreadyRecorded = 0;
  for (const certificate of certificates) {
    const daysLeft = daysBetween(today, certificate.expires);
    const windowDays = reminderWindow(daysLeft, options.windowsDays);
    if (windowDays === undefined) continue;
    const outcome = await ports.recordReminder({
      tenantId: certificate.tenantId,
      certificationId: certificate.certificationId,
      windowDays,
      expires: certificate.expires,
      daysLeft,
    });
    if (outcome === "created") created += 1;
    else alreadyRecorded += 1;
  }
  options.logger.debug("certificate expiry scan", { from, to, examined: certificates.length });
  return {
    job,
    outcome: "completed",
    counts: {
      examined: certificates.length,
      remindersCreated: created,
      remindersAlreadyRecorded: alreadyRecorded,
    },
  };
}
