import type { TNotice, TNotification } from "@assure/shared";
import type { Db } from "../db/client";
import type { Logger } from "../observability/logger";
import { getAdvisorySettings } from "../repos/advisories";
import { deliverNotification } from "../repos/notifications";
import { getWebhookSecret } from "../repos/webhook-secrets";
import type { NotificationSender } from "./sender";

/** What to deliver: the shared notice shape (tenant, kind, title, body, portal link, idempotency subject). */
export type NotificationInput = TNotice;

export interface Notifier {
  /** Writes the inbox entry (once per tenant, kind and subject) and, when new, sends e-mail/webhook. */
  notify(input: NotificationInput): Promise<TNotification | undefined>;
}

export function createNotifier(options: {
  db: Db;
  sender: NotificationSender;
  now: () => Date;
  logger?: Logger | undefined;
  /** Absolute portal URL for links in e-mails and webhooks. */
  portalUrl?: string | undefined;
}): Notifier {
  const { db, sender } = options;
  const absolute = (link: string) => (options.portalUrl ? new URL(link, options.portalUrl).toString() : link);
  return {
    async notify(input) {
      const notification = await deliverNotification(db, { ...input, at: options.now() });
      if (!notification) return undefined;
      const settings = await getAdvisorySettings(db, input.tenantId);
      const sends: Promise<void>[] = [];
      if (settings.notifyEmails.length > 0) {
        sends.push(
          sender.send({
            channel: "email",
            tenantId: input.tenantId,
            to: settings.notifyEmails,
            subject: input.title,
            text: `${input.body}\n\n${absolute(input.link)}\n`,
          }),
        );
      }
      if (settings.webhookUrl) {
        const signing = await getWebhookSecret(db, input.tenantId);
        sends.push(
          sender.send({
            channel: "webhook",
            tenantId: input.tenantId,
            url: settings.webhookUrl,
            secret: signing?.secret,
            event: notification.kind,
            payload: {
              id: notification.id,
              title: notification.title,
              body: notification.body,
              link: absolute(notification.link),
              subject: notification.subject,
              createdAt: notification.createdAt,
            },
          }),
        );
      }
      // The inbox entry is the record; a failed e-mail or webhook is logged, not retried with the record.
      for (const outcome of await Promise.allSettled(sends)) {
        if (outcome.status === "rejected") {
          options.logger?.warn("notification channel failed", {
            tenantId: input.tenantId,
            kind: input.kind,
            error: outcome.reason,
          });
        }
      }
      return notification;
    },
  };
}
