import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { StringParameter } from "aws-cdk-lib/aws-ssm";
import type { Construct } from "constructs";
import { PLATFORM_TENANT_ID } from "../../functions/src/repos/advisories";
import type { FunctionBundles } from "./bundling";
import type { StageConfig } from "./config";
import { Api } from "./constructs/api";
import { Auth } from "./constructs/auth";
import { ClaimSigningKey } from "./constructs/claim-signing-key";
import { DataTable } from "./constructs/data-table";
import { EvidenceBucket } from "./constructs/evidence-bucket";
import { Monitoring } from "./constructs/monitoring";
import { PortalHosting } from "./constructs/portal-hosting";
import { ScheduledJobs } from "./constructs/scheduled-jobs";
import { StreamProcessor } from "./constructs/stream-processor";
import { TenantScopedRole } from "./constructs/tenant-scoped-role";
import { PortalWebAcl } from "./constructs/web-acl";
import { acknowledge, acknowledgeCdkInternals, NAG_REASONS, nagArnOf } from "./nag";

export interface AssureStackProps extends StackProps {
  config: StageConfig;
  /** Function bundles from bundleAllFunctions(). */
  bundles: FunctionBundles;
  /**
   * ARN of the CLOUDFRONT-scope web ACL from the edge stack (us-east-1). When the stack itself is in
   * us-east-1 and WAF is enabled, the ACL is created here instead.
   */
  webAclArn?: string;
}

const retentionDays: Record<StageConfig["observability"]["logRetentionDays"], RetentionDays> = {
  7: RetentionDays.ONE_WEEK,
  14: RetentionDays.TWO_WEEKS,
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  365: RetentionDays.ONE_YEAR,
  731: RetentionDays.TWO_YEARS,
};

/** The whole deployment of one stage: data, compute, API, portal, auth, monitoring. */
export class AssureStack extends Stack {
  readonly config: StageConfig;
  readonly data: DataTable;
  readonly evidence: EvidenceBucket;
  readonly api: Api;
  readonly streamProcessor: StreamProcessor;
  readonly jobs: ScheduledJobs;
  readonly portal: PortalHosting;
  readonly auth: Auth;
  readonly claimSigningKey: ClaimSigningKey;
  readonly tenantScopedRole: TenantScopedRole;
  readonly monitoring: Monitoring;
  readonly dataKey?: Key;
  /** SSM parameter (String, JSON) with the portal's runtime configuration. */
  readonly portalConfigParameterName: string;

  constructor(scope: Construct, id: string, props: AssureStackProps) {
    super(scope, id, props);
    const config = props.config;
    this.config = config;
    const isProd = config.stage === "prod";
    const namePrefix = `${config.appName}/${config.stage}`;
    const statefulRemovalPolicy = isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = retentionDays[config.observability.logRetentionDays];

    this.dataKey = config.table.customerManagedKey
      ? new Key(this, "DataKey", {
          description: `${namePrefix}: table, evidence and queue encryption`,
          enableKeyRotation: true,
          alias: `alias/${config.appName}-${config.stage}-data`,
          removalPolicy: RemovalPolicy.RETAIN,
        })
      : undefined;

    // S3 server access logs and CloudFront standard logs; CloudFront's delivery still needs ACLs.
    const accessLogs = new Bucket(this, "AccessLogs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      lifecycleRules: [{ id: "expire-access-logs", expiration: logRetentionDuration(config) }],
      removalPolicy: statefulRemovalPolicy,
      autoDeleteObjects: !isProd,
    });

    this.data = new DataTable(this, "Data", {
      encryptionKey: this.dataKey,
      pointInTimeRecovery: config.table.pointInTimeRecovery,
      deletionProtection: config.table.deletionProtection,
      removalPolicy: statefulRemovalPolicy,
    });
    const table = this.data.table;

    // Names fixed up front (pseudo parameters only) so the portal's CSP and CORS can name them without
    // CloudFormation references between the distribution and its consumers.
    const evidenceBucketName = `${config.appName}-${config.stage}-evidence-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const evidenceOrigin = `https://${evidenceBucketName}.s3.${Aws.REGION}.amazonaws.com`;
    const oidcOrigin =
      config.auth.provider === "cognito"
        ? `https://${config.auth.domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`
        : new URL(config.auth.issuer).origin;
    this.portalConfigParameterName = `/${config.appName}/${config.stage}/portal/config`;
    const secretNames = {
      signingKey: `${namePrefix}/portal/signing-key`,
      session: `${namePrefix}/portal/nextauth`,
      oidcClient:
        config.auth.provider === "cognito" ? `${namePrefix}/portal/oidc-client` : config.auth.clientSecretArn,
    };

