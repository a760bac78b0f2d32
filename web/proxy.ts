import { timingSafeEqual } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";

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

export async function proxy(request: NextRequest) {
  const secret = await originSecret();
  if (secret === null) return NextResponse.next();
  const header = request.headers.get(process.env.ORIGIN_VERIFY_HEADER ?? "x-origin-verify");
  if (!header || !same(header, secret)) {
    return new NextResponse("Forbidden: requests must come through the portal's CloudFront distribution.", {
      status: 403,
    });
  }
  return NextResponse.next();
}

export const config = { matcher: "/((?!_next/static|favicon.ico).*)" };
