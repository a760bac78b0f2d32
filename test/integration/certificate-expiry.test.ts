import { beforeAll, describe, expect, it } from "vitest";
import { runCertificateExpiryReminders } from "../../functions/src/jobs/certificate-expiry";
import { certificateExpiryPorts } from "../../functions/src/jobs/certificate-expiry-ports";
import { createLogger } from "../../functions/src/observability/logger";
import { createCertification } from "../../functions/src/repos/certifications";
import { listNotifications } from "../../functions/src/repos/notifications";
import { createTenant } from "../../functions/src/repos/tenants";
import { createTestDb } from "../support/db";

const now = new Date("2026-06-01T06:00:00Z");
let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  db = await createTestDb("cert-expiry");
});

describe("certificate expiry reminders", () => {
  it("notifies the supplier once per window for valid certifications, never for revoked or far-off ones", async () => {
    const supplier = await createTenant(db, {
      slug: "sup-exp",
      name: "Sup",
      kinds: ["supplier"],
      actor: "t",
      now,
    });
    const certify = (certificateNo: string, expires: string, status: "valid" | "revoked" = "valid") =>
      createCertification(db, {
        supplierTenantId: supplier.id,
        certification: {
          scheme: "ISASecure CSA",
          body: "exida",
          certificateNo,
          standardPart: "4-2",
          issued: "2024-01-01",
          expires,
          status,
          evidenceIds: [],
        },
        evidence: new Map(),
        actor: "t",
        now,
      });
    const soon = await certify("SOON-20", "2026-06-21");
    await certify("LATER-200", "2026-12-18");
    await certify("REVOKED-10", "2026-06-11", "revoked");
    const expired = await certify("EXPIRED-1", "2026-05-31");
    const options = {
      now,
      windowsDays: [90, 30, 7],
      logger: createLogger({ service: "test", write: () => {} }),
    };

    const first = await runCertificateExpiryReminders(
      certificateExpiryPorts(db, () => now),
      options,
    );
    expect(first.outcome).toBe("completed");
    expect(first.counts).toMatchObject({ remindersCreated: 2, remindersAlreadyRecorded: 0 });
    const second = await runCertificateExpiryReminders(
      certificateExpiryPorts(db, () => now),
      options,
    );
    expect(second.counts).toMatchObject({ remindersCreated: 0, remindersAlreadyRecorded: 2 });

    const inbox = await listNotifications(db, { tenantId: supplier.id, limit: 50 });
    expect(inbox.items.map((n) => [n.title, n.link]).sort()).toEqual([
      ["ISASecure CSA EXPIRED-1 has expired", `/components/certifications/${expired.id}`],
      ["ISASecure CSA SOON-20 expires in 20 days", `/components/certifications/${soon.id}`],
    ]);
  });
});