    const webAclArn =
      props.webAclArn ??
      (config.waf.enabled && this.region === "us-east-1"
        ? new PortalWebAcl(this, "PortalWebAcl", {
            metricPrefix: `${config.appName}-${config.stage}`,
            rateLimitPer5Minutes: config.waf.rateLimitPer5Minutes,
          }).arn
        : undefined);

    this.portal = new PortalHosting(this, "Portal", {
      buildDir: config.portal.buildDir,
      allowPlaceholder: config.portal.allowPlaceholder,
      serverMemoryMb: config.portal.serverMemoryMb,
      customDomain: config.portal.customDomain,
      webAclArn,
      accessLogsBucket: accessLogs,
      logRetention,
      connectSources: [
        evidenceOrigin,
        ...(config.api.customDomain ? [`https://${config.api.customDomain.domainName}`] : []),
      ],
      formActionSources: [oidcOrigin],
      originVerifySecretName: `${namePrefix}/portal/origin-verify`,
      serverEnvironment: {
        STAGE: config.stage,
        PORTAL_CONFIG_PARAMETER: this.portalConfigParameterName,
        AUTH_SIGNING_KEY_SECRET_ID: secretNames.signingKey,
        NEXTAUTH_SECRET_ID: secretNames.session,
        OIDC_CLIENT_SECRET_ID: secretNames.oidcClient,
        OIDC_PROVIDER: config.auth.provider,
        AUTH_AUDIENCE: config.auth.apiAudience,
        // Known without references only with custom domains; otherwise read from the config parameter.
        ...(config.portal.customDomain
          ? { NEXTAUTH_URL: `https://${config.portal.customDomain.domainName}` }
          : {}),
        ...(config.api.customDomain ? { API_URL: `https://${config.api.customDomain.domainName}` } : {}),
      },
    });
    const portalOrigin = this.portal.origin;
    this.portal.grantRuntimeConfig(
      this.portalConfigParameterName,
      config.auth.provider === "cognito"
        ? Object.values(secretNames)
        : [secretNames.signingKey, secretNames.session],
      config.auth.provider === "external" ? [config.auth.clientSecretArn] : [],
    );

    this.evidence = new EvidenceBucket(this, "Evidence", {
      bucketName: evidenceBucketName,
      uploadOrigins: [portalOrigin],
      encryptionKey: this.dataKey,
      accessLogsBucket: accessLogs,
      transitionToInfrequentAccessDays: config.evidence.transitionToInfrequentAccessDays,
      noncurrentVersionRetentionDays: config.evidence.noncurrentVersionRetentionDays,
      removalPolicy: statefulRemovalPolicy,
    });

    this.auth = new Auth(this, "Auth", {
      rotationBundle: props.bundles.signingKeyRotation,
      config: config.auth,
      namePrefix,
      portalOrigin,
      removalPolicy: statefulRemovalPolicy,
      logRetention,
    });

    this.claimSigningKey = new ClaimSigningKey(this, "ClaimSigningKey", {
      namePrefix,
      rotationFunction: this.auth.signingKeyRotation.function,
      rotationDays: config.claims.signingKeyRotationDays,
      removalPolicy: statefulRemovalPolicy,
    });

    const evidenceLimits = {
      EVIDENCE_MAX_UPLOAD_BYTES: String(config.evidence.maxUploadBytes),
      EVIDENCE_ALLOWED_CONTENT_TYPES: config.evidence.allowedContentTypes.join(","),
    };
    const apiEnvironment: Record<string, string> = {
      STAGE: config.stage,
      TABLE_NAME: table.tableName,
      EVIDENCE_BUCKET: this.evidence.bucket.bucketName,
      ...evidenceLimits,
      EVIDENCE_UPLOAD_URL_TTL_SECONDS: String(config.evidence.uploadUrlTtlSeconds),
      PORTAL_ORIGIN: portalOrigin,
      // The portal is the issuer of the API tokens; its JWKS is public.
      AUTH_JWKS_URL: `${portalOrigin}${config.portal.jwksPath}`,
      AUTH_ISSUER: portalOrigin,
      AUTH_AUDIENCE: config.auth.apiAudience,
      // Signed claims (ADR 0032): the rotated key set, read by ARN when a request signs or publishes the keys.
      CLAIM_SIGNING_KEY_SECRET_ID: this.claimSigningKey.secret.secretArn,
      // The portal proxies /.well-known/csaf to the API: supplier advisories are published under its origin.
      CSAF_PROVIDER_BASE_URL: portalOrigin,
    };
    this.api = new Api(this, "Api", {
      bundle: props.bundles.api,
      environment: apiEnvironment,
      allowedOrigins: [portalOrigin],
      memoryMb: config.api.memoryMb,
      timeout: durationSeconds(config.api.timeoutSeconds),
      reservedConcurrency: config.api.reservedConcurrency,
      provisionedConcurrency: config.api.provisionedConcurrency,
      throttle: config.api.throttle,
      customDomain: config.api.customDomain,
      logRetention,
    });
    const apiFunction = this.api.handler.function;
    table.grantReadWriteData(apiFunction);
    this.evidence.grantPresign(apiFunction);
    this.claimSigningKey.grantRead(apiFunction);

