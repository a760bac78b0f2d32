import { describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger";
import {
  type CertificateExpiryPorts,
  type ExpiringCertificate,
  type ReminderToRecord,
  reminderWindow,
  runCertificateExpiryReminders,
} from "./certificate-expiry";

const logger = createLogger({ service: "test", level: "error", write: () => {} });

function inMemoryPorts(certificates: ExpiringCertificate[]) {
  const recorded = new Map<string, ReminderToRecord>();
  const queries: [string, string][] = [];
  const ports: CertificateExpiryPorts = {
    async findExpiringBetween(from, to) {
      queries.push([from, to]);
      return certificates.filter((certificate) => certificate.expires >= from && certificate.expires <= to);
    },
    async recordReminder(reminder) {
      const key = `${reminder.certificationId}/${reminder.windowDays}`;
      if (recorded.has(key)) return "already-recorded";
      recorded.set(key, reminder);
      return "created";
    },
  };
  return { ports, recorded, queries };
}

const certificate = (id: string, expires: string): ExpiringCertificate => ({
  tenantId: "t1",
  certificationId: id,
  scheme: "ISASecure CSA",
  certificateNo: `N-${id}`,
  expires,
});

describe("certificate expiry reminders", () => {
  it("puts each certificate in the smallest window that still covers it", () => {
    expect(reminderWindow(100, [90, 30, 7])).toBeUndefined();
    expect(reminderWindow(90, [90, 30, 7])).toBe(90);
    expect(reminderWindow(31, [90, 30, 7])).toBe(90);
    expect(reminderWindow(30, [7, 90, 30])).toBe(30);
    expect(reminderWindow(1, [90, 30, 7])).toBe(7);
    expect(reminderWindow(0, [90, 30, 7])).toBe(0);
    expect(reminderWindow(-1, [90, 30, 7])).toBe(0);
  });

  it("records one reminder per certificate and window, and nothing more on a rerun", async () => {
    const { ports, recorded, queries } = inMemoryPorts([
      certificate("soon", "2026-06-05"),
      certificate("later", "2026-08-01"),
      certificate("far", "2027-01-01"),
      certificate("expired-yesterday", "2026-05-31"),
    ]);
    const now = new Date("2026-06-01T06:00:00Z");
    const first = await runCertificateExpiryReminders(ports, { now, windowsDays: [90, 30, 7], logger });
    expect(queries[0]).toEqual(["2026-05-31", "2026-08-30"]);
    expect(first).toMatchObject({ outcome: "completed", counts: { examined: 3, remindersCreated: 3 } });
    expect([...recorded.values()].map((r) => [r.certificationId, r.windowDays, r.daysLeft])).toEqual([
      ["soon", 7, 4],
      ["later", 90, 61],
      ["expired-yesterday", 0, -1],
    ]);
    const rerun = await runCertificateExpiryReminders(ports, { now, windowsDays: [90, 30, 7], logger });
    expect(rerun.counts).toMatchObject({ remindersCreated: 0, remindersAlreadyRecorded: 3 });
  });

  it("reports skipped, not completed, while no repository is wired", async () => {
    const report = await runCertificateExpiryReminders(undefined, {
      now: new Date(),
      windowsDays: [30],
      logger,
    });
    expect(report.outcome).toBe("skipped");
    expect(report.reason).toMatch(/no certification repository/);
  });
});
