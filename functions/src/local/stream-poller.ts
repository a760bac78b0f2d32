import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type AttributeValue, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import type { Db } from "../db/client";
import { registerAllStreamHandlers } from "../events/handlers";
import { dispatchStreamRecords, StreamHandlerRegistry } from "../events/registry";
import type { DynamoStreamRecord } from "../events/stream-record";
import { createNotifier } from "../notify/notifier";
import { createFileSink } from "../notify/sender";
import { createLogger, type Logger } from "../observability/logger";
import { createEvidenceStoreFromEnv } from "../storage/create-evidence-store";
import { localPaths } from "./paths";

/**
 * Locally, DynamoDB Local's stream feeds the same dispatcher as the stream Lambda in AWS: this poller reads
 * every shard in order (parents before children), hands each batch to `dispatchStreamRecords`, and on a handler
 * failure re-reads from the failed record after a pause (as Lambda's bisecting retry would). A checkpoint file
 * (optional) lets `npm start` resume after a restart instead of replaying or skipping.
 */

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  registry: StreamHandlerRegistry;
  logger: Logger;
  /** Where to start when there is no checkpoint: the whole retained stream, or only new changes. */
  startAt?: "trim_horizon" | "latest";
  /** JSON file of the last processed sequence number per shard. */
  checkpointFile?: string | undefined;
  idleDelayMs?: number;
  retryDelayMs?: number;
  /** How long stop() waits for a batch being handled before it returns anyway. */
  stopGraceMs?: number;
}

export interface StreamPoller {
  /** Resolves once every record written before the call has been handled (for tests and scripts). */
  drain(timeoutMs?: number): Promise<void>;
  /** Stops reading within about `stopGraceMs`, even while a batch is being handled. */
  stop(): Promise<void>;
}

type ShardState = { shard: Shard; iterator: string | undefined; closed: boolean; last: string | undefined };