    this.tenantScopedRole = new TenantScopedRole(this, "TenantScopedAccess", {
      table,
      assumedBy: apiFunction.grantPrincipal,
    });
    apiFunction.addEnvironment("TENANT_SCOPED_ROLE_ARN", this.tenantScopedRole.role.roleArn);
    apiFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ["sts:AssumeRole", "sts:TagSession"],
        resources: [this.tenantScopedRole.role.roleArn],
      }),
    );

    // Webhooks are signed with each tenant's own key, kept in the table (repos/webhook-secrets.ts).
    const notifications = config.notifications;
    this.streamProcessor = new StreamProcessor(this, "StreamProcessor", {
      bundle: props.bundles.streamProcessor,
      table,
      environment: {
        STAGE: config.stage,
        TABLE_NAME: table.tableName,
        // Absolute links in e-mails and webhooks.
        PORTAL_URL: portalOrigin,
        // Advisory documents, read to match components published after an advisory was imported.
        EVIDENCE_BUCKET: this.evidence.bucket.bucketName,
        ...(notifications.emailFrom ? { NOTIFY_EMAIL_FROM: notifications.emailFrom } : {}),
      },
      batchSize: config.streamProcessor.batchSize,
      maxBatchingWindow: durationSeconds(config.streamProcessor.maxBatchingWindowSeconds),
      retryAttempts: config.streamProcessor.retryAttempts,
      maxRecordAge: durationSeconds(config.streamProcessor.maxRecordAgeHours * 3600),
      parallelizationFactor: config.streamProcessor.parallelizationFactor,
      encryptionKey: this.dataKey,
      logRetention,
    });
    const streamFunction = this.streamProcessor.handler.function;
    table.grantReadWriteData(streamFunction);
    this.evidence.grantGet(
      streamFunction,
      "tenants/",
      "Advisory documents are kept under their owner's evidence (the platform's or a supplier's), one key per revision; the stream processor reads the ones that name a newly published component's vendor.",
    );
    if (notifications.emailFrom) {
      const identity =
        notifications.sesIdentity ?? notifications.emailFrom.split("@")[1] ?? notifications.emailFrom;
      // Only this identity, and only with the configured sender address.
      streamFunction.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["ses:SendEmail"],
          resources: [this.formatArn({ service: "ses", resource: "identity", resourceName: identity })],
          conditions: { StringEquals: { "ses:FromAddress": notifications.emailFrom } },
        }),
      );
    }

    this.jobs = new ScheduledJobs(this, "Jobs", {
      encryptionKey: this.dataKey,
      logRetention,
      jobs: [
        {
          id: "CertificateExpiry",
          bundle: props.bundles.certificateExpiryJob,
          description: "Certificate-expiry reminders",
          schedule: config.jobs.certificateExpirySchedule,
          environment: {
            STAGE: config.stage,
            TABLE_NAME: table.tableName,
            CERTIFICATE_REMINDER_DAYS: config.jobs.certificateReminderDays.join(","),
          },
        },
        {
          id: "CsafFeedPoll",
          bundle: props.bundles.csafFeedPollJob,
          description: "CSAF provider feed polling",
          schedule: config.jobs.csafFeedPollSchedule,
          environment: {
            STAGE: config.stage,
            TABLE_NAME: table.tableName,
            CSAF_PROVIDER_METADATA_URLS: config.jobs.csafProviderMetadataUrls.join(","),
            CSAF_MAX_DOCUMENTS_PER_RUN: String(config.jobs.csafMaxDocumentsPerRun),
            // Imported documents are kept as the platform's evidence, like uploads through the API.
            EVIDENCE_BUCKET: this.evidence.bucket.bucketName,
            ...evidenceLimits,
            // Which namespaces are the portal's own (suppliers' `<portal>/suppliers/<slug>`) decides who keeps an
            // advisory id when a feed brings a document another tenant stored first.
            CSAF_PROVIDER_BASE_URL: portalOrigin,
          },
        },
      ],
    });
    for (const job of this.jobs.functions.values()) table.grantReadWriteData(job.function);
    const feedPoll = this.jobs.functions.get("CsafFeedPoll");
    if (feedPoll) {
      this.evidence.grantPut(
        feedPoll.function,
        `tenants/${PLATFORM_TENANT_ID}/evidence/`,
        "The feed poll job stores each imported CSAF document under the platform tenant's evidence, one key per revision.",
      );
    }

    new StringParameter(this, "PortalConfig", {
      parameterName: this.portalConfigParameterName,
      description: "Runtime configuration of the portal server (JSON)",
      stringValue: this.toJsonString({
        stage: config.stage,
        portalUrl: portalOrigin,
        apiUrl: this.api.url,
        oidc: { provider: config.auth.provider, issuer: this.auth.issuer, clientId: this.auth.clientId },
        apiTokens: {
          issuer: portalOrigin,
          audience: config.auth.apiAudience,
          jwksPath: config.portal.jwksPath,
        },
        secrets: secretNames,
        evidence: {
          bucket: evidenceBucketName,
          maxUploadBytes: config.evidence.maxUploadBytes,
          allowedContentTypes: config.evidence.allowedContentTypes,
        },
      }),
    });

    this.monitoring = new Monitoring(this, "Monitoring", {
      dashboardName: `${config.appName}-${config.stage}`,
      httpApi: this.api.httpApi,
      functions: {
        Api: apiFunction,
        StreamProcessor: this.streamProcessor.handler.function,
        ...Object.fromEntries([...this.jobs.functions].map(([jobId, job]) => [`${jobId}Job`, job.function])),
        PortalServer: this.portal.serverFunction,
      },
      deadLetterQueues: {
        StreamDlq: this.streamProcessor.deadLetterQueue,
        JobsDlq: this.jobs.deadLetterQueue,
      },
      apiP99LatencyMs: config.observability.apiP99LatencyMs,
      alarmEmail: config.observability.alarmEmail,
    });

    const outputs: Record<string, [string, string]> = {
      ApiUrl: [this.api.url, "Base URL of the HTTP API"],
      PortalUrl: [portalOrigin, "The portal"],
      DistributionId: [this.portal.distribution.distributionId, "CloudFront distribution of the portal"],
      TableName: [table.tableName, "The single DynamoDB table"],
      EvidenceBucketName: [this.evidence.bucket.bucketName, "Evidence files"],
      OidcIssuer: [this.auth.issuer, "OIDC issuer for next-auth"],
      OidcClientId: [this.auth.clientId, "OIDC client id of the portal"],
      AuthJwksUrl: [apiEnvironment.AUTH_JWKS_URL!, "JWKS the API verifies portal tokens against"],
      AuthIssuer: [portalOrigin, "iss of the API tokens"],
      AuthAudience: [config.auth.apiAudience, "aud of the API tokens"],
      PortalConfigParameter: [
        this.portalConfigParameterName,
        "SSM parameter with the portal's runtime config",
      ],
      SigningKeySecretName: [secretNames.signingKey, "Secret with the portal's token-signing keys"],
      ClaimSigningKeySecretName: [
        `${namePrefix}/api/claim-signing-key`,
        "Secret with the API's claim-signing keys (never delete: old signed claims verify against it)",
      ],
      TenantScopedRoleArn: [this.tenantScopedRole.role.roleArn, "Role confined to one tenant's partitions"],
      AlarmTopicArn: [this.monitoring.topic.topicArn, "Subscribe to receive alarms"],
      DashboardName: [`${config.appName}-${config.stage}`, "CloudWatch dashboard"],
    };
    if (this.auth.userPool) outputs.UserPoolId = [this.auth.userPool.userPoolId, "Cognito user pool"];
    outputs.DistributionDomainName = [
      this.portal.distribution.distributionDomainName,
      "Target of the portal's DNS record (CNAME/ALIAS) when a custom domain is set",
    ];
    if (this.api.domainName) {
      outputs.ApiDomainTarget = [
        this.api.domainName.regionalDomainName,
        "Target of the API's DNS record (CNAME/ALIAS) for its custom domain",
      ];
    }
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value, description });
    }

    for (const fn of [
      apiFunction,
      this.streamProcessor.handler.function,
      ...[...this.jobs.functions.values()].map((job) => job.function),
    ]) {
      acknowledge(fn, {
        [`AwsSolutions-IAM5[Resource::${nagArnOf(table)}/index/*]`]: NAG_REASONS.tableIndexes,
      });
    }
    if (this.dataKey) {
      for (const grantee of [
        apiFunction,
        this.tenantScopedRole.role,
        this.streamProcessor.handler.function,
        ...[...this.jobs.functions.values()].map((job) => job.function),
      ]) {
        acknowledge(grantee, {
          "AwsSolutions-IAM5[Action::kms:ReEncrypt*]": NAG_REASONS.dataKeyActions,
          "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]": NAG_REASONS.dataKeyActions,
        });
      }
    }
    acknowledgeCdkInternals(this, [this.portal.assetsBucket]);
  }
}

function durationSeconds(seconds: number) {
  return Duration.seconds(seconds);
}

function logRetentionDuration(config: StageConfig) {
  return Duration.days(Math.max(90, config.observability.logRetentionDays));
}
