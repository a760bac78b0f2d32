import { readFileSync } from "node:fs";
import type { CfnElement } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTION_NAMES, type FunctionName } from "../../infra/src/bundling";
import { repoPath } from "../../infra/src/paths";
import { type SynthResult, sharedBundles, synthStage } from "./support/synth";

/**
 * Every environment variable a function's bundled code reads must be set by the stack for that function, or be
 * listed here with the reason the stack leaves it unset. The reads are found in the bundle's first-party sources
 * (esbuild metafile): `process.env.NAME`, `env.NAME` (an environment record handed down) and the keys of zod
 * environment schemas (`NAME: z.…`, as in functions/src/config.ts).
 */
const NOT_SET_BY_THE_STACK: Record<string, string> = {
  AWS_REGION: "set by the Lambda runtime",
  AWS_LAMBDA_LOG_LEVEL: "set by the Lambda runtime from the function's advanced logging configuration",
  AWS_LAMBDA_INITIALIZATION_TYPE: "set by the Lambda runtime (provisioned concurrency preloads route groups)",
  LOG_LEVEL: "an override for local runs; in AWS the level comes from AWS_LAMBDA_LOG_LEVEL",
  DYNAMODB_ENDPOINT: "DynamoDB Local only",
  ASSURE_DATA_DIR: "the local stack's data directory",
  ASSURE_MODE: "defaults to aws; `local` enables developer conveniences that must never run in AWS",
  EVIDENCE_DIR: "local evidence directory; in AWS EVIDENCE_BUCKET selects S3",
  AUTH_JWKS: "inline keys for tests and local runs; in AWS the API fetches AUTH_JWKS_URL",
  MAX_BODY_BYTES: "the default (2 MiB JSON bodies) is the deployed limit",
  CSAF_MAX_DOCUMENT_BYTES: "the default (4 MiB CSAF documents) is the deployed limit",
  CLAIM_SIGNING_JWK: "for deployments without the rotated secret; the stack sets CLAIM_SIGNING_KEY_SECRET_ID",
  CLAIM_SIGNING_RETIRED_JWKS: "goes with CLAIM_SIGNING_JWK; the secret carries its own retired keys",
  NOTIFY_OUTBOX_DIR: "the local e-mail outbox",
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT:
    "the default (10 failed sign-ins per account per window) is the deployed limit",
  SIGN_IN_MAX_FAILURES_PER_ADDRESS:
    "the default (50 failed sign-ins per address per window) is the deployed limit",
  SIGN_IN_WINDOW_SECONDS: "the default (15-minute windows) is the deployed limit",
  NOTIFY_EMAIL_FROM:
    "set only when notifications.emailFrom is configured (asserted below); else e-mails are logged",
};

/** Set by the stack although no bundled code reads them. */
const SET_FOR_OTHERS: Record<string, string> = {
  NODE_OPTIONS: "read by Node itself (--enable-source-maps; the API adds the engine's V8 flags)",
  STAGE: "names the stage in the console and in every function's configuration",
};

/** Variables one function's code reads that the stack leaves unset for that function only. */
const NOT_SET_FOR: Partial<Record<FunctionName, Record<string, string>>> = {
  csafFeedPollJob: {
    EVIDENCE_UPLOAD_URL_TTL_SECONDS:
      "read with the evidence limits; the job stores documents and signs no URLs",
  },
  streamProcessor: {
    EVIDENCE_MAX_UPLOAD_BYTES:
      "read with the evidence limits; the stream processor only reads advisory documents",
    EVIDENCE_ALLOWED_CONTENT_TYPES:
      "read with the evidence limits; the stream processor only reads advisory documents",
    EVIDENCE_UPLOAD_URL_TTL_SECONDS:
      "read with the evidence limits; the stream processor only reads advisory documents",
  },
};

const PATTERNS = [
  /\bprocess\.env\.([A-Z][A-Z0-9_]*)/g,
  /\bprocess\.env\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]/g,
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
  /^\s*([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\s*:\s*z\b/gm,
];

function environmentReads(source: string): string[] {
  return [
    ...new Set(PATTERNS.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ""))),
  ]
    .filter(Boolean)
    .sort();
}

