import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { TABLE } from "../../functions/src/db/table";
import { ENGINE_NODE_FLAGS } from "../../functions/src/engine-node-flags";
import { API_CORS_ALLOWED_HEADERS } from "../../infra/src/constructs/api";
import { maskAssetHashes, type SynthResult, synthStage } from "./support/synth";

// One synthesis for the whole file; every test reads the same template.
let dev: SynthResult;
beforeAll(async () => {
  dev = await synthStage("dev");
});

const functionsWithEnv = (key: string) =>
  Object.values(dev.template.findResources("AWS::Lambda::Function")).filter(
    (fn) => fn.Properties?.Environment?.Variables?.[key] !== undefined,
  );

function functionByService(service: string) {
  const found = Object.entries(dev.template.findResources("AWS::Lambda::Function")).find(
    ([, fn]) => fn.Properties?.Environment?.Variables?.SERVICE_NAME === service,
  );
  if (!found) throw new Error(`no function with SERVICE_NAME ${service}`);
  return { logicalId: found[0], properties: found[1].Properties as Record<string, unknown> };
}

describe("cdk-nag AwsSolutions", () => {
  it("reports no unacknowledged finding, and every acknowledgement has a reason", () => {
    expect(dev.nag.violations).toEqual([]);
    expect(dev.nag.suppressed.length).toBeGreaterThan(0);
    for (const suppressed of dev.nag.suppressed) expect(suppressed.reason.length).toBeGreaterThan(20);
  });
});

describe("data: the single table", () => {
  it("is on-demand with PITR, TTL, a NEW_AND_OLD_IMAGES stream and the keys of table.ts", () => {
    dev.template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
        { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
      DeletionProtectionEnabled: false,
    });
  });

  it("has exactly the GSIs declared in functions/src/db/table.ts", () => {
    const [table] = Object.values(dev.template.findResources("AWS::DynamoDB::Table"));
    const indexes = (table?.Properties.GlobalSecondaryIndexes ?? []) as {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      Projection: { ProjectionType: string };
    }[];
    expect(
      indexes.map((index) => ({
        name: index.IndexName,
        partitionKey: index.KeySchema[0]?.AttributeName,
        sortKey: index.KeySchema[1]?.AttributeName,
        projection: index.Projection.ProjectionType,
      })),
    ).toEqual(
      TABLE.indexes.map((index) => ({
        name: index.name,
        partitionKey: index.partitionKey,
        sortKey: index.sortKey,
        projection: "ALL",
      })),
    );
  });

  it("uses the AWS-owned key in dev and is destroyed with the dev stack", () => {
    dev.template.resourceCountIs("AWS::KMS::Key", 1); // the alarm topic's key only
    dev.template.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Delete" });
  });
});

