import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { FunctionBundle } from "../bundling";
import { acknowledge, NAG_REASONS } from "../nag";
import { AssureFunction } from "./assure-function";

export interface StreamProcessorProps {
  bundle: FunctionBundle;
  table: ITable;
  environment: Record<string, string>;
  /** @default 100 */
  batchSize?: number;
  /** @default 2 seconds */
  maxBatchingWindow?: Duration;
  /** Bounded, so a poison record cannot block its shard for the stream's 24 h retention. @default 5 */
  retryAttempts?: number;
  /** @default 24 hours */
  maxRecordAge?: Duration;
  /** @default 1 (strict per-item order; raise for throughput) */
  parallelizationFactor?: number;
  /** Encrypts the DLQ; @default SQS-managed SSE */
  encryptionKey?: IKey;
  logRetention: RetentionDays;
}

/**
 * Consumes the table's stream and dispatches records to the handlers registered per item type
 * (functions/src/events/registry.ts). Failing batches are bisected to isolate the bad record,
 * retried a bounded number of times, then the record's metadata goes to the DLQ.
 */
export class StreamProcessor extends Construct {
  readonly handler: AssureFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StreamProcessorProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, "DeadLetterQueue", {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      ...(props.encryptionKey
        ? { encryption: QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey }
        : { encryption: QueueEncryption.SQS_MANAGED }),
    });
    acknowledge(this.deadLetterQueue, { "AwsSolutions-SQS3": NAG_REASONS.deadLetterQueue });
    this.handler = new AssureFunction(this, "Handler", {
      bundle: props.bundle,
      description: "Assure DynamoDB Streams processor",
      serviceName: "assure-stream",
      environment: props.environment,
      memoryMb: 512,
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
    });
    this.handler.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: props.batchSize ?? 100,
        maxBatchingWindow: props.maxBatchingWindow ?? Duration.seconds(2),
        bisectBatchOnError: true,
        retryAttempts: props.retryAttempts ?? 5,
        maxRecordAge: props.maxRecordAge ?? Duration.hours(24),
        parallelizationFactor: props.parallelizationFactor ?? 1,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );
  }
}
