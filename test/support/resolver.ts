/**
 * DNS for tests, without the network: names in `hosts` resolve to their addresses, any other `*.example` name to
 * one public address (so ordinary webhook URLs in tests save), anything else does not resolve.
 */
export const PUBLIC_TEST_ADDRESS = "93.184.215.14";

export const TEST_HOSTS: Record<string, string[]> = {
  "metadata.attacker.example": ["169.254.169.254"],
  "intranet.attacker.example": ["10.1.2.3"],
  "mixed.attacker.example": [PUBLIC_TEST_ADDRESS, "192.168.0.10"],
  "v6-local.attacker.example": ["fd12:3456::1"],
  "mapped.attacker.example": ["::ffff:127.0.0.1"],
  "nowhere.example": [],
};

export function testResolver(hosts: Record<string, string[]> = TEST_HOSTS) {
  return async (hostname: string): Promise<string[]> => {
    const known = hosts[hostname];
    if (known) return known;
    if (hostname.endsWith(".example")) return [PUBLIC_TEST_ADDRESS];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  };
}