describe("compute", () => {
  it("runs every bundled function on Node 22, arm64, with X-Ray, JSON logs and source maps", () => {
    const bundled = functionsWithEnv("SERVICE_NAME");
    expect(bundled).toHaveLength(5);
    for (const fn of bundled) {
      expect(fn.Properties).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        TracingConfig: { Mode: "Active" },
        LoggingConfig: { LogFormat: "JSON", ApplicationLogLevel: "INFO" },
      });
      const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(variables.NODE_OPTIONS?.split(" ")).toContain("--enable-source-maps");
    }
  });

  it("gives only the API, which runs the evaluation engine, the engine's young-generation size", () => {
    const nodeOptions = functionsWithEnv("SERVICE_NAME").map((fn) => {
      const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      return [variables.SERVICE_NAME, variables.NODE_OPTIONS] as const;
    });
    for (const [service, options] of nodeOptions) {
      expect(options, service).toBe(
        service === "assure-api"
          ? `--enable-source-maps ${ENGINE_NODE_FLAGS.join(" ")}`
          : "--enable-source-maps",
      );
    }
  });

  it("gives the API function the configuration the runtime reads", () => {
    const api = functionByService("assure-api");
    expect(api.properties).toMatchObject({ MemorySize: 1024, Timeout: 15 });
    const variables = (api.properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables).sort()).toEqual(
      [
        "AUTH_AUDIENCE",
        "AUTH_ISSUER",
        "AUTH_JWKS_URL",
        "CLAIM_SIGNING_KEY_SECRET_ID",
        "CSAF_PROVIDER_BASE_URL",
        "EVIDENCE_ALLOWED_CONTENT_TYPES",
        "EVIDENCE_BUCKET",
        "EVIDENCE_MAX_UPLOAD_BYTES",
        "EVIDENCE_UPLOAD_URL_TTL_SECONDS",
        "NODE_OPTIONS",
        "PORTAL_ORIGIN",
        "SERVICE_NAME",
        "STAGE",
        "TABLE_NAME",
        "TENANT_SCOPED_ROLE_ARN",
      ].sort(),
    );
    expect(variables.AUTH_AUDIENCE).toBe("assure-api");
    expect(variables.EVIDENCE_MAX_UPLOAD_BYTES).toBe(String(50 * 1024 * 1024));
    expect(JSON.stringify(variables.AUTH_JWKS_URL)).toMatch(
      /"https:\/\/",\{"Fn::GetAtt":\["PortalDistribution\w+","DomainName"\]\},"\/api\/jwks"/,
    );
    expect(variables.AUTH_ISSUER).toEqual(variables.PORTAL_ORIGIN);
    expect(variables.CSAF_PROVIDER_BASE_URL).toEqual(variables.PORTAL_ORIGIN);
    expect(variables.CLAIM_SIGNING_KEY_SECRET_ID).toEqual({
      Ref: expect.stringMatching(/^ClaimSigningKeySecret/),
    });
    // dev sets no reserved concurrency (prod does, see stack-prod.test.ts).
    expect(api.properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it("processes the stream in bounded, bisected batches with partial failures and an SQS on-failure DLQ", () => {
    dev.template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^DataTable"), "StreamArn"] },
      StartingPosition: "TRIM_HORIZON",
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 2,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 86_400,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      DestinationConfig: {
        OnFailure: {
          Destination: { "Fn::GetAtt": [Match.stringLikeRegexp("^StreamProcessorDeadLetterQueue"), "Arn"] },
        },
      },
    });
  });

  it("schedules the certificate-expiry and CSAF polling jobs with retries and a DLQ", () => {
    dev.template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "cron(0 6 * * ? *)",
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: {
            Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^JobsDeadLetterQueue"), "Arn"] },
          },
        }),
      ],
    });
    dev.template.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "rate(1 hour)" });
    dev.template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 2);
    dev.template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    expect(functionByService("assure-job-certificate-expiry").properties).toMatchObject({
      Environment: { Variables: { CERTIFICATE_REMINDER_DAYS: "90,30,7" } },
    });
    expect(functionByService("assure-job-csaf-feed-poll").properties).toMatchObject({
      Environment: { Variables: { CSAF_PROVIDER_METADATA_URLS: "", CSAF_MAX_DOCUMENTS_PER_RUN: "200" } },
    });
  });

  it("encrypts the dead-letter queues and refuses plain HTTP on them", () => {
    dev.template.resourceCountIs("AWS::SQS::Queue", 2);
    dev.template.allResourcesProperties("AWS::SQS::Queue", {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
    dev.template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });
});

describe("HTTP API", () => {
  it("throttles the stage, writes JSON access logs and sends everything to the API function", () => {
    dev.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
        DetailedMetricsEnabled: true,
      },
      AccessLogSettings: {
        DestinationArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^ApiAccessLogs"), "Arn"] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
    dev.template.hasResourceProperties("AWS::ApiGatewayV2::Route", { RouteKey: "$default" });
    dev.template.hasResourceProperties("AWS::ApiGatewayV2::Integration", {
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
    });
  });

  it("allows CORS only from the portal origin", () => {
    dev.template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      ProtocolType: "HTTP",
      CorsConfiguration: {
        AllowOrigins: [
          {
            "Fn::Join": [
              "",
              ["https://", { "Fn::GetAtt": [Match.stringLikeRegexp("^PortalDistribution"), "DomainName"] }],
            ],
          },
        ],
        AllowHeaders: API_CORS_ALLOWED_HEADERS,
        AllowCredentials: false,
      },
    });
  });

  it("has no custom domain unless configured", () => {
    dev.template.resourceCountIs("AWS::ApiGatewayV2::DomainName", 0);
  });
});

describe("evidence bucket", () => {
  it("blocks public access, encrypts, versions, logs access and expires old versions", () => {
    dev.template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      VersioningConfiguration: { Status: "Enabled" },
      LoggingConfiguration: { LogFilePrefix: "evidence/" },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
          Match.objectLike({
            NoncurrentVersionExpiration: { NoncurrentDays: 365 },
            Transitions: [{ StorageClass: "STANDARD_IA", TransitionInDays: 90 }],
          }),
        ]),
      },
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ["PUT", "POST", "GET"] })] },
    });
    const evidenceBuckets = Object.keys(
      dev.template.findResources("AWS::S3::Bucket", {
        Properties: { VersioningConfiguration: { Status: "Enabled" } },
      }),
    );
    expect(evidenceBuckets).toEqual([expect.stringMatching(/^EvidenceBucket/)]);
  });

  it("denies non-TLS requests", () => {
    dev.template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: Match.stringLikeRegexp("^EvidenceBucket") },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });
});

