import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { ArnFormat, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import {
  AllowedMethods,
  type BehaviorOptions,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  type IOrigin,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { FunctionUrlOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { AttributeType, Billing, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import {
  Architecture,
  Code,
  FunctionUrlAuthType,
  InvokeMode,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { DomainConfig } from "../config";
import { acknowledge, acknowledgeLambdaDefaults, nagArnOf } from "../nag";
import { repoPath } from "../paths";

/** The parts of OpenNext's `open-next.output.json` this construct deploys. */
export interface OpenNextOutput {
  origins: Record<
    string,
    | { type: "function"; handler: string; bundle: string; streaming?: boolean }
    | {
        type: "s3";
        originPath: string;
        copy: { from: string; to: string; cached: boolean; versionedSubDir?: string }[];
      }
    | { type: string }
  >;
  behaviors: { pattern: string; origin?: string }[];
  additionalProps?: {
    disableIncrementalCache?: boolean;
    disableTagCache?: boolean;
    revalidationFunction?: { handler: string; bundle: string };
  };
}

type FunctionOrigin = { type: "function"; handler: string; bundle: string; streaming?: boolean };
type S3Origin = Extract<OpenNextOutput["origins"][string], { type: "s3" }>;

export interface PortalHostingProps {
  /** The OpenNext output directory (the one holding open-next.output.json), absolute or repo-relative. */
  buildDir: string;
  /**
   * Use a generated placeholder site when `buildDir` has no build, so synth and tests work without
   * building the web app. @default false
   */
  allowPlaceholder?: boolean;
  /** Environment of the server function (beside OpenNext's cache settings). */
  serverEnvironment: Record<string, string>;
  /** @default 1024 */
  serverMemoryMb?: number;
  customDomain?: DomainConfig;
  /** ARN of a CLOUDFRONT-scope WAF web ACL (it lives in us-east-1). */
  webAclArn?: string;
  /** Extra origins the browser may connect to (CSP connect-src): the API, the evidence bucket. */
  connectSources: string[];
  /** Where the sign-in form may post/redirect (CSP form-action): the OIDC issuer's hosted UI. */
  formActionSources: string[];
  accessLogsBucket: IBucket;
  logRetention: RetentionDays;
  /**
   * Name of the generated secret CloudFront sends in the `x-origin-verify` header to the server function,
   * so the app can reject requests that bypassed CloudFront (and its WAF).
   */
  originVerifySecretName: string;
}

/** The header CloudFront adds to every request to the server function; its value is the origin-verify secret. */
export const ORIGIN_VERIFY_HEADER = "x-origin-verify";

/** Where the placeholder build is generated when the real one is absent. */
export const PLACEHOLDER_BUILD_DIR = repoPath("cdk.out", "portal-placeholder");

const PLACEHOLDER_SERVER = `export const handler = async () => ({
  statusCode: 503,
  headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  body: "<!doctype html><title>Assure</title><h1>The portal is not deployed yet</h1><p>Build web/ with OpenNext and deploy again (docs/deploy.md).</p>",
});
`;

/** A minimal OpenNext-shaped output: one server function answering 503, and a static asset. */
export function writePlaceholderBuild(dir: string = PLACEHOLDER_BUILD_DIR): string {
  const files: Record<string, string> = {
    "open-next.output.json": JSON.stringify(
      {
        origins: {
          s3: {
            type: "s3",
            originPath: "_assets",
            copy: [{ from: "assets", to: "_assets", cached: true, versionedSubDir: "_next" }],
          },
          default: {
            type: "function",
            handler: "index.handler",
            bundle: "server-functions/default",
            streaming: false,
          },
        },
        behaviors: [
          { pattern: "*", origin: "default" },
          { pattern: "_next/*", origin: "s3" },
          { pattern: "robots.txt", origin: "s3" },
        ],
        additionalProps: { disableIncrementalCache: true, disableTagCache: true },
      } satisfies OpenNextOutput,
      null,
      2,
    ),
    "server-functions/default/index.mjs": PLACEHOLDER_SERVER,
    "assets/robots.txt": "User-agent: *\nDisallow: /\n",
    "assets/_next/static/placeholder.txt": "placeholder\n",
  };
  for (const [relativePath, content] of Object.entries(files)) {
    const path = join(dir, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path) || readFileSync(path, "utf8") !== content) writeFileSync(path, content);
  }
  return dir;
}

/** Resolves the build to deploy: the real one, or the placeholder where that is allowed. */
export function resolvePortalBuild(
  buildDir: string,
  allowPlaceholder: boolean,
): { dir: string; placeholder: boolean } {
  const dir = isAbsolute(buildDir) ? buildDir : repoPath(buildDir);
  if (existsSync(join(dir, "open-next.output.json"))) return { dir, placeholder: false };
  if (!allowPlaceholder) {
    throw new Error(
      `No OpenNext build at ${dir}. Build the portal first (cd web && npx @opennextjs/aws build, see docs/deploy.md) ` +
        "or set portal.allowPlaceholder to deploy a placeholder page.",
    );
  }
  return { dir: writePlaceholderBuild(), placeholder: true };
}

/** OpenNext's S3 key prefixes for its incremental (ISR/fetch) cache. */
const CACHE_KEY_PREFIX = "_cache";

/**
 * The Next.js portal on Lambda behind CloudFront, from an OpenNext build (docs/adr/0020-portal-hosting.md):
 * static assets from S3 through origin access control, server rendering from a Lambda function URL,
 * image optimisation (when the build has it) from a second function, and security headers on every
 * response.
 */
export class PortalHosting extends Construct {
  readonly distribution: Distribution;
  readonly assetsBucket: Bucket;
  readonly serverFunction: LambdaFunction;
  readonly functions: LambdaFunction[] = [];
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  readonly originVerifySecret: Secret;
  readonly placeholder: boolean;
  /** https://<custom domain or the distribution's domain>, no trailing slash. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: PortalHostingProps) {
    super(scope, id);
    const build = resolvePortalBuild(props.buildDir, props.allowPlaceholder ?? false);
    this.placeholder = build.placeholder;
    const output = JSON.parse(
      readFileSync(join(build.dir, "open-next.output.json"), "utf8"),
    ) as OpenNextOutput;
    const bundlePath = (bundle: string) => join(build.dir, bundle.replace(/^\.open-next\//, ""));

    this.assetsBucket = new Bucket(this, "Assets", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: "portal-assets/",
      // Rebuilt from the build on every deploy; nothing to keep.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const tagCacheTable =
      output.additionalProps?.disableTagCache === false
        ? new TableV2(this, "TagCache", {
            partitionKey: { name: "tag", type: AttributeType.STRING },
            sortKey: { name: "path", type: AttributeType.STRING },
            billing: Billing.onDemand(),
            pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
            globalSecondaryIndexes: [
              {
                indexName: "revalidate",
                partitionKey: { name: "path", type: AttributeType.STRING },
                sortKey: { name: "revalidatedAt", type: AttributeType.NUMBER },
              },
            ],
            removalPolicy: RemovalPolicy.DESTROY,
          })
        : undefined;
    const revalidation = output.additionalProps?.revalidationFunction;
    const revalidationQueue = revalidation
      ? new Queue(this, "RevalidationQueue", {
          fifo: true,
          receiveMessageWaitTime: Duration.seconds(20),
          enforceSSL: true,
          encryption: QueueEncryption.SQS_MANAGED,
        })
      : undefined;

    const region = Stack.of(this).region;
    const openNextEnvironment: Record<string, string> = {
      CACHE_BUCKET_NAME: this.assetsBucket.bucketName,
      CACHE_BUCKET_KEY_PREFIX: CACHE_KEY_PREFIX,
      CACHE_BUCKET_REGION: region,
      ...(tagCacheTable ? { CACHE_DYNAMO_TABLE: tagCacheTable.tableName } : {}),
      ...(revalidationQueue
        ? { REVALIDATION_QUEUE_URL: revalidationQueue.queueUrl, REVALIDATION_QUEUE_REGION: region }
        : {}),
    };

    const makeFunction = (
      key: string,
      origin: FunctionOrigin,
      environment: Record<string, string>,
      memoryMb: number,
    ) => {
      const logGroup = new LogGroup(this, `${key}Logs`, {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const fn = new LambdaFunction(this, `${key}Function`, {
        description: `Assure portal: OpenNext ${key}`,
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        handler: origin.handler,
        code: Code.fromAsset(bundlePath(origin.bundle)),
        memorySize: memoryMb,
        timeout: Duration.seconds(29),
        tracing: Tracing.ACTIVE,
        logGroup,
        loggingFormat: LoggingFormat.JSON,
        environment,
      });
      this.functions.push(fn);
      acknowledgeLambdaDefaults(fn);
      return fn;
    };

    this.originVerifySecret = new Secret(this, "OriginVerify", {
      secretName: props.originVerifySecretName,
      description: `Value of the ${ORIGIN_VERIFY_HEADER} header CloudFront sends to the portal server`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    acknowledge(this.originVerifySecret, {
      "AwsSolutions-SMG4":
        "CloudFront resolves the value at deploy time; rotate it with a deploy (docs/deploy.md), not on a schedule.",
    });

    const origins: Record<string, IOrigin> = {};
    let serverFunction: LambdaFunction | undefined;
    const staticOriginKeys = new Set<string>();
    for (const [key, origin] of Object.entries(output.origins)) {
      if (origin.type === "s3") {
        const s3 = origin as S3Origin;
        staticOriginKeys.add(key);
        origins[key] = S3BucketOrigin.withOriginAccessControl(this.assetsBucket, {
          originPath: `/${s3.originPath}`,
        });
        this.deployAssets(key, s3, bundlePath);
      } else if (origin.type === "function") {
        const fnOrigin = origin as FunctionOrigin;
        if (key === "imageOptimizer") {
          const fn = makeFunction(
            key,
            fnOrigin,
            { BUCKET_NAME: this.assetsBucket.bucketName, BUCKET_KEY_PREFIX: "_assets" },
            1536,
          );
          this.assetsBucket.grantRead(fn, "_assets/*");
          this.acknowledgeBucketGrant(fn, "_assets", ["s3:GetObject*", "s3:GetBucket*", "s3:List*"]);
          // GET-only traffic, so CloudFront can sign it (origin access control) and the URL stays private.
          const url = fn.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM });
          origins[key] = FunctionUrlOrigin.withOriginAccessControl(url);
        } else {
          const fn = makeFunction(
            key,
            fnOrigin,
            {
              ...openNextEnvironment,
              ORIGIN_VERIFY_HEADER,
              ORIGIN_VERIFY_SECRET_ID: props.originVerifySecretName,
              // The same extra sources as the baseline policy, for the per-request policy the server sends.
              PORTAL_CSP_CONNECT_SOURCES: props.connectSources.join(" "),
              PORTAL_CSP_FORM_ACTION_SOURCES: props.formActionSources.join(" "),
              ...props.serverEnvironment,
            },
            props.serverMemoryMb ?? 1024,
          );
          this.originVerifySecret.grantRead(fn);
          this.assetsBucket.grantReadWrite(fn, `${CACHE_KEY_PREFIX}/*`);
          this.acknowledgeBucketGrant(fn, CACHE_KEY_PREFIX, [
            "s3:GetObject*",
            "s3:GetBucket*",
            "s3:List*",
            "s3:DeleteObject*",
            "s3:Abort*",
          ]);
          if (tagCacheTable) {
            tagCacheTable.grantReadWriteData(fn);
            acknowledge(fn, {
              [`AwsSolutions-IAM5[Resource::${nagArnOf(tagCacheTable)}/index/*]`]:
                "OpenNext's tag cache queries its own table's `revalidate` index.",
            });
          }
          revalidationQueue?.grantSendMessages(fn);
          // Server actions and sign-in POST bodies, which origin access control cannot sign (it needs the
          // viewer to hash the body), so this URL is public; see ADR 0020 for the consequences.
          const url = fn.addFunctionUrl({
            authType: FunctionUrlAuthType.NONE,
            invokeMode: fnOrigin.streaming ? InvokeMode.RESPONSE_STREAM : InvokeMode.BUFFERED,
          });
          origins[key] = new FunctionUrlOrigin(url, {
            // A CloudFormation dynamic reference: the value never appears in the template.
            customHeaders: { [ORIGIN_VERIFY_HEADER]: this.originVerifySecret.secretValue.unsafeUnwrap() },
          });
          if (key === "default") serverFunction = fn;
        }
      }
    }
    if (!serverFunction || !origins.default)
      throw new Error("The OpenNext build has no default server function");
    this.serverFunction = serverFunction;

    if (revalidationQueue) {
      acknowledge(revalidationQueue, {
        "AwsSolutions-SQS3":
          "A lost revalidation message only delays a page's refresh until its next request.",
      });
    }
    if (revalidation && revalidationQueue) {
      const consumer = makeFunction("Revalidation", { type: "function", ...revalidation }, {}, 256);
      consumer.addEventSource(new SqsEventSource(revalidationQueue, { batchSize: 5 }));
    }

    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "Assure portal security headers",
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        xssProtection: { protection: true, modeBlock: true, override: true },
        // For what the server function does not answer (static assets, errors): the server sends its own policy
        // with a per-request script nonce (web/lib/csp.ts), which wins (override: false). No inline scripts here.
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            `connect-src 'self' ${props.connectSources.join(" ")}`,
            `form-action 'self' ${props.formActionSources.join(" ")}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
          ].join("; "),
          override: false,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=()",
            override: true,
          },
          { header: "Cross-Origin-Opener-Policy", value: "same-origin", override: true },
        ],
      },
      removeHeaders: ["x-powered-by"],
    });

    // OpenNext reads the viewer's host from x-forwarded-host (the origin sees the function URL's host).
    const forwardHost = new CloudFrontFunction(this, "ForwardHost", {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        "function handler(event) { var request = event.request; request.headers['x-forwarded-host'] = request.headers.host; return request; }",
      ),
    });
    const serverCachePolicy = new CachePolicy(this, "ServerCachePolicy", {
      comment: "Next.js server responses: cached only when the app says so",
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList(
        "accept",
        "rsc",
        "next-router-prefetch",
        "next-router-state-tree",
        "next-url",
        "x-prerender-revalidate",
      ),
      cookieBehavior: CacheCookieBehavior.none(),
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const behaviorFor = (originKey: string | undefined): BehaviorOptions => {
      const key = originKey ?? "default";
      const origin = origins[key] ?? origins.default!;
      if (staticOriginKeys.has(key)) {
        return {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: this.responseHeadersPolicy,
          compress: true,
        };
      }
      return {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods:
          key === "imageOptimizer" ? AllowedMethods.ALLOW_GET_HEAD_OPTIONS : AllowedMethods.ALLOW_ALL,
        cachePolicy: serverCachePolicy,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      };
    };
    const additionalBehaviors: Record<string, BehaviorOptions> = {};
    for (const behavior of output.behaviors) {
      if (behavior.pattern === "*") continue;
      additionalBehaviors[behavior.pattern] = behaviorFor(behavior.origin);
    }

    this.distribution = new Distribution(this, "Distribution", {
      comment: `Assure portal (${Stack.of(this).stackName})`,
      defaultBehavior: behaviorFor("default"),
      additionalBehaviors,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.accessLogsBucket,
      logFilePrefix: "cloudfront/",
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: Certificate.fromCertificateArn(
              this,
              "Certificate",
              props.customDomain.certificateArn,
            ),
          }
        : {}),
    });
    acknowledge(this.distribution, {
      "AwsSolutions-CFR1":
        "Suppliers, integrators and asset owners sign in worldwide; WAF rate and reputation rules apply instead.",
      ...(props.customDomain
        ? {}
        : {
            "AwsSolutions-CFR4":
              "Without portal.customDomain CloudFront serves its default certificate, whose TLS policy AWS fixes.",
          }),
    });
    this.origin = props.customDomain
      ? `https://${props.customDomain.domainName}`
      : `https://${this.distribution.distributionDomainName}`;
  }

  /** Hashed files (under the versioned directory) are immutable; everything else revalidates. */
  private deployAssets(key: string, origin: S3Origin, bundlePath: (bundle: string) => string): void {
    origin.copy.forEach((copy, index) => {
      const source = bundlePath(copy.from);
      const common = {
        destinationBucket: this.assetsBucket,
        destinationKeyPrefix: copy.to,
        // Old hashed files stay for clients still running the previous build.
        prune: false,
        memoryLimit: 512,
      };
      if (copy.versionedSubDir) {
        new BucketDeployment(this, `${key}Hashed${index}`, {
          ...common,
          sources: [Source.asset(source)],
          exclude: ["*"],
          include: [`${copy.versionedSubDir}/*`],
          cacheControl: [CacheControl.fromString("public,max-age=31536000,immutable")],
        });
      }
      new BucketDeployment(this, `${key}Files${index}`, {
        ...common,
        sources: [Source.asset(source)],
        ...(copy.versionedSubDir ? { exclude: [`${copy.versionedSubDir}/*`] } : {}),
        cacheControl: [
          CacheControl.fromString(
            copy.cached ? "public,max-age=0,s-maxage=31536000,must-revalidate" : "public,max-age=0,no-cache",
          ),
        ],
      });
    });
  }

  /** OpenNext's cache and image loader use CDK's grant action groups, scoped to one key prefix. */
  private acknowledgeBucketGrant(fn: LambdaFunction, prefix: string, actions: string[]): void {
    const reason = `OpenNext reads/writes its own files under ${prefix}/ of the assets bucket (CDK grant action groups).`;
    acknowledge(fn, {
      ...Object.fromEntries(actions.map((action) => [`AwsSolutions-IAM5[Action::${action}]`, reason])),
      [`AwsSolutions-IAM5[Resource::${nagArnOf(this.assetsBucket)}/${prefix}/*]`]: reason,
    });
  }

  /**
   * Lets the server function read its runtime configuration by name: ARN patterns, not references,
   * because the parameter and the secrets refer to the distribution, which refers to this function.
   */
  grantRuntimeConfig(parameterName: string, secretNames: string[], secretArns: string[] = []): void {
    const stack = Stack.of(this);
    this.serverFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ["ssm:GetParameter"],
        resources: [
          stack.formatArn({
            service: "ssm",
            resource: "parameter",
            resourceName: parameterName.replace(/^\//, ""),
          }),
        ],
      }),
    );
    const secretPatterns = secretNames.map(
      (name) =>
        // Secrets Manager appends "-" and six random characters to a secret's ARN.
        `${stack.formatArn({ service: "secretsmanager", resource: "secret", arnFormat: ArnFormat.COLON_RESOURCE_NAME, resourceName: name })}-??????`,
    );
    this.serverFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ["secretsmanager:GetSecretValue"],
        resources: [...secretPatterns, ...secretArns],
      }),
    );
  }
}
