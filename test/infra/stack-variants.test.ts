import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../infra/src/app";
import { type OpenNextOutput, writePlaceholderBuild } from "../../infra/src/constructs/portal-hosting";
import { type SynthResult, sharedBundles, synthStage } from "./support/synth";

/** An OpenNext-shaped build with everything the construct supports: image optimiser, ISR cache, revalidation. */
function fullOpenNextFixture(): string {
  const dir = writePlaceholderBuild(mkdtempSync(join(tmpdir(), "assure-open-next-")));
  const output: OpenNextOutput = {
    origins: {
      s3: {
        type: "s3",
        originPath: "_assets",
        copy: [{ from: ".open-next/assets", to: "_assets", cached: true, versionedSubDir: "_next" }],
      },
      imageOptimizer: {
        type: "function",
        handler: "index.handler",
        bundle: ".open-next/image-optimization-function",
        streaming: false,
      },
      default: {
        type: "function",
        handler: "index.handler",
        bundle: ".open-next/server-functions/default",
        streaming: true,
      },
    },
    behaviors: [
      { pattern: "_next/image*", origin: "imageOptimizer" },
      { pattern: "_next/data/*", origin: "default" },
      { pattern: "*", origin: "default" },
      { pattern: "_next/*", origin: "s3" },
    ],
    additionalProps: {
      disableIncrementalCache: false,
      disableTagCache: false,
      revalidationFunction: { handler: "index.handler", bundle: ".open-next/revalidation-function" },
    },
  };
  writeFileSync(join(dir, "open-next.output.json"), JSON.stringify(output));
  for (const fn of ["image-optimization-function", "revalidation-function"]) {
    mkdirSync(join(dir, fn), { recursive: true });
    writeFileSync(join(dir, fn, "index.mjs"), "export const handler = async () => ({ statusCode: 204 });\n");
  }
  return dir;
}

const apiDomain = {
  domainName: "api.assure.example.com",
  certificateArn: "arn:aws:acm:eu-central-1:111111111111:certificate/api",
};
const portalDomain = {
  domainName: "portal.assure.example.com",
  certificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/portal",
};

let prod: SynthResult;
let external: SynthResult;
beforeAll(async () => {
  prod = await synthStage("prod", {
    account: "111111111111",
    portal: { buildDir: fullOpenNextFixture(), customDomain: portalDomain },
    api: { customDomain: apiDomain, provisionedConcurrency: 5 },
    observability: { alarmEmail: "oncall@assure.example.com" },
    notifications: { emailFrom: "notify@assure.example.com", sesIdentity: "assure.example.com" },
  });
  external = await synthStage("dev", {
    region: "us-east-1",
    auth: {
      provider: "external",
      issuer: "https://login.example.com/realms/assure",
      clientId: "assure-portal",
      clientSecretArn: "arn:aws:secretsmanager:us-east-1:111111111111:secret:idp-client-AbCdEf",
      apiAudience: "assure-api",
      signingKeyRotationDays: 30,
    },
    waf: { enabled: true, rateLimitPer5Minutes: 500 },
  });
});