describe("least privilege", () => {
  // IAM's policy variable, written literally into the policy.
  const tenantTag = ["$", "{aws:PrincipalTag/tenantId}"].join("");
  const policyOf = (functionLogicalId: string) => {
    const fn = dev.template.findResources("AWS::Lambda::Function")[functionLogicalId];
    if (!fn) throw new Error(`no function ${functionLogicalId}`);
    const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const policies = Object.values(dev.template.findResources("AWS::IAM::Policy")).filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role),
    );
    return JSON.stringify(policies.map((policy) => policy.Properties.PolicyDocument));
  };

  it("lets the API read and write the table and sign evidence PUT/GET, and nothing on other buckets", () => {
    const api = policyOf(functionByService("assure-api").logicalId);
    expect(api).toContain("dynamodb:PutItem");
    expect(api).toContain('"s3:PutObject","s3:GetObject"');
    expect(api).not.toContain("s3:DeleteObject");
    expect(api).not.toMatch(/PortalAssets/);
    expect(api).toContain("sts:TagSession");
  });

  it("lets the API read the claim-signing secret and no other secret", () => {
    const api = JSON.parse(policyOf(functionByService("assure-api").logicalId)) as {
      Statement: { Action: string | string[]; Resource: unknown }[];
    }[];
    const secretStatements = api
      .flatMap((document) => document.Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes("secretsmanager:"));
    expect(secretStatements).toEqual([
      expect.objectContaining({
        Action: "secretsmanager:GetSecretValue",
        Resource: { Ref: expect.stringMatching(/^ClaimSigningKeySecret/) },
      }),
    ]);
  });

  it("lets the CSAF feed poll job write documents under the platform's evidence only", () => {
    const job = functionByService("assure-job-csaf-feed-poll");
    const variables = (job.properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.EVIDENCE_BUCKET).toEqual({ Ref: expect.stringMatching(/^EvidenceBucket/) });
    expect(variables.EVIDENCE_ALLOWED_CONTENT_TYPES).toContain("application/json");
    const policy = policyOf(job.logicalId);
    expect(policy).toContain('"Action":"s3:PutObject"');
    expect(policy).toContain("/tenants/00000000000000000000000000/evidence/*");
    for (const action of ["s3:GetObject", "s3:ListBucket", "s3:DeleteObject"])
      expect(policy).not.toContain(action);
    const reminders = policyOf(functionByService("assure-job-certificate-expiry").logicalId);
    expect(reminders).not.toContain("s3:");
  });

  it("gives the stream processor portal links, no deployment-wide webhook key and no SES unless configured", () => {
    const stream = functionByService("assure-stream");
    const variables = (stream.properties.Environment as { Variables: Record<string, unknown> }).Variables;
    // Each tenant signs with its own key from the table; there is no shared key to hand out.
    expect(variables.NOTIFY_WEBHOOK_SECRET_ID).toBeUndefined();
    expect(variables.NOTIFY_WEBHOOK_SECRET).toBeUndefined();
    expect(variables.NOTIFY_EMAIL_FROM).toBeUndefined();
    expect(JSON.stringify(variables.PORTAL_URL)).toContain("PortalDistribution");
    const policy = policyOf(stream.logicalId);
    expect(policy).not.toContain("secretsmanager:");
    expect(policy).not.toContain("ses:");
    // It reads advisory documents (to match components published later) and writes no object.
    expect(JSON.stringify(variables.EVIDENCE_BUCKET)).toContain("EvidenceBucket");
    expect(policy).toContain('"Action":"s3:GetObject"');
    for (const action of ["s3:PutObject", "s3:DeleteObject", "s3:ListBucket"])
      expect(policy).not.toContain(action);
    expect(JSON.stringify(dev.template.findResources("AWS::SecretsManager::Secret"))).not.toContain(
      "webhook",
    );
  });

  it("gives the signing-key rotation function no table access", () => {
    const rotation = policyOf(functionByService("assure-signing-key-rotation").logicalId);
    expect(rotation).not.toContain("dynamodb:");
    expect(rotation).toContain("secretsmanager:PutSecretValue");
  });

  it("confines the tenant-scoped role to partitions starting with T#<tenantId from the session tag>", () => {
    dev.template.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: Match.arrayWith(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]),
            Condition: {
              "ForAllValues:StringLike": {
                "dynamodb:LeadingKeys": [`T#${tenantTag}`, `T#${tenantTag}#*`],
              },
            },
          }),
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp("^TenantScopedAccessRole") }],
    });
    const role = Object.entries(dev.template.findResources("AWS::IAM::Role")).find(([id]) =>
      id.startsWith("TenantScopedAccessRole"),
    )?.[1];
    expect(JSON.stringify(role?.Properties.AssumeRolePolicyDocument)).toContain("sts:TagSession");
    expect(JSON.stringify(role?.Properties.AssumeRolePolicyDocument)).toContain("aws:RequestTag/tenantId");
    expect(JSON.stringify(role)).not.toContain("dynamodb:Scan");
  });
});

