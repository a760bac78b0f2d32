import { marshall } from "@aws-sdk/util-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createLogger } from "../observability/logger";
import { dispatchStreamRecords, type ItemChange, StreamHandlerRegistry } from "./registry";
import type { DynamoStreamRecord } from "./stream-record";

const logger = createLogger({ service: "test", level: "error", write: () => {} });

function record(
  sequenceNumber: string,
  eventName: "INSERT" | "MODIFY" | "REMOVE",
  images: { newItem?: Record<string, unknown>; oldItem?: Record<string, unknown> },
): DynamoStreamRecord {
  const item = images.newItem ?? images.oldItem ?? {};
  return {
    eventID: `event-${sequenceNumber}`,
    eventName,
    dynamodb: {
      SequenceNumber: sequenceNumber,
      ApproximateCreationDateTime: 1_780_000_000,
      Keys: marshall({ pk: item.pk, sk: item.sk }),
      NewImage: images.newItem ? marshall(images.newItem) : undefined,
      OldImage: images.oldItem ? marshall(images.oldItem) : undefined,
    },
  };
}

describe("stream dispatcher", () => {
  it("decodes images and routes each record to the handlers of its type", async () => {
    const registry = new StreamHandlerRegistry();
    const seen: ItemChange<unknown>[] = [];
    registry.register("Advisory", { name: "collect", handle: async (change) => void seen.push(change) });
    const result = await dispatchStreamRecords(
      [
        record("1", "INSERT", { newItem: { pk: "T#a", sk: "ADV#1", type: "Advisory", cves: ["CVE-1"] } }),
        record("2", "REMOVE", { oldItem: { pk: "T#a", sk: "ADV#2", type: "Advisory" } }),
        record("3", "INSERT", { newItem: { pk: "T#a", sk: "SITE#1", type: "Site" } }),
      ],
      { registry, logger },
    );
    expect(result).toEqual({ batchItemFailures: [], handled: 2, unhandled: 1 });
    expect(seen.map((change) => [change.kind, change.pk, change.sk, change.sequenceNumber])).toEqual([
      ["INSERT", "T#a", "ADV#1", "1"],
      ["REMOVE", "T#a", "ADV#2", "2"],
    ]);
    expect(seen[0]?.newItem).toEqual({ pk: "T#a", sk: "ADV#1", type: "Advisory", cves: ["CVE-1"] });
    expect(seen[0]?.approximateCreatedAt?.toISOString()).toBe("2026-05-28T20:26:40.000Z");
    expect(seen[1]?.newItem).toBeUndefined();
  });

  it("stops at the first failure and reports only that record", async () => {
    const registry = new StreamHandlerRegistry();
    const handledSequence: string[] = [];
    registry.register("Obligation", {
      name: "fails-on-2",
      handle: async (change) => {
        if (change.sequenceNumber === "2") throw new Error("downstream unavailable");
        handledSequence.push(change.sequenceNumber);
      },
    });
    const item = (sk: string) => ({ newItem: { pk: "T#a", sk, type: "Obligation" } });
    const result = await dispatchStreamRecords(
      [
        record("1", "INSERT", item("O#1")),
        record("2", "INSERT", item("O#2")),
        record("3", "INSERT", item("O#3")),
      ],
      { registry, logger },
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "2" }]);
    expect(handledSequence).toEqual(["1"]);
  });

  it("parses images with the handler's schema and fails the record when an image is invalid", async () => {
    const registry = new StreamHandlerRegistry();
    const schema = z.object({
      pk: z.string(),
      sk: z.string(),
      type: z.literal("Zone"),
      slT: z.array(z.number()).length(7),
    });
    const parsed: unknown[] = [];
    registry.register("Zone", {
      name: "typed",
      schema,
      handle: async (change) => void parsed.push(change.newItem?.slT),
    });
    const result = await dispatchStreamRecords(
      [
        record("1", "INSERT", {
          newItem: { pk: "T#a", sk: "Z#1", type: "Zone", slT: [1, 1, 1, 1, 1, 1, 1] },
        }),
        record("2", "INSERT", { newItem: { pk: "T#a", sk: "Z#2", type: "Zone", slT: [1] } }),
      ],
      { registry, logger },
    );
    expect(parsed).toEqual([[1, 1, 1, 1, 1, 1, 1]]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "2" }]);
  });

  it("refuses a second handler with the same name for a type", () => {
    const registry = new StreamHandlerRegistry();
    registry.register("Zone", { name: "once", handle: async () => {} });
    expect(() => registry.register("Zone", { name: "once", handle: async () => {} })).toThrow(
      /already registered/,
    );
  });
});
