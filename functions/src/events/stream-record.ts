import type { AttributeValue } from "@aws-sdk/client-dynamodb";

/**
 * The parts of a DynamoDB Streams record the dispatcher reads. Lambda's event and the
 * DynamoDB Streams API (used by the local poller) share this shape, so both feed one dispatcher.
 */
export interface DynamoStreamRecord {
  eventID?: string | undefined;
  eventName?: "INSERT" | "MODIFY" | "REMOVE" | string | undefined;
  dynamodb?:
    | {
        ApproximateCreationDateTime?: number | Date | undefined;
        Keys?: Record<string, AttributeValue> | undefined;
        NewImage?: Record<string, AttributeValue> | undefined;
        OldImage?: Record<string, AttributeValue> | undefined;
        SequenceNumber?: string | undefined;
      }
    | undefined;
}

export interface DynamoStreamEvent {
  Records: DynamoStreamRecord[];
}

/** Lambda's partial batch response: processing resumes from the lowest failed sequence number. */
export interface StreamBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}