describe("portal hosting", () => {
  it("serves the portal through CloudFront with WAF, HTTPS only, logging and security headers", () => {
    dev.template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        WebACLId: Match.anyValue(),
        HttpVersion: "http2and3",
        Logging: Match.objectLike({ Prefix: "cloudfront/" }),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: "redirect-to-https",
          AllowedMethods: Match.arrayWith(["PUT", "POST", "DELETE"]),
          ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp("^PortalSecurityHeaders") },
        }),
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({ PathPattern: "_next/*", ViewerProtocolPolicy: "redirect-to-https" }),
        ]),
      }),
    });
    dev.template.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
            Preload: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: "DENY", Override: true },
          ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
          ContentSecurityPolicy: Match.objectLike({ Override: false }),
        }),
      }),
    });
    // The baseline (static assets, errors) runs no inline script; pages carry the server's nonce-based policy.
    const [headersPolicy] = Object.values(
      dev.template.findResources("AWS::CloudFront::ResponseHeadersPolicy"),
    );
    const csp = JSON.stringify(
      headersPolicy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
    );
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("keeps static assets private behind origin access control", () => {
    dev.template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    dev.template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: Match.stringLikeRegexp("^PortalAssets") },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject" }),
        ]),
      },
    });
  });

  it("sends the origin-verify secret to the server function from CloudFront, never in clear in the template", () => {
    dev.template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({
            OriginCustomHeaders: [
              {
                HeaderName: "x-origin-verify",
                HeaderValue: {
                  "Fn::Join": [
                    "",
                    [
                      "{{resolve:secretsmanager:",
                      { Ref: Match.stringLikeRegexp("^PortalOriginVerify") },
                      ":SecretString:::}}",
                    ],
                  ],
                },
              },
            ],
          }),
        ]),
      }),
    });
    dev.template.hasResourceProperties("AWS::SecretsManager::Secret", {
      Name: "assure/dev/portal/origin-verify",
      GenerateSecretString: Match.objectLike({ PasswordLength: 48 }),
    });
  });

  it("deploys the generated placeholder when web/ has no OpenNext build", () => {
    expect(dev.stack.portal.placeholder).toBe(true);
    dev.template.hasResourceProperties("AWS::Lambda::Url", { AuthType: "NONE", InvokeMode: "BUFFERED" });
  });

  it("creates the portal's WAF web ACL in us-east-1 (edge stack) with rate limiting and AWS managed rules", () => {
    expect(dev.edge?.region).toBe("us-east-1");
    dev.edgeTemplate?.hasResourceProperties("AWS::WAFv2::WebACL", {
      Scope: "CLOUDFRONT",
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: "rate-limit-per-ip",
          Statement: { RateBasedStatement: { AggregateKeyType: "IP", Limit: 2000 } },
        }),
        Match.objectLike({ Name: "AWSManagedRulesAmazonIpReputationList" }),
        Match.objectLike({ Name: "AWSManagedRulesCommonRuleSet" }),
        Match.objectLike({ Name: "AWSManagedRulesKnownBadInputsRuleSet" }),
      ]),
    });
  });

  it("hands the portal its runtime configuration by name (no reference cycle through the distribution)", () => {
    const server = Object.values(dev.template.findResources("AWS::Lambda::Function")).find(
      (fn) => fn.Properties?.Environment?.Variables?.PORTAL_CONFIG_PARAMETER,
    );
    expect(server?.Properties.Environment.Variables).toMatchObject({
      PORTAL_CONFIG_PARAMETER: "/assure/dev/portal/config",
      AUTH_SIGNING_KEY_SECRET_ID: "assure/dev/portal/signing-key",
      NEXTAUTH_SECRET_ID: "assure/dev/portal/nextauth",
      OIDC_CLIENT_SECRET_ID: "assure/dev/portal/oidc-client",
      CACHE_BUCKET_KEY_PREFIX: "_cache",
      ORIGIN_VERIFY_HEADER: "x-origin-verify",
      ORIGIN_VERIFY_SECRET_ID: "assure/dev/portal/origin-verify",
    });
    dev.template.hasResourceProperties("AWS::SSM::Parameter", {
      Name: "/assure/dev/portal/config",
      Type: "String",
    });
  });
});

