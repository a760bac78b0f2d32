import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../web/proxy";

/** The directive `name` of a policy, as its list of sources. */
function directive(policy: string, name: string): string[] {
  const found = policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  if (!found) throw new Error(`no ${name} in ${policy}`);
  return found.slice(1);
}

async function policyFor(path: string) {
  const response = await proxy(new NextRequest(`https://portal.example${path}`));
  const policy = response.headers.get("content-security-policy") ?? "";
  // What the page renders with: Next.js reads the policy and nonce from the forwarded request headers.
  const forwardedNonce = response.headers.get("x-middleware-request-x-nonce");
  const forwardedPolicy = response.headers.get("x-middleware-request-content-security-policy");
  return { policy, forwardedNonce, forwardedPolicy };
}

describe("the portal's Content Security Policy", () => {
  it("allows scripts by a per-request nonce, never 'unsafe-inline'", async () => {
    const first = await policyFor("/sites");
    const scripts = directive(first.policy, "script-src");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).toContain(`'nonce-${first.forwardedNonce}'`);
    expect(first.forwardedPolicy).toBe(first.policy);
    expect(first.forwardedNonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);

    const second = await policyFor("/sites");
    expect(second.forwardedNonce).not.toBe(first.forwardedNonce);
  });

  it("keeps the rest of the baseline: no framing, no plugins, no foreign base URL", async () => {
    const { policy } = await policyFor("/login");
    expect(directive(policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
    expect(directive(policy, "base-uri")).toEqual(["'self'"]);
    expect(directive(policy, "default-src")).toEqual(["'self'"]);
  });
});
