import type { LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { FetchLike } from "./sender";
import { checkedAddresses, type ResolveHost, refusedAddressReason } from "./webhook-target";

/**
 * The webhook POST used in AWS. Unlike `fetch`, it resolves the host itself and connects only to an address it
 * has just checked (a name that resolved to a public address when the URL was saved can resolve to 10.x or
 * 169.254.169.254 now: DNS rebinding), and it never follows a redirect (a 3xx is the answer, and the sender
 * treats it as a failure). `refuse` is the address check; tests replace it to reach a loopback server.
 */
export function createGuardedPost(options: {
  resolve: ResolveHost;
  refuse?: (address: string) => string | null;
}): FetchLike {
  const check = (hostname: string) =>
    checkedAddresses(hostname, options.resolve, options.refuse ?? refusedAddressReason);
  // Called by the socket for every connection it opens; what it hands back is what the socket connects to.
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    check(hostname).then(
      (addresses) => {
        const entries: LookupAddress[] = addresses.map((address) => ({
          address,
          family: isIP(address) === 6 ? 6 : 4,
        }));
        if (lookupOptions.all) callback(null, entries);
        else callback(null, entries[0]!.address, entries[0]!.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, "", 0),
    );
  };
  return async (raw, init) => {
    const url = new URL(raw);
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    // A literal address never reaches `lookup`: check it here.
    if (isIP(host)) await check(host);
    const client = url.protocol === "https:" ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: init.method ?? "POST",
          headers: init.headers as Record<string, string>,
          lookup,
          agent: false,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(new Response(null, { status: response.statusCode ?? 502 })));
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(typeof init.body === "string" ? init.body : undefined);
    });
  };
}
