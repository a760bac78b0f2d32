import { createHmac } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";

/**
 * Outbound notifications (e-mail, webhooks) go through a pluggable sender. The in-portal inbox is written
 * first and is the record; a sender failure is logged and does not undo it. Locally a file sink appends every
 * message to `.data/outbox/messages.jsonl`, so what would have been sent can be read (and tested).
 */
export type OutboundMessage =
  | { channel: "email"; tenantId: string; to: string[]; subject: string; text: string }
  | { channel: "webhook"; tenantId: string; url: string; event: string; payload: Record<string, unknown> };

export interface NotificationSender {
  readonly kind: string;
  send(message: OutboundMessage): Promise<void>;
}

/** Every message as one JSON line in `<dir>/messages.jsonl` (dev and tests). */
export function createFileSink(dir: string): NotificationSender {
  return {
    kind: "file",
    async send(message) {
      await mkdir(dir, { recursive: true });
      await appendFile(
        path.join(dir, "messages.jsonl"),
        `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`,
      );
    },
  };
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Webhooks: POST JSON with `x-assure-event` and, when a secret is configured, `x-assure-signature:
 * sha256=<hex HMAC of the body>` so receivers can check the sender. E-mail goes to `email` (another sender).
 */
export function createWebhookSender(options: {
  fetch: FetchLike;
  secret?: string | undefined;
  email: NotificationSender;
  timeoutMs?: number;
}): NotificationSender {
  return {
    kind: `webhook+${options.email.kind}`,
    async send(message) {
      if (message.channel === "email") return options.email.send(message);
      const body = JSON.stringify({ event: message.event, tenantId: message.tenantId, ...message.payload });
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-assure-event": message.event,
      };
      if (options.secret) {
        headers["x-assure-signature"] =
          `sha256=${createHmac("sha256", options.secret).update(body).digest("hex")}`;
      }
      const response = await options.fetch(message.url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!response.ok) throw new Error(`webhook ${message.url} answered ${response.status}`);
    },
  };
}

/** Sends nothing; for processes that must not notify (benchmarks). */
export const discardSender: NotificationSender = { kind: "discard", send: async () => {} };

/** E-mail through Amazon SES (AWS): plain-text messages from NOTIFY_EMAIL_FROM, one send per message. */
export function createSesEmailSender(options: { from: string; client?: SESv2Client }): NotificationSender {
  const client = options.client ?? new SESv2Client({});
  return {
    kind: "ses",
    async send(message) {
      if (message.channel !== "email") throw new Error("the SES sender only sends e-mail");
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: message.to },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: "UTF-8" },
              Body: { Text: { Data: message.text, Charset: "UTF-8" } },
            },
          },
        }),
      );
    },
  };
}
