import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where a webhook may go. A webhook is a request the portal makes on a tenant's behalf, so a URL pointing into
 * the portal's own network (cloud metadata at 169.254.169.254, VPC addresses, loopback) would let a tenant make
 * the portal fetch things it must not. Only public unicast addresses are allowed, checked when the URL is saved
 * and again on the address the sender actually connects to (a name can resolve differently later).
 */

/** All addresses a host name resolves to (A and AAAA). Injected so tests never touch the network. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export interface WebhookTargetPolicy {
  /** https only (AWS); plain http is accepted only when running locally. Private addresses are refused either way. */
  requireHttps: boolean;
  resolve: ResolveHost;
}

export const resolveWithDns: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export class WebhookTargetRefused extends Error {}

function blockList(family: "ipv4" | "ipv6", subnets: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, family);
  return list;
}

/** IANA special-purpose IPv4 ranges, by the reason given to the user. */
const V4: [string, BlockList][] = [
  ["this network", blockList("ipv4", [["0.0.0.0", 8]])],
  ["loopback", blockList("ipv4", [["127.0.0.0", 8]])],
  [
    "private",
    blockList("ipv4", [
      ["10.0.0.0", 8],
      ["172.16.0.0", 12],
      ["192.168.0.0", 16],
    ]),
  ],
  ["carrier-grade NAT", blockList("ipv4", [["100.64.0.0", 10]])],
  ["link-local", blockList("ipv4", [["169.254.0.0", 16]])],
  ["multicast", blockList("ipv4", [["224.0.0.0", 4]])],
  [
    "reserved",
    blockList("ipv4", [
      ["192.0.0.0", 24],
      ["192.0.2.0", 24],
      ["192.88.99.0", 24],
      ["198.18.0.0", 15],
      ["198.51.100.0", 24],
      ["203.0.113.0", 24],
      ["240.0.0.0", 4],
    ]),
  ],
];

/** IANA special-purpose IPv6 ranges (the forms that embed an IPv4 address are decoded separately). */
const V6: [string, BlockList][] = [
  ["unspecified", blockList("ipv6", [["::", 128]])],
  ["loopback", blockList("ipv6", [["::1", 128]])],
  ["unique-local", blockList("ipv6", [["fc00::", 7]])],
  [
    "link-local",
    blockList("ipv6", [
      ["fe80::", 10],
      ["fec0::", 10],
    ]),
  ],
  ["multicast", blockList("ipv6", [["ff00::", 8]])],
  [
    "reserved",
    blockList("ipv6", [
      ["64:ff9b:1::", 48],
      ["100::", 64],
      ["2001::", 23],
      ["2001:db8::", 32],
      ["3fff::", 20],
      ["5f00::", 16],
    ]),
  ],
];

/** The 16 bytes of an IPv6 address (`::` expanded, a trailing dotted IPv4 part read), or null. */
function ipv6Bytes(address: string): number[] | null {
  let text = address;
  const tail: number[] = [];
  const dotted = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...dotted[1]!.split(".").map(Number));
    text = `${text.slice(0, text.length - dotted[1]!.length)}0:0`;
  }
  const [head, rest, extra] = text.split("::");
  if (extra !== undefined) return null;
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = groups(rest);
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 0) return null;
  const all = [...left, ...Array<string>(missing).fill("0"), ...right];
  const bytes = all.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** The IPv4 address an IPv6 address stands for (mapped, compatible, SIIT, NAT64, 6to4), if any. */
function embeddedIpv4(bytes: number[]): string | null {
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const word = (i: number) => (bytes[i]! << 8) | bytes[i + 1]!;
  const v4 = (at: number) => bytes.slice(at, at + 4).join(".");
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), ::ffff:0:a.b.c.d (SIIT)
  if (zero(0, 10) && word(10) === 0xffff) return v4(12);
  if (zero(0, 12)) return v4(12);
  if (zero(0, 8) && word(8) === 0xffff && word(10) === 0) return v4(12);
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix)
  if (word(0) === 0x64 && word(2) === 0xff9b && zero(4, 12)) return v4(12);
  // 2002:aabb:ccdd::/48 (6to4)
  if (word(0) === 0x2002) return v4(2);
  return null;
}

/** Why a webhook may not connect to this address, or null for a public unicast address. */
export function refusedAddressReason(address: string): string | null {
  const [ip, zone] = address.split("%");
  if (zone !== undefined) return "link-local";
  const family = isIP(ip ?? "");
  if (family === 4) return V4.find(([, list]) => list.check(ip!, "ipv4"))?.[0] ?? null;
  if (family !== 6) return "not an IP address";
  const bytes = ipv6Bytes(ip!.toLowerCase());
  if (!bytes) return "not an IP address";
  const embedded = embeddedIpv4(bytes);
  // `::` and `::1` also match the compatible form; they are IPv6's own unspecified and loopback addresses.
  const own = V6.find(([, list]) => list.check(ip!, "ipv6"))?.[0] ?? null;
  if (own === "unspecified" || own === "loopback") return own;
  if (embedded) return refusedAddressReason(embedded);
  return own;
}

/** The URL's host as an address or a name (IPv6 literals lose their brackets). */
function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/** The addresses a host stands for, each checked; throws {@link WebhookTargetRefused} naming the first refused. */
export async function checkedAddresses(
  hostname: string,
  resolve: ResolveHost,
  refuse: (address: string) => string | null = refusedAddressReason,
): Promise<string[]> {
  const literal = isIP(hostname.split("%")[0] ?? "") !== 0;
  let addresses: string[];
  if (literal) addresses = [hostname];
  else {
    addresses = await resolve(hostname).catch(() => []);
    if (addresses.length === 0) throw new WebhookTargetRefused(`${hostname} does not resolve to an address`);
  }
  for (const address of addresses) {
    const reason = refuse(address);
    if (reason) {
      throw new WebhookTargetRefused(
        literal
          ? `${address} is a ${reason} address, not a public one`
          : `${hostname} resolves to ${address}, a ${reason} address, not a public one`,
      );
    }
  }
  return addresses;
}

/**
 * Checks a webhook URL against the policy: scheme, no credentials, and every address its host resolves to
 * public. Throws {@link WebhookTargetRefused} with a reason a user can act on.
 */
export async function checkWebhookUrl(raw: string, policy: WebhookTargetPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetRefused("not a URL");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && !policy.requireHttps)) {
    throw new WebhookTargetRefused("a webhook must use https");
  }
  if (url.username || url.password) {
    throw new WebhookTargetRefused("a webhook URL must not contain credentials; sign webhooks instead");
  }
  await checkedAddresses(hostOf(url), policy.resolve);
  return url;
}