function functionsOf(result: SynthResult): Record<FunctionName, IFunction> {
  const { stack } = result;
  const job = (id: string) => {
    const found = stack.jobs.functions.get(id);
    if (!found) throw new Error(`no job ${id}`);
    return found.function;
  };
  return {
    api: stack.api.handler.function,
    streamProcessor: stack.streamProcessor.handler.function,
    certificateExpiryJob: job("CertificateExpiry"),
    csafFeedPollJob: job("CsafFeedPoll"),
    signingKeyRotation: stack.auth.signingKeyRotation.function,
  };
}

function environmentOf(result: SynthResult, fn: IFunction): string[] {
  const logicalId = result.stack.getLogicalId(fn.node.defaultChild as CfnElement);
  const resource = result.template.findResources("AWS::Lambda::Function")[logicalId];
  if (!resource) throw new Error(`no function ${logicalId} in the template`);
  return Object.keys(resource.Properties?.Environment?.Variables ?? {}).sort();
}

let reads: Record<FunctionName, Map<string, string[]>>;
let dev: SynthResult;
beforeAll(async () => {
  const bundles = await sharedBundles();
  reads = Object.fromEntries(
    FUNCTION_NAMES.map((name) => {
      const byVariable = new Map<string, string[]>();
      for (const source of bundles[name].sources) {
        for (const variable of environmentReads(readFileSync(repoPath(source), "utf8"))) {
          byVariable.set(variable, [...(byVariable.get(variable) ?? []), source]);
        }
      }
      return [name, byVariable];
    }),
  ) as typeof reads;
  dev = await synthStage("dev");
});

describe("function environments match what the code reads", () => {
  it("finds reads in process.env, handed-down env records and zod environment schemas", () => {
    expect(
      environmentReads(
        [
          "const a = process.env.TABLE_NAME;",
          'const b = process.env["PORTAL_URL"];',
          "const c = env.NOTIFY_EMAIL_FROM ?? env.notAVariable;",
          "const Z = z.object({",
          "  AUTH_JWKS_URL: z.url().optional(),",
          "  camelCase: z.string(),",
          "});",
        ].join("\n"),
      ),
    ).toEqual(["AUTH_JWKS_URL", "NOTIFY_EMAIL_FROM", "PORTAL_URL", "TABLE_NAME"]);
  });

  it("reads what the API, the stream processor and the jobs are known to need", () => {
    expect([...reads.api.keys()]).toEqual(
      expect.arrayContaining([
        "TABLE_NAME",
        "AUTH_JWKS_URL",
        "EVIDENCE_BUCKET",
        "CLAIM_SIGNING_KEY_SECRET_ID",
      ]),
    );
    expect([...reads.streamProcessor.keys()]).toEqual(
      expect.arrayContaining(["TABLE_NAME", "PORTAL_URL", "NOTIFY_EMAIL_FROM"]),
    );
    expect([...reads.csafFeedPollJob.keys()]).toEqual(
      expect.arrayContaining(["CSAF_PROVIDER_METADATA_URLS", "EVIDENCE_BUCKET"]),
    );
  });

  it.each(FUNCTION_NAMES)("%s: every variable its code reads is set by the stack or explained", (name) => {
    const set = new Set(environmentOf(dev, functionsOf(dev)[name]));
    const missing = [...reads[name]]
      .filter(
        ([variable]) =>
          !set.has(variable) &&
          !(variable in NOT_SET_BY_THE_STACK) &&
          !(variable in (NOT_SET_FOR[name] ?? {})),
      )
      .map(([variable, sources]) => `${variable} (read in ${sources.join(", ")})`);
    expect(missing).toEqual([]);
  });

  it.each(FUNCTION_NAMES)("%s: every variable the stack sets is read by its code or explained", (name) => {
    const unread = environmentOf(dev, functionsOf(dev)[name]).filter(
      (variable) => !reads[name].has(variable) && !(variable in SET_FOR_OTHERS),
    );
    expect(unread).toEqual([]);
  });

  it("sets the e-mail sender for the stream processor when notifications.emailFrom is configured", async () => {
    const configured = await synthStage("dev", { notifications: { emailFrom: "assure@notify.example.com" } });
    const stream = environmentOf(configured, functionsOf(configured).streamProcessor);
    expect(stream).toContain("NOTIFY_EMAIL_FROM");
    expect(environmentOf(dev, functionsOf(dev).streamProcessor)).not.toContain("NOTIFY_EMAIL_FROM");
  });
});