describe("prod stage", () => {
  it("passes cdk-nag with the prod settings too", () => {
    expect(prod.nag.violations).toEqual([]);
  });

  it("encrypts table, evidence and queues with a rotated customer-managed key and protects the table", () => {
    prod.template.hasResourceProperties("AWS::KMS::Key", {
      EnableKeyRotation: true,
      Description: Match.stringLikeRegexp("table, evidence"),
    });
    prod.template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: "KMS", KMSMasterKeyId: Match.anyValue() },
      }),
    });
    prod.template.hasResourceProperties("AWS::S3::Bucket", {
      VersioningConfiguration: { Status: "Enabled" },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: "aws:kms" }),
            BucketKeyEnabled: true,
          }),
        ],
      },
    });
    const deadLetterQueues = Object.entries(prod.template.findResources("AWS::SQS::Queue")).filter(([id]) =>
      /^(StreamProcessor|Jobs)DeadLetterQueue/.test(id),
    );
    expect(deadLetterQueues).toHaveLength(2);
    for (const [, queue] of deadLetterQueues) expect(queue.Properties.KmsMasterKeyId).toBeDefined();
    prod.template.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Retain" });
  });

  it("keeps the claim-signing key when the stack is deleted", () => {
    prod.template.hasResource("AWS::SecretsManager::Secret", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({ Name: "assure/prod/api/claim-signing-key" }),
    });
  });

  it("lets the stream processor send e-mail as the configured SES identity and sender only", () => {
    prod.template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: {
        Variables: Match.objectLike({
          SERVICE_NAME: "assure-stream",
          NOTIFY_EMAIL_FROM: "notify@assure.example.com",
        }),
      },
    });
    const sesStatements = Object.values(prod.template.findResources("AWS::IAM::Policy"))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((statement) => JSON.stringify(statement.Action).includes("ses:"));
    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]).toMatchObject({
      Action: "ses:SendEmail",
      Condition: { StringEquals: { "ses:FromAddress": "notify@assure.example.com" } },
    });
    expect(JSON.stringify(sesStatements[0]?.Resource)).toContain(
      ":ses:eu-central-1:111111111111:identity/assure.example.com",
    );
  });

  it("lets the CSAF feed poll job encrypt what it stores with the data key", () => {
    const job = Object.entries(prod.template.findResources("AWS::Lambda::Function")).find(
      ([, fn]) => fn.Properties?.Environment?.Variables?.SERVICE_NAME === "assure-job-csaf-feed-poll",
    );
    if (!job) throw new Error("no CSAF feed poll function");
    const role = (job[1].Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const policy = JSON.stringify(
      Object.values(prod.template.findResources("AWS::IAM::Policy")).filter((candidate) =>
        (candidate.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role),
      ),
    );
    expect(policy).toContain("kms:GenerateDataKey*");
    expect(policy).toContain("/tenants/00000000000000000000000000/evidence/*");
  });

  it("reserves API concurrency and routes API Gateway to a provisioned `live` alias", () => {
    prod.template.hasResourceProperties("AWS::Lambda::Function", {
      ReservedConcurrentExecutions: 200,
      MemorySize: 1536,
      Environment: { Variables: Match.objectLike({ SERVICE_NAME: "assure-api" }) },
    });
    prod.template.hasResourceProperties("AWS::Lambda::Alias", {
      Name: "live",
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 5 },
    });
    prod.template.hasResourceProperties("AWS::ApiGatewayV2::Integration", {
      IntegrationUri: { Ref: Match.stringLikeRegexp("^ApiLive") },
    });
  });

  it("serves the API and the portal on custom domains, with TLS 1.2+ at CloudFront", () => {
    prod.template.hasResourceProperties("AWS::ApiGatewayV2::DomainName", {
      DomainName: apiDomain.domainName,
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: apiDomain.certificateArn })],
    });
    prod.template.resourceCountIs("AWS::ApiGatewayV2::ApiMapping", 1);
    prod.template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        Aliases: [portalDomain.domainName],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: portalDomain.certificateArn,
          MinimumProtocolVersion: "TLSv1.2_2021",
        }),
      }),
    });
    prod.template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [`https://${portalDomain.domainName}`] }),
    });
    prod.template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: {
        Variables: Match.objectLike({
          NEXTAUTH_URL: `https://${portalDomain.domainName}`,
          API_URL: `https://${apiDomain.domainName}`,
        }),
      },
    });
  });

  it("requires MFA and keeps the user pool on stack deletion", () => {
    prod.template.hasResource("AWS::Cognito::UserPool", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({ MfaConfiguration: "ON", DeletionProtection: "ACTIVE" }),
    });
    prod.template.hasResourceProperties("AWS::SecretsManager::RotationSchedule", {
      RotationRules: { ScheduleExpression: "rate(90 days)" },
    });
  });

  it("deploys every part of a full OpenNext build: streaming server, private image optimiser, ISR cache, revalidation", () => {
    expect(prod.stack.portal.placeholder).toBe(false);
    prod.template.hasResourceProperties("AWS::Lambda::Url", {
      AuthType: "NONE",
      InvokeMode: "RESPONSE_STREAM",
    });
    prod.template.hasResourceProperties("AWS::Lambda::Url", { AuthType: "AWS_IAM" });
    prod.template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 2);
    prod.template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({ PathPattern: "_next/image*", AllowedMethods: ["GET", "HEAD", "OPTIONS"] }),
        ]),
      }),
    });
    prod.template.hasResourceProperties("AWS::SQS::Queue", { FifoQueue: true });
    prod.template.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
      KeySchema: [
        { AttributeName: "tag", KeyType: "HASH" },
        { AttributeName: "path", KeyType: "RANGE" },
      ],
    });
    prod.template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: {
        Variables: Match.objectLike({
          CACHE_DYNAMO_TABLE: Match.anyValue(),
          REVALIDATION_QUEUE_URL: Match.anyValue(),
        }),
      },
    });
  });

  it("mails alarms to the configured address and alarms on the longer prod latency budget", () => {
    prod.template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "oncall@assure.example.com",
    });
    prod.template.hasResourceProperties("AWS::CloudWatch::Alarm", { Threshold: 1000, DatapointsToAlarm: 3 });
    prod.template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 365 });
  });
});

describe("external OIDC issuer, stack in us-east-1", () => {
  it("creates no user pool and points the portal at the external issuer and its client secret", () => {
    expect(external.nag.violations).toEqual([]);
    external.template.resourceCountIs("AWS::Cognito::UserPool", 0);
    external.template.hasOutput("OidcIssuer", { Value: "https://login.example.com/realms/assure" });
    external.template.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: "secretsmanager:GetSecretValue",
            Resource: Match.arrayWith([
              "arn:aws:secretsmanager:us-east-1:111111111111:secret:idp-client-AbCdEf",
            ]),
          }),
        ]),
      },
    });
  });

  it("puts the WAF web ACL in the main stack when that is already in us-east-1", () => {
    expect(external.edge).toBeUndefined();
    external.template.hasResourceProperties("AWS::WAFv2::WebACL", {
      Scope: "CLOUDFRONT",
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: { AggregateKeyType: "IP", Limit: 500 } } }),
      ]),
    });
    external.template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        WebACLId: { "Fn::GetAtt": [Match.stringLikeRegexp("^PortalWebAcl"), "Arn"] },
      }),
    });
  });
});

describe("portal build resolution", () => {
  it("refuses to synthesise prod without a portal build unless a placeholder is allowed", async () => {
    const bundles = await sharedBundles();
    expect(() =>
      buildApp({
        stage: "prod",
        bundles,
        nag: false,
        outdir: mkdtempSync(join(tmpdir(), "assure-missing-")),
        overrides: { portal: { buildDir: join(tmpdir(), "no-such-open-next-build") } },
      }),
    ).toThrow(/No OpenNext build/);
  });
});
