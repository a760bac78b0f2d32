import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { describe, expect, it } from "vitest";
import { createFileSink, createSesEmailSender, createWebhookSender, type OutboundMessage } from "./sender";

const email: OutboundMessage = {
  channel: "email",
  tenantId: "t1",
  to: ["ot@rheinwasser.example"],
  subject: "ICSA-22-1 affects 2 of your assets",
  text: "Details…",
};
const webhook: OutboundMessage = {
  channel: "webhook",
  tenantId: "t1",
  url: "https://hooks.example/assure",
  event: "advisory_impact",
  payload: { id: "n1", title: "ICSA-22-1 affects 2 of your assets" },
};

/** Public DNS for the sender's target check, without the network. */
const target = { requireHttps: true, resolve: async () => ["93.184.215.14"] };

describe("notification senders", () => {
  it("the file sink appends one JSON line per message", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "outbox-"));
    const sink = createFileSink(dir);
    await sink.send(email);
    await sink.send({ ...webhook, secret: "whsec_never-written" });
    const text = readFileSync(path.join(dir, "messages.jsonl"), "utf8");
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.channel)).toEqual(["email", "webhook"]);
    expect(lines[0]).toMatchObject({ to: ["ot@rheinwasser.example"], subject: email.subject });
    // The webhook line says it would be signed; the tenant's key is not written out.
    expect(lines[1]).toMatchObject({ url: webhook.url, signed: true });
    expect(text).not.toContain("whsec_never-written");
  });

  it("posts webhooks with the event and an HMAC signature, passes e-mail on, and fails on an error answer", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const emails: OutboundMessage[] = [];
    let status = 204;
    const sender = createWebhookSender({
      fetch: async (url, init) => {
        calls.push({ url, init });
        return new Response(null, { status });
      },
      email: { kind: "test", send: async (m) => void emails.push(m) },
      target,
    });
    await sender.send({ ...webhook, secret: "s3cret" });
    await sender.send(email);
    expect(emails).toEqual([email]);
    const [call] = calls;
    const body = String(call?.init.body);
    expect(call?.url).toBe("https://hooks.example/assure");
    expect(JSON.parse(body)).toEqual({
      event: "advisory_impact",
      tenantId: "t1",
      id: "n1",
      title: webhook.payload.title,
    });
    const headers = call?.init.headers as Record<string, string>;
    expect(headers["x-assure-event"]).toBe("advisory_impact");
    expect(headers["x-assure-signature"]).toBe(
      `sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`,
    );
    status = 500;
    await expect(sender.send({ ...webhook, secret: "s3cret" })).rejects.toThrow(/answered 500/);
  });

  it("signs with the key the message carries (its tenant's), and signs nothing without one", async () => {
    const signatures: (string | undefined)[] = [];
    const sender = createWebhookSender({
      fetch: async (_url, init) => {
        signatures.push((init.headers as Record<string, string>)["x-assure-signature"]);
        return new Response(null, { status: 204 });
      },
      email: { kind: "test", send: async () => undefined },
      target,
    });
    await sender.send({ ...webhook, tenantId: "t1", secret: "whsec_tenant-one" });
    await sender.send({ ...webhook, tenantId: "t1", secret: "whsec_tenant-two" });
    await sender.send(webhook);
    const [one, two, none] = signatures;
    expect(one).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(two).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(one).not.toBe(two);
    expect(none).toBeUndefined();
  });

  it("sends e-mail through SES from the configured address", async () => {
    const sent: unknown[] = [];
    const client = { send: async (command: unknown) => void sent.push(command) } as unknown as SESv2Client;
    await createSesEmailSender({ from: "assure@portal.example", client }).send(email);
    const [command] = sent;
    expect(command).toBeInstanceOf(SendEmailCommand);
    expect((command as SendEmailCommand).input).toMatchObject({
      FromEmailAddress: "assure@portal.example",
      Destination: { ToAddresses: ["ot@rheinwasser.example"] },
      Content: { Simple: { Subject: { Data: email.subject } } },
    });
  });
});