describe("auth", () => {
  it("provides a Cognito user pool for next-auth: invite-only, strong passwords, threat protection", () => {
    dev.template.hasResourceProperties("AWS::Cognito::UserPool", {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: "OPTIONAL",
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      UserPoolTier: "PLUS",
    });
    dev.template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      GenerateSecret: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: Match.arrayWith(["openid", "email"]),
      PreventUserExistenceErrors: "ENABLED",
      CallbackURLs: [
        {
          "Fn::Join": [
            "",
            [
              "https://",
              { "Fn::GetAtt": [Match.stringLikeRegexp("^PortalDistribution"), "DomainName"] },
              "/api/auth/callback/oidc",
            ],
          ],
        },
      ],
    });
  });

  it("keeps the signing key in Secrets Manager, rotated by its function", () => {
    dev.template.hasResourceProperties("AWS::SecretsManager::Secret", {
      Name: "assure/dev/portal/signing-key",
    });
    dev.template.hasResourceProperties("AWS::SecretsManager::RotationSchedule", {
      RotateImmediatelyOnUpdate: true,
      RotationRules: { ScheduleExpression: "rate(30 days)" },
    });
  });

  it("keeps the claim-signing key in Secrets Manager, rotated yearly, every previous key kept", () => {
    dev.template.hasResourceProperties("AWS::SecretsManager::Secret", {
      Name: "assure/dev/api/claim-signing-key",
      Tags: Match.arrayWith([{ Key: "assure:retired-keys", Value: "all" }]),
    });
    dev.template.hasResourceProperties("AWS::SecretsManager::RotationSchedule", {
      SecretId: { Ref: Match.stringLikeRegexp("^ClaimSigningKeySecret") },
      RotateImmediatelyOnUpdate: true,
      RotationRules: { ScheduleExpression: "rate(365 days)" },
      RotationLambdaARN: { "Fn::GetAtt": [Match.stringLikeRegexp("^AuthSigningKeyRotation"), "Arn"] },
    });
  });

  it("exports what the API's JWT verification and the deploy guide need", () => {
    for (const output of [
      "ApiUrl",
      "PortalUrl",
      "AuthJwksUrl",
      "AuthIssuer",
      "AuthAudience",
      "OidcIssuer",
      "OidcClientId",
      "UserPoolId",
      "ClaimSigningKeySecretName",
    ]) {
      dev.template.hasOutput(output, {});
    }
  });
});

describe("observability", () => {
  it("alarms on errors and throttles of every function, DLQ depth, API p99 latency and 5xx rate", () => {
    const alarms = Object.values(dev.template.findResources("AWS::CloudWatch::Alarm"));
    const byMetric = (name: string) =>
      alarms.filter((alarm) =>
        (alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).some(
          (metric) => metric.MetricStat?.Metric.MetricName === name,
        ),
      );
    expect(byMetric("Errors")).toHaveLength(5);
    expect(byMetric("Throttles")).toHaveLength(5);
    expect(byMetric("ApproximateNumberOfMessagesVisible")).toHaveLength(2);
    dev.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Metrics: [
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: "Latency", Namespace: "AWS/ApiGateway" }),
            Stat: "p99",
          }),
        }),
      ],
      Threshold: 2000,
      DatapointsToAlarm: 3,
      EvaluationPeriods: 5,
      AlarmActions: [{ Ref: Match.stringLikeRegexp("^MonitoringAlarmTopic") }],
    });
    dev.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: "IF(requests >= 20, 100 * errors / requests, 0)" }),
      ]),
    });
    dev.template.hasResourceProperties("AWS::CloudWatch::Dashboard", { DashboardName: "assure-dev" });
  });
});

describe("snapshot", () => {
  it("matches the reviewed template (asset hashes masked)", () => {
    expect(maskAssetHashes(dev.json)).toMatchSnapshot();
  });
});
