import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { ZodType } from "zod";
import type { Logger } from "../observability/logger";
import type { DynamoStreamRecord, StreamBatchResponse } from "./stream-record";

/**
 * Follow-up work on table changes (advisory impact, obligation updates, notifications) is written as
 * handlers registered per item `type`. The stream processor Lambda and the local stream poller both call
 * `dispatchStreamRecords`, so a handler behaves the same in AWS and on a laptop.
 */

export type ChangeKind = "INSERT" | "MODIFY" | "REMOVE";

export interface ItemChange<Item> {
  kind: ChangeKind;
  /** The item's `type` attribute (from the new image, or the old one for REMOVE). */
  type: string;
  pk: string;
  sk: string;
  /** Absent for REMOVE. */
  newItem: Item | undefined;
  /** Absent for INSERT. */
  oldItem: Item | undefined;
  /** The stream sequence number, unique per shard: a handler's idempotency key. */
  sequenceNumber: string;
  approximateCreatedAt: Date | undefined;
}

export interface HandlerContext {
  logger: Logger;
}

export type StreamHandlerFn<Item> = (change: ItemChange<Item>, context: HandlerContext) => Promise<void>;

export interface StreamHandlerDefinition<Item> {
  /** Shows in logs and metrics; unique per type. */
  name: string;
  /**
   * Parses both images before the handler sees them (items are never trusted as `T`). An image that
   * fails to parse fails the record, which then goes to the DLQ after the bounded retries.
   */
  schema?: ZodType<Item>;
  handle: StreamHandlerFn<Item>;
}

type RegisteredHandler = StreamHandlerDefinition<unknown>;

export class StreamHandlerRegistry {
  readonly #byType = new Map<string, RegisteredHandler[]>();

  register<Item = Record<string, unknown>>(type: string, definition: StreamHandlerDefinition<Item>): this {
    const handlers = this.#byType.get(type) ?? [];
    if (handlers.some((existing) => existing.name === definition.name)) {
      throw new Error(`Stream handler "${definition.name}" is already registered for type "${type}"`);
    }
    handlers.push(definition as RegisteredHandler);
    this.#byType.set(type, handlers);
    return this;
  }

  handlersFor(type: string): readonly RegisteredHandler[] {
    return this.#byType.get(type) ?? [];
  }

  get types(): string[] {
    return [...this.#byType.keys()];
  }
}

/** The process-wide registry the stream Lambda dispatches to. Feature modules add to it in handlers.ts. */
export const streamHandlers = new StreamHandlerRegistry();

/** Registers `definition` for items whose `type` attribute equals `type`. */
export function registerStreamHandler<Item = Record<string, unknown>>(
  type: string,
  definition: StreamHandlerDefinition<Item>,
  registry: StreamHandlerRegistry = streamHandlers,
): void {
  registry.register(type, definition);
}

export interface DispatchOptions {
  registry: StreamHandlerRegistry;
  logger: Logger;
}

export interface DispatchSummary extends StreamBatchResponse {
  handled: number;
  /** Records whose type has no handler (or no type at all): nothing to do, and logged as such. */
  unhandled: number;
}

function decodeImage(image: Record<string, AttributeValue> | undefined): Record<string, unknown> | undefined {
  return image ? unmarshall(image) : undefined;
}

function toDate(value: number | Date | undefined): Date | undefined {
  if (value === undefined) return undefined;
  // Lambda sends epoch seconds; the DynamoDB Streams API client returns a Date.
  return value instanceof Date ? value : new Date(value * 1000);
}

/**
 * Runs the handlers of each record in stream order. At the first failure it stops and reports that
 * record: Lambda re-delivers from the lowest failed sequence number, so later records would be
 * processed twice and out of order if we went on.
 */
export async function dispatchStreamRecords(
  records: readonly DynamoStreamRecord[],
  options: DispatchOptions,
): Promise<DispatchSummary> {
  let handled = 0;
  let unhandled = 0;
  const unhandledTypes = new Map<string, number>();

  for (const record of records) {
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? record.eventID ?? "unknown";
    const newImage = decodeImage(record.dynamodb?.NewImage);
    const oldImage = decodeImage(record.dynamodb?.OldImage);
    const keys = decodeImage(record.dynamodb?.Keys) ?? {};
    const typeValue = newImage?.type ?? oldImage?.type;
    const type = typeof typeValue === "string" ? typeValue : undefined;
    const handlers = type ? options.registry.handlersFor(type) : [];
    if (!type || handlers.length === 0) {
      unhandled += 1;
      const label = type ?? "(no type attribute)";
      unhandledTypes.set(label, (unhandledTypes.get(label) ?? 0) + 1);
      continue;
    }

    const kind = (record.eventName ?? "MODIFY") as ChangeKind;
    const logger = options.logger.child({ sequenceNumber, itemType: type, changeKind: kind });
    for (const definition of handlers) {
      try {
        const change: ItemChange<unknown> = {
          kind,
          type,
          pk: String(keys.pk ?? newImage?.pk ?? oldImage?.pk ?? ""),
          sk: String(keys.sk ?? newImage?.sk ?? oldImage?.sk ?? ""),
          newItem: definition.schema && newImage ? definition.schema.parse(newImage) : newImage,
          oldItem: definition.schema && oldImage ? definition.schema.parse(oldImage) : oldImage,
          sequenceNumber,
          approximateCreatedAt: toDate(record.dynamodb?.ApproximateCreationDateTime),
        };
        await definition.handle(change, { logger: logger.child({ handler: definition.name }) });
      } catch (error) {
        logger.error("stream handler failed; the batch resumes from this record", {
          handler: definition.name,
          error,
        });
        logUnhandled(options.logger, unhandledTypes);
        return { batchItemFailures: [{ itemIdentifier: sequenceNumber }], handled, unhandled };
      }
    }
    handled += 1;
  }

  logUnhandled(options.logger, unhandledTypes);
  return { batchItemFailures: [], handled, unhandled };
}

function logUnhandled(logger: Logger, unhandledTypes: Map<string, number>): void {
  if (unhandledTypes.size === 0) return;
  logger.debug("stream records without a registered handler were skipped", {
    skippedByType: Object.fromEntries(unhandledTypes),
  });
}
