import { Duration, Stack } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import { Alias, type IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { ENGINE_NODE_FLAGS } from "../../../functions/src/engine-node-flags";
import type { FunctionBundle } from "../bundling";
import type { DomainConfig } from "../config";
import { acknowledge } from "../nag";
import { AssureFunction } from "./assure-function";

export interface ApiProps {
  bundle: FunctionBundle;
  environment: Record<string, string>;
  /** Browser origins allowed by CORS: the portal, nothing else. */
  allowedOrigins: string[];
  /** @default 1024 */
  memoryMb?: number;
  /** @default 15 seconds (HTTP APIs time out at 30) */
  timeout?: Duration;
  reservedConcurrency?: number;
  /** Creates the `live` alias with this much provisioned concurrency and routes the API to it. */
  provisionedConcurrency?: number;
  throttle: { rateLimit: number; burstLimit: number };
  customDomain?: DomainConfig;
  logRetention: RetentionDays;
}

/** Headers the API reads from browsers: auth, JSON bodies, optimistic concurrency and idempotent retries. */
export const API_CORS_ALLOWED_HEADERS = ["authorization", "content-type", "if-match", "idempotency-key"];

/** The HTTP API in front of the API Lambda (the Hono app). */
export class Api extends Construct {
  readonly handler: AssureFunction;
  /** What API Gateway invokes: the `live` alias when provisioned concurrency is on, else the function. */
  readonly target: IFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The custom domain, if configured; DNS points at its `regionalDomainName`. */
  readonly domainName?: DomainName;
  /** Base URL clients use: the custom domain if configured, else the execute-api URL. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.handler = new AssureFunction(this, "Handler", {
      bundle: props.bundle,
      description: "Assure HTTP API (Hono)",
      serviceName: "assure-api",
      environment: props.environment,
      memoryMb: props.memoryMb ?? 1024,
      // The API runs the evaluation engine: see functions/src/engine-node-flags.ts.
      nodeFlags: ENGINE_NODE_FLAGS,
      timeout: props.timeout ?? Duration.seconds(15),
      reservedConcurrency: props.reservedConcurrency,
      logRetention: props.logRetention,
    });
    this.target = props.provisionedConcurrency
      ? new Alias(this, "Live", {
          aliasName: "live",
          version: this.handler.function.currentVersion,
          provisionedConcurrentExecutions: props.provisionedConcurrency,
        })
      : this.handler.function;

    this.httpApi = new HttpApi(this, "HttpApi", {
      description: `Assure API (${Stack.of(this).stackName})`,
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration("Lambda", this.target),
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: API_CORS_ALLOWED_HEADERS,
        exposeHeaders: ["etag", "location", "retry-after"],
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    acknowledge(this.httpApi, {
      "AwsSolutions-APIG4":
        "Every route authenticates in the app (portal JWTs verified against its JWKS, or hashed tenant API keys).",
    });

    this.accessLogs = new LogGroup(this, "AccessLogs", { retention: props.logRetention });
    const domainName = props.customDomain
      ? new DomainName(this, "DomainName", {
          domainName: props.customDomain.domainName,
          certificate: Certificate.fromCertificateArn(this, "Certificate", props.customDomain.certificateArn),
        })
      : undefined;
    this.domainName = domainName;
    this.stage = new HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: props.throttle,
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            ip: "$context.identity.sourceIp",
            userAgent: "$context.identity.userAgent",
            requestTime: "$context.requestTime",
            method: "$context.httpMethod",
            path: "$context.path",
            status: "$context.status",
            responseLength: "$context.responseLength",
            latencyMs: "$context.responseLatency",
            integrationLatencyMs: "$context.integrationLatency",
            integrationError: "$context.integrationErrorMessage",
          }),
        ),
      },
      ...(domainName ? { domainMapping: { domainName } } : {}),
    });
    this.url = props.customDomain ? `https://${props.customDomain.domainName}` : this.httpApi.apiEndpoint;
  }
}
