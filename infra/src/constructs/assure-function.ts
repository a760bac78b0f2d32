import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { FunctionBundle } from "../bundling";
import { acknowledgeLambdaDefaults } from "../nag";

export interface AssureFunctionProps {
  /** The esbuild bundle of the entry point (infra/src/bundling.ts). */
  bundle: FunctionBundle;
  description: string;
  /** Shows as `service` in every log line. */
  serviceName: string;
  environment?: Record<string, string>;
  /** @default 512 */
  memoryMb?: number;
  /** Extra Node/V8 flags for NODE_OPTIONS (source maps are always on). */
  nodeFlags?: readonly string[];
  /** @default 30 seconds */
  timeout?: Duration;
  /** @default none (shares the account's unreserved concurrency) */
  reservedConcurrency?: number;
  logRetention: RetentionDays;
  /** @default RemovalPolicy.DESTROY: logs of a deleted function are kept only as long as the stack wants them */
  logRemovalPolicy?: RemovalPolicy;
}

/**
 * The project's Lambda defaults in one place: Node 22 on arm64 (cheaper per ms and faster to start than
 * x86), the esbuild bundle (SDK external, source maps), X-Ray tracing, JSON logs with a retention.
 */
export class AssureFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AssureFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    this.function = new LambdaFunction(this, "Function", {
      code: Code.fromAsset(props.bundle.dir),
      handler: "index.handler",
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        SERVICE_NAME: props.serviceName,
        // Stack traces point into the TypeScript sources (the bundle ships its source map).
        NODE_OPTIONS: ["--enable-source-maps", ...(props.nodeFlags ?? [])].join(" "),
        ...props.environment,
      },
    });
    acknowledgeLambdaDefaults(this.function);
  }
}
