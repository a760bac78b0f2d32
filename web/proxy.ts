import { randomBytes, timingSafeEqual } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, sourcesFrom } from "./lib/csp";

/**
 * In AWS, CloudFront adds a secret header to every request it forwards; requests that reach the server
 * function any other way (its URL found by someone) bypass the WAF and are refused. Locally nothing is set
 * and every request passes.
 */
let expected: Promise<string | null> | undefined;

function originSecret(): Promise<string | null> {
  const secretId = process.env.ORIGIN_VERIFY_SECRET_ID;
  if (!secretId) return Promise.resolve(null);
  if (!expected) {
    expected = import("@aws-sdk/client-secrets-manager").then(
      async ({ SecretsManagerClient, GetSecretValueCommand }) => {
        const value = await new SecretsManagerClient({}).send(
          new GetSecretValueCommand({ SecretId: secretId }),
        );
        return value.SecretString ?? null;
      },
    );
    expected.catch(() => {
      expected = undefined;
    });
  }
  return expected;
}

function same(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A fresh nonce per request: Next.js reads the policy from the request headers and puts the nonce on the
 * scripts it renders; the browser gets the same policy. Every page renders per request (the root layout is
 * force-dynamic), so no page is served with a stale nonce.
 */
function withContentSecurityPolicy(request: NextRequest): NextResponse {
  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    connectSources: sourcesFrom(process.env.PORTAL_CSP_CONNECT_SOURCES),
    formActionSources: sourcesFrom(process.env.PORTAL_CSP_FORM_ACTION_SOURCES),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export async function proxy(request: NextRequest) {
  const secret = await originSecret();
  if (secret !== null) {
    const header = request.headers.get(process.env.ORIGIN_VERIFY_HEADER ?? "x-origin-verify");
    if (!header || !same(header, secret)) {
      return new NextResponse("Forbidden: requests must come through the portal's CloudFront distribution.", {
        status: 403,
      });
    }
  }
  return withContentSecurityPolicy(request);
}

export const config = { matcher: "/((?!_next/static|favicon.ico).*)" };
