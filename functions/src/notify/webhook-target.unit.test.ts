import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookSender, type OutboundMessage } from "./sender";
import { checkWebhookUrl, refusedAddressReason, WebhookTargetRefused } from "./webhook-target";
import { createGuardedPost } from "./webhook-transport";

describe("refusedAddressReason", () => {
  it.each([
    ["8.8.8.8", null],
    ["93.184.215.14", null],
    ["2606:4700::1111", null],
    ["2001:4860:4860::8888", null],
    ["::ffff:8.8.8.8", null],
    ["0.0.0.0", "this network"],
    ["10.0.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", null],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.128.0.1", null],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["169.254.169.254", "link-local"],
    ["224.0.0.251", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::10.0.0.1", "private"],
    ["::ffff:0:10.0.0.1", "private"],
    ["64:ff9b::169.254.169.254", "link-local"],
    ["64:ff9b::a00:1", "private"],
    ["2002:a9fe:a9fe::1", "link-local"],
    ["2002:0808:0808::1", null],
    ["not-an-ip", "not an IP address"],
  ])("%s → %s", (address, reason) => {
    expect(refusedAddressReason(address)).toBe(reason);
  });
});

const resolver = (table: Record<string, string[]>) => async (host: string) => table[host] ?? [];

describe("checkWebhookUrl", () => {
  const policy = { requireHttps: true, resolve: resolver({ "hooks.example": ["93.184.215.14"] }) };
  it.each([
    ["https://hooks.example/a", true],
    ["http://hooks.example/a", false],
    ["ftp://hooks.example/a", false],
    ["https://user@hooks.example/a", false],
    ["https://unknown.example/a", false],
    ["https://[::ffff:10.0.0.1]/a", false],
    ["https://017700000001/a", false],
  ])("%s → allowed %s", async (url, allowed) => {
    const outcome = await checkWebhookUrl(url, policy).then(
      () => true,
      (error: unknown) => (error instanceof WebhookTargetRefused ? false : error),
    );
    expect(outcome).toBe(allowed);
  });
  it("plain http is allowed only when the policy does not require https, and private targets never", async () => {
    const local = { ...policy, requireHttps: false };
    await expect(checkWebhookUrl("http://hooks.example/a", local)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl("http://127.0.0.1:4000/a", local)).rejects.toThrow(/loopback/);
  });
});

const webhook: OutboundMessage = {
  channel: "webhook",
  tenantId: "t1",
  url: "https://rebind.example/hook",
  event: "advisory_impact",
  payload: { id: "n1" },
};

describe("sending a webhook", () => {
  it("checks the target again at send time: a name that now resolves to a private address is not posted to", async () => {
    const answers: Record<string, string[]> = { "rebind.example": ["93.184.215.14"] };
    const policy = { requireHttps: true, resolve: async (host: string) => answers[host] ?? [] };
    await expect(checkWebhookUrl(webhook.url, policy)).resolves.toBeInstanceOf(URL);
    answers["rebind.example"] = ["169.254.169.254"];
    const posted: string[] = [];
    const sender = createWebhookSender({
      fetch: async (url) => {
        posted.push(url);
        return new Response(null, { status: 204 });
      },
      email: { kind: "test", send: async () => undefined },
      target: policy,
    });
    await expect(sender.send(webhook)).rejects.toThrow(/link-local/);
    await expect(
      sender.send({ ...webhook, url: "http://169.254.169.254/latest/meta-data/" }),
    ).rejects.toThrow(WebhookTargetRefused);
    expect(posted).toEqual([]);
  });

  it("asks fetch not to follow redirects", async () => {
    const inits: RequestInit[] = [];
    const sender = createWebhookSender({
      fetch: async (_url, init) => {
        inits.push(init);
        return new Response(null, { status: 302, headers: { location: "http://169.254.169.254/" } });
      },
      email: { kind: "test", send: async () => undefined },
      target: { requireHttps: true, resolve: async () => ["93.184.215.14"] },
    });
    await expect(sender.send(webhook)).rejects.toThrow(/answered 302/);
    expect(inits.map((init) => init.redirect)).toEqual(["manual"]);
  });
});

// The guarded transport against a server on loopback (never any other address): the production check refuses it,
// a check that lets loopback through shows the request arrives and a redirect is not followed.
describe("createGuardedPost", () => {
  const seen: string[] = [];
  let port = 0;
  const server = createServer((request: IncomingMessage, response) => {
    seen.push(`${request.method} ${request.url}`);
    request.resume();
    if (request.url === "/redirect") {
      response.writeHead(302, { location: `http://127.0.0.1:${port}/followed` }).end();
    } else response.writeHead(204).end();
  });
  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());
  const post = { method: "POST", headers: { "content-type": "application/json" }, body: "{}" };

  it("connects only to addresses that pass the check, also when a name resolves to loopback", async () => {
    seen.length = 0;
    const guarded = createGuardedPost({ resolve: async () => ["127.0.0.1"] });
    await expect(guarded(`http://127.0.0.1:${port}/direct`, post)).rejects.toThrow(/loopback/);
    await expect(guarded(`http://rebind.example:${port}/by-name`, post)).rejects.toThrow(/loopback/);
    expect(seen).toEqual([]);
  });

  it("delivers to an allowed address and answers a redirect without following it", async () => {
    seen.length = 0;
    const guarded = createGuardedPost({
      resolve: async () => ["127.0.0.1"],
      refuse: (address) => (address === "127.0.0.1" ? null : "not the test server"),
    });
    expect((await guarded(`http://hooks.example:${port}/ok`, post)).status).toBe(204);
    expect((await guarded(`http://hooks.example:${port}/redirect`, post)).status).toBe(302);
    expect(seen).toEqual(["POST /ok", "POST /redirect"]);
  });
});
