import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { expect, inject, it } from "vitest";
import { StreamHandlerRegistry } from "../../functions/src/events/registry";
import { startStreamPoller } from "../../functions/src/local/stream-poller";
import { createLogger } from "../../functions/src/observability/logger";
import { createTestDb } from "../support/db";

// `npm start` stops the poller on Ctrl-C: stopping must not wait for a batch whose handler is still running, and
// that batch must not be checkpointed (the next start hands it to the handlers again).
it("stops while a handler is still running, and leaves that batch unacknowledged", async () => {
  const db = await createTestDb("poller-stop");
  const checkpointFile = path.join(mkdtempSync(path.join(tmpdir(), "assure-poller-")), "checkpoint.json");
  let started!: () => void;
  const handlerStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  let release!: () => void;
  const handlerReleased = new Promise<void>((resolve) => {
    release = resolve;
  });
  let handlerFinished = false;
  const registry = new StreamHandlerRegistry().register("slowThing", {
    name: "slow",
    handle: async () => {
      started();
      await handlerReleased;
      handlerFinished = true;
    },
  });
  const poller = await startStreamPoller({
    endpoint: inject("dynamoEndpoint"),
    tableName: db.tableName,
    registry,
    logger: createLogger({ service: "poller-stop-test", level: "error" }),
    checkpointFile,
    idleDelayMs: 50,
    stopGraceMs: 200,
  });
  await db.doc.send(
    new PutCommand({ TableName: db.tableName, Item: { pk: "SLOW#1", sk: "SLOW#1", type: "slowThing" } }),
  );
  await handlerStarted;

  await poller.stop();
  expect(handlerFinished).toBe(false);
  const checkpoint = (() => {
    try {
      return JSON.parse(readFileSync(checkpointFile, "utf8"));
    } catch {
      return {};
    }
  })();
  expect(checkpoint).toEqual({});
  release();
});