const credentials = { accessKeyId: "local", secretAccessKey: "local" };

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const region = process.env.AWS_REGION ?? "eu-central-1";
  const dynamo = new DynamoDBClient({ endpoint: options.endpoint, region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region, credentials });
  const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamo.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);

  const checkpoint: Record<string, string> = readCheckpoint(options.checkpointFile);
  const shards = new Map<string, ShardState>();
  let stopped = false;
  // Aborts the request in flight when the poller stops, so stopping never waits for a slow read.
  const stopping = new AbortController();
  const send: typeof streams.send = (command: Parameters<typeof streams.send>[0]) =>
    streams.send(command, { abortSignal: stopping.signal });
  let passes = 0;
  let idlePasses = 0;

  async function refreshShards() {
    let exclusiveStart: string | undefined;
    do {
      const described = await send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStart }),
      );
      for (const shard of described.StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || shards.has(shard.ShardId)) continue;
        shards.set(shard.ShardId, {
          shard,
          iterator: undefined,
          closed: false,
          last: checkpoint[shard.ShardId],
        });
      }
      exclusiveStart = described.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
  }

  async function iteratorFor(state: ShardState, type?: ShardIteratorType, sequence?: string) {
    const chosen: ShardIteratorType =
      type ??
      (state.last ? "AFTER_SEQUENCE_NUMBER" : options.startAt === "latest" ? "LATEST" : "TRIM_HORIZON");
    const answer = await send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: state.shard.ShardId,
        ShardIteratorType: chosen,
        ...(chosen === "AFTER_SEQUENCE_NUMBER" || chosen === "AT_SEQUENCE_NUMBER"
          ? { SequenceNumber: sequence ?? state.last }
          : {}),
      }),
    );
    return answer.ShardIterator;
  }

  /** One pass over the open shards; returns how many records were handled. */
  async function pass(): Promise<number> {
    await refreshShards();
    let handled = 0;
    for (const state of shards.values()) {
      // Stop between batches: a batch is either dispatched and checkpointed or read again after a restart.
      if (stopped) break;
      if (state.closed) continue;
      const parent = state.shard.ParentShardId ? shards.get(state.shard.ParentShardId) : undefined;
      if (parent && !parent.closed) continue;
      state.iterator ??= await iteratorFor(state);
      if (!state.iterator) {
        state.closed = true;
        continue;
      }
      const page = await send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 100 }));
      const records = (page.Records ?? []).map(repairRecord);
      if (records.length > 0) {
        const result = await dispatchStreamRecords(records, {
          registry: options.registry,
          logger: options.logger,
        });
        const failed = result.batchItemFailures[0]?.itemIdentifier;
        const done = failed
          ? records.slice(
              0,
              records.findIndex((r) => r.dynamodb?.SequenceNumber === failed),
            )
          : records;
        handled += done.length;
        const lastDone = done.at(-1)?.dynamodb?.SequenceNumber;
        if (lastDone) {
          state.last = lastDone;
          saveCheckpoint(state);
        }
        if (failed) {
          // Resume at the failed record after a pause; later records wait behind it (stream order).
          state.iterator = await iteratorFor(state, "AT_SEQUENCE_NUMBER", failed);
          await sleep(options.retryDelayMs ?? 1000, stopping.signal);
          continue;
        }
      }
      state.iterator = page.NextShardIterator;
      if (!state.iterator) state.closed = true;
    }
    return handled;
  }

  function saveCheckpoint(state: ShardState) {
    if (!options.checkpointFile || !state.shard.ShardId || !state.last) return;
    checkpoint[state.shard.ShardId] = state.last;
    writeFileSync(options.checkpointFile, `${JSON.stringify(checkpoint)}\n`);
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        const handled = await pass();
        passes += 1;
        idlePasses = handled === 0 ? idlePasses + 1 : 0;
        if (handled === 0) await sleep(options.idleDelayMs ?? 250, stopping.signal);
      } catch (error) {
        if (stopped) break;
        options.logger.error("stream poll failed; retrying", { error });
        await sleep(options.retryDelayMs ?? 1000, stopping.signal);
      }
    }
  })();

  return {
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      // Two idle passes after the call: everything written before it was read and handled.
      const startPasses = passes;
      while (!(passes >= startPasses + 2 && idlePasses >= 2)) {
        if (Date.now() > deadline) throw new Error(`stream not drained within ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    async stop() {
      stopped = true;
      stopping.abort();
      // A handler still running after the grace period is left behind: its batch was not checkpointed, so the
      // next start hands it to the handlers again (they are idempotent, as Lambda's retries need them to be).
      await Promise.race([loop, sleep(options.stopGraceMs ?? 1500)]);
      streams.destroy();
    },
  };
}

function readCheckpoint(file: string | undefined): Record<string, string> {
  if (!file) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

/**
 * The DynamoDB Streams client reads an empty map (`{"M": {}}`) as `{}`, which unmarshall refuses. An attribute
 * value without any type key can only be that, so it is put back before the dispatcher decodes the images.
 */
function repairValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 0) return { M: {} };
  const [[type, inner]] = entries as [[string, unknown]];
  if (type === "M" && typeof inner === "object" && inner !== null) return { M: repairMap(inner) };
  if (type === "L" && Array.isArray(inner)) return { L: inner.map(repairValue) };
  return value;
}

function repairMap(map: object): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, repairValue(v) as AttributeValue]));
}

function repairRecord(record: StreamRecord): DynamoStreamRecord {
  const image = record.dynamodb;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    dynamodb: image && {
      ApproximateCreationDateTime: image.ApproximateCreationDateTime,
      SequenceNumber: image.SequenceNumber,
      Keys: image.Keys && repairMap(image.Keys),
      NewImage: image.NewImage && repairMap(image.NewImage),
      OldImage: image.OldImage && repairMap(image.OldImage),
    },
  };
}

/** Waits `ms`, or less when the signal aborts (a stopping poller does not sit out its pauses). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * The local stack's poller (`npm start`): the registered stream handlers with e-mail and webhook messages
 * written to `.data/outbox/messages.jsonl`, resuming from `.data/stream-checkpoint.json` after a restart.
 */
export async function startLocalStreamPoller(input: {
  db: Db;
  endpoint: string;
  portalUrl: string;
  dataDir: string;
}): Promise<StreamPoller> {
  const logger = createLogger({ service: "assure-stream" });
  const now = () => new Date();
  // The API's evidence directory, where imported advisory documents are kept.
  const documents = createEvidenceStoreFromEnv(process.env, localPaths.evidence);
  const notifier = createNotifier({
    db: input.db,
    sender: createFileSink(path.join(input.dataDir, "outbox")),
    now,
    logger,
    portalUrl: input.portalUrl,
  });
  return startStreamPoller({
    endpoint: input.endpoint,
    tableName: input.db.tableName,
    registry: registerAllStreamHandlers(new StreamHandlerRegistry(), {
      advisoryDeps: () => ({ db: input.db, now, notifier, logger, documents }),
    }),
    logger,
    checkpointFile: path.join(input.dataDir, "stream-checkpoint.json"),
  });
}
