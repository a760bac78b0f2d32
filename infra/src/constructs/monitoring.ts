import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface MonitoringProps {
  dashboardName: string;
  httpApi: HttpApi;
  /** Functions watched for errors and throttles, by a short label used in alarm names. */
  functions: Record<string, IFunction>;
  /** Dead-letter queues that must stay empty. */
  deadLetterQueues: Record<string, IQueue>;
  /** p99 of API Gateway latency above this for 3 of 5 minutes raises the alarm. */
  apiP99LatencyMs: number;
  /** Subscribed to the alarm topic when set. */
  alarmEmail?: string;
}

/** Alarms on what needs a human (errors, throttles, DLQ depth, API p99 latency) and one dashboard. */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, "AlarmTopic", {
      displayName: "Assure alarms",
      masterKey: new Key(this, "AlarmTopicKey", {
        description: "Encrypts the alarm topic",
        enableKeyRotation: true,
      }),
      enforceSSL: true,
    });
    // CloudWatch must be able to publish to the encrypted topic.
    this.topic.masterKey?.grant(
      new ServicePrincipal("cloudwatch.amazonaws.com"),
      "kms:Decrypt",
      "kms:GenerateDataKey*",
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, threshold: number, description: string, periods = 1) => {
      const created = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods === 1 ? 1 : 5,
        datapointsToAlarm: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    const period = Duration.minutes(1);
    const errorWidgets: IMetric[] = [];
    const throttleWidgets: IMetric[] = [];
    const durationWidgets: IMetric[] = [];
    for (const [label, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period, statistic: "Sum", label: `${label} errors` });
      const throttles = fn.metricThrottles({ period, statistic: "Sum", label: `${label} throttles` });
      alarm(`${label}Errors`, errors, 1, `${label}: invocations failed`);
      alarm(`${label}Throttles`, throttles, 1, `${label}: invocations throttled (concurrency exhausted)`);
      errorWidgets.push(errors);
      throttleWidgets.push(throttles);
      durationWidgets.push(fn.metricDuration({ period, statistic: "p99", label: `${label} p99` }));
    }

    const dlqWidgets: IMetric[] = [];
    for (const [label, queue] of Object.entries(props.deadLetterQueues)) {
      const depth = queue.metricApproximateNumberOfMessagesVisible({ period, statistic: "Maximum", label });
      alarm(
        `${label}Depth`,
        depth,
        1,
        `${label}: failed events are waiting for a human (see docs/deploy.md)`,
      );
      dlqWidgets.push(depth);
    }

    const apiDimensions = { ApiId: props.httpApi.apiId };
    const apiLatencyP99 = new Metric({
      namespace: "AWS/ApiGateway",
      metricName: "Latency",
      dimensionsMap: apiDimensions,
      statistic: "p99",
      period,
      label: "API p99 latency",
    });
    alarm(
      "ApiLatencyP99",
      apiLatencyP99,
      props.apiP99LatencyMs,
      `API p99 latency at or above ${props.apiP99LatencyMs} ms for 3 of 5 minutes`,
      3,
    );
    const api5xx = new Metric({
      namespace: "AWS/ApiGateway",
      metricName: "5xx",
      dimensionsMap: apiDimensions,
      statistic: "Sum",
      period,
      label: "API 5xx",
    });
    const apiCount = new Metric({
      namespace: "AWS/ApiGateway",
      metricName: "Count",
      dimensionsMap: apiDimensions,
      statistic: "Sum",
      period,
      label: "API requests",
    });
    alarm(
      "Api5xxRate",
      new MathExpression({
        expression: "IF(requests >= 20, 100 * errors / requests, 0)",
        usingMetrics: { errors: api5xx, requests: apiCount },
        period,
        label: "API 5xx %",
      }),
      5,
      "API answers 5xx to 5 % or more of at least 20 requests a minute, for 3 of 5 minutes",
      3,
    );
    const api4xx = new Metric({
      namespace: "AWS/ApiGateway",
      metricName: "4xx",
      dimensionsMap: apiDimensions,
      statistic: "Sum",
      period,
      label: "API 4xx (incl. 429 throttled)",
    });

    this.dashboard = new Dashboard(this, "Dashboard", { dashboardName: props.dashboardName });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          "# Assure\nAlarms go to the SNS topic in the stack outputs. Runbook: docs/deploy.md#operations",
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: "API requests and errors",
        left: [apiCount],
        right: [api4xx, api5xx],
        width: 12,
      }),
      new GraphWidget({ title: "API p99 latency (ms)", left: [apiLatencyP99], width: 12 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: "Function errors", left: errorWidgets, width: 8 }),
      new GraphWidget({ title: "Function throttles", left: throttleWidgets, width: 8 }),
      new GraphWidget({ title: "Function p99 duration (ms)", left: durationWidgets, width: 8 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: "Dead-letter queue depth", left: dlqWidgets, width: 24 }),
    );
  }
}
