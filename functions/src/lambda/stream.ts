import { registerAllStreamHandlers } from "../events/handlers";
import { dispatchStreamRecords } from "../events/registry";
import type { DynamoStreamEvent, StreamBatchResponse } from "../events/stream-record";
import { createLogger, invocationLogger, type LambdaContextLike } from "../observability/logger";
import { createMetrics, METRICS_NAMESPACE } from "../observability/metrics";

const service = process.env.SERVICE_NAME ?? "assure-stream";
const logger = createLogger({ service });
const metrics = createMetrics({ namespace: METRICS_NAMESPACE, service });
const registry = registerAllStreamHandlers();

/** DynamoDB Streams processor; the event source mapping has ReportBatchItemFailures on. */
export async function handler(
  event: DynamoStreamEvent,
  context?: LambdaContextLike,
): Promise<StreamBatchResponse> {
  const log = invocationLogger(logger, context);
  const result = await dispatchStreamRecords(event.Records, { registry, logger: log });
  log.info("stream batch processed", {
    records: event.Records.length,
    handled: result.handled,
    skippedWithoutHandler: result.unhandled,
    failed: result.batchItemFailures.length,
  });
  metrics.put("StreamRecordsHandled", result.handled);
  if (result.batchItemFailures.length > 0) metrics.put("StreamBatchFailures", 1);
  return { batchItemFailures: result.batchItemFailures };
}
