import { createHmac } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { checkWebhookUrl, type WebhookTargetPolicy } from "./webhook-target";

/**
 * Outbound notifications (e-mail, webhooks) go through a pluggable sender. The in-portal inbox is written
 * first and is the record; a sender failure is logged and does not undo it. Locally a file sink appends every
 * message to `.data/outbox/messages.jsonl`, so what would have been sent can be read (and tested).
 */
export type OutboundMessage =
  | { channel: "email"; tenantId: string; to: string[]; subject: string; text: string }
  | {
      channel: "webhook";
      tenantId: string;
      url: string;
      event: string;
      payload: Record<string, unknown>;
      /** The tenant's signing key (repos/webhook-secrets.ts); without one the webhook is sent unsigned. */
      secret?: string | undefined;
    };

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
      // A webhook's key is never written out: the line says whether it would have been signed.
      const line =
        message.channel === "webhook"
          ? { ...message, secret: undefined, signed: Boolean(message.secret) }
          : message;
      await appendFile(
        path.join(dir, "messages.jsonl"),
        `${JSON.stringify({ at: new Date().toISOString(), ...line })}\n`,
      );
    },
  };
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Webhooks: POST JSON with `x-assure-event` and, when the tenant has a signing key, `x-assure-signature:
 * sha256=<hex HMAC of the body>` so its receiver can check the sender. E-mail goes to `email` (another sender).
 * The URL is checked against `target` before every delivery (a URL saved before the rules, or a name that now
 * resolves to a private address, is refused), and redirects are not followed: a 3xx is a failed delivery.
 */
export function createWebhookSender(options: {
  fetch: FetchLike;
  email: NotificationSender;
  target: WebhookTargetPolicy;
  timeoutMs?: number;
}): NotificationSender {
  return {
    kind: `webhook+${options.email.kind}`,
    async send(message) {
      if (message.channel === "email") return options.email.send(message);
      await checkWebhookUrl(message.url, options.target);
      const body = JSON.stringify({ event: message.event, tenantId: message.tenantId, ...message.payload });
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-assure-event": message.event,
      };
      if (message.secret) {
        headers["x-assure-signature"] =
          `sha256=${createHmac("sha256", message.secret).update(body).digest("hex")}`;
      }
      const response = await options.fetch(message.url, {
        method: "POST",
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!response.ok) throw new Error(`webhook ${message.url} answered ${response.status}`);
    },
  };
}

/** Sends nothing; for processes that must not notify (benchmarks). */
export const discardSender: NotificationSender = { kind: "discard", send: async () => {} };

/**
 * E-mail through Amazon SES (AWS): plain-text messages from NOTIFY_EMAIL_FROM, one send per message. The SES client
 * (from the runtime's AWS SDK) is loaded with the first e-mail, not when the stream processor starts.
 */
export function createSesEmailSender(options: { from: string; client?: SESv2Client }): NotificationSender {
  let sdk: Promise<typeof import("@aws-sdk/client-sesv2")> | undefined;
  let client = options.client;
  return {
    kind: "ses",
    async send(message) {
      if (message.channel !== "email") throw new Error("the SES sender only sends e-mail");
      sdk ??= import("@aws-sdk/client-sesv2");
      const { SESv2Client, SendEmailCommand } = await sdk;
      client ??= new SESv2Client({});
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
