// Subpath import keeps the job's bundle small (it does not need the whole catalog and engine).
import { ZCertification } from "@assure/shared/domain/certification";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import { queryAllItems } from "../db/query-all";
import { getCertification } from "../repos/certifications";
import { deliverNotification } from "../repos/notifications";
import type { CertificateExpiryPorts } from "./certificate-expiry";

/**
 * What the daily certificate-expiry job needs: valid certifications expiring in a date range (one query on the
 * catalog index, paged), and an idempotent inbox notification per (certification, reminder window).
 */
export function certificateExpiryPorts(db: Db, now: () => Date = () => new Date()): CertificateExpiryPorts {
  return {
    async findExpiringBetween(fromDate, toDate) {
      const items = await queryAllItems(db, {
        IndexName: "catalog",
        KeyConditionExpression: "catalogPk = :pk AND catalogSk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.certificationExpiryPk,
          ":from": `${fromDate}#`,
          ":to": `${toDate}#~`,
        },
      });
      const found = parseItems(ZCertification, items);
      return found.flatMap((c) =>
        c.expires && c.status === "valid"
          ? [
              {
                tenantId: c.supplierTenantId,
                certificationId: c.id,
                scheme: c.scheme,
                certificateNo: c.certificateNo,
                expires: c.expires,
              },
            ]
          : [],
      );
    },
    async recordReminder(reminder) {
      const certification = await getCertification(db, reminder.tenantId, reminder.certificationId);
      const name = certification
        ? `${certification.scheme} ${certification.certificateNo}`
        : "A certification";
      const delivered = await deliverNotification(db, {
        tenantId: reminder.tenantId,
        kind: "certificate_expiry",
        title:
          reminder.windowDays === 0 ? `${name} has expired` : `${name} expires in ${reminder.daysLeft} days`,
        body:
          reminder.windowDays === 0
            ? `It expired on ${reminder.expires}. Certified claims resting on it now count as self-declared; upload the renewed certificate.`
            : `It expires on ${reminder.expires}. Renew it and upload the new certificate before then, or certified claims resting on it will count as self-declared.`,
        link: `/components/certifications/${reminder.certificationId}`,
        subject: `certification:${reminder.certificationId}:window:${reminder.windowDays}`,
        at: now(),
      });
      return delivered ? "created" : "already-recorded";
    },
  };
}
