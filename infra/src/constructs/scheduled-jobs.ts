import { Duration } from "aws-cdk-lib";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { FunctionBundle } from "../bundling";
import { acknowledge, NAG_REASONS } from "../nag";
import { AssureFunction } from "./assure-function";

export interface ScheduledJobDefinition {
  /** Construct id, e.g. "CertificateExpiry". */
  id: string;
  bundle: FunctionBundle;
  description: string;
  /** EventBridge schedule expression, e.g. "cron(0 6 * * ? *)" or "rate(1 hour)" (UTC). */
  schedule: string;
  environment: Record<string, string>;
  /** @default 5 minutes */
  timeout?: Duration;
}

export interface ScheduledJobsProps {
  jobs: ScheduledJobDefinition[];
  encryptionKey?: IKey;
  logRetention: RetentionDays;
}

/**
 * Periodic work as EventBridge rules invoking one function per job. An invocation that still fails after
 * Lambda's two async retries lands in the jobs DLQ (with the error), as does an event EventBridge could not deliver.
 */
export class ScheduledJobs extends Construct {
  readonly functions = new Map<string, AssureFunction>();
  readonly rules = new Map<string, Rule>();
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, "DeadLetterQueue", {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      ...(props.encryptionKey
        ? { encryption: QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey }
        : { encryption: QueueEncryption.SQS_MANAGED }),
    });
    acknowledge(this.deadLetterQueue, { "AwsSolutions-SQS3": NAG_REASONS.deadLetterQueue });
    for (const job of props.jobs) {
      const handler = new AssureFunction(this, job.id, {
        bundle: job.bundle,
        description: job.description,
        serviceName: `assure-job-${job.id.replace(/[A-Z]/g, (c, i) => (i === 0 ? "" : "-") + c.toLowerCase())}`,
        environment: job.environment,
        memoryMb: 512,
        timeout: job.timeout ?? Duration.minutes(5),
        logRetention: props.logRetention,
      });
      handler.function.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
        onFailure: new SqsDestination(this.deadLetterQueue),
      });
      const rule = new Rule(this, `${job.id}Schedule`, {
        description: `${job.description} (${job.schedule})`,
        schedule: Schedule.expression(job.schedule),
        targets: [
          new LambdaFunction(handler.function, {
            retryAttempts: 2,
            maxEventAge: Duration.hours(1),
            deadLetterQueue: this.deadLetterQueue,
          }),
        ],
      });
      this.functions.set(job.id, handler);
      this.rules.set(job.id, rule);
    }
  }
}
