/**
 * Custom metrics in CloudWatch Embedded Metric Format: a log line that CloudWatch turns into a metric,
 * with no PutMetricData call (no latency, no IAM permission, no SDK in the bundle).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */

export type MetricUnit = "Count" | "Milliseconds" | "Bytes" | "None";

export interface MetricsOptions {
  namespace: string;
  service: string;
  write?: (line: string) => void;
  now?: () => Date;
}

export interface Metrics {
  /** Emits one metric now, with the service dimension and optional extra dimensions. */
  put(name: string, value: number, unit?: MetricUnit, dimensions?: Record<string, string>): void;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  return {
    put(name, value, unit = "Count", dimensions = {}) {
      const allDimensions = { service: options.service, ...dimensions };
      write(
        JSON.stringify({
          _aws: {
            Timestamp: now().getTime(),
            CloudWatchMetrics: [
              {
                Namespace: options.namespace,
                Dimensions: [Object.keys(allDimensions)],
                Metrics: [{ Name: name, Unit: unit }],
              },
            ],
          },
          ...allDimensions,
          [name]: value,
        }),
      );
    },
  };
}

/** The namespace the stack's dashboard and alarms read custom metrics from. */
export const METRICS_NAMESPACE = "Assure";
