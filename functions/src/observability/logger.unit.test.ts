import { describe, expect, it } from "vitest";
import { createLogger, logLevelFromEnv } from "./logger";
import { createMetrics } from "./metrics";

const fixedNow = () => new Date("2026-06-01T00:00:00.000Z");

describe("structured logger", () => {
  it("writes one JSON object per line with service, level, message and fields", () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: "api",
      level: "info",
      write: (line) => lines.push(line),
      now: fixedNow,
    });
    logger.child({ requestId: "r1" }).info("hello", { tenantId: "t1" });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        timestamp: "2026-06-01T00:00:00.000Z",
        level: "info",
        message: "hello",
        service: "api",
        requestId: "r1",
        tenantId: "t1",
      },
    ]);
  });

  it("drops lines below the configured level", () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "api", level: "warn", write: (line) => lines.push(line) });
    logger.debug("no");
    logger.info("no");
    logger.warn("yes");
    logger.error("yes");
    expect(lines.map((line) => JSON.parse(line).level)).toEqual(["warn", "error"]);
  });

  it("serialises errors with their cause and survives circular fields", () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "api", level: "debug", write: (line) => lines.push(line) });
    logger.error("boom", { error: new Error("outer", { cause: new Error("inner") }) });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    logger.info("circular", { circular });
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first.error).toMatchObject({ name: "Error", message: "outer", cause: { message: "inner" } });
    expect(second).toMatchObject({ message: "circular", logError: expect.stringContaining("circular") });
  });

  it("maps Lambda's log levels and prefers LOG_LEVEL", () => {
    expect(logLevelFromEnv({ AWS_LAMBDA_LOG_LEVEL: "TRACE" })).toBe("debug");
    expect(logLevelFromEnv({ AWS_LAMBDA_LOG_LEVEL: "FATAL" })).toBe("error");
    expect(logLevelFromEnv({ AWS_LAMBDA_LOG_LEVEL: "WARN", LOG_LEVEL: "debug" })).toBe("debug");
    expect(logLevelFromEnv({ LOG_LEVEL: "loud" })).toBe("info");
  });
});

describe("embedded metric format", () => {
  it("emits the CloudWatch EMF envelope with the service dimension", () => {
    const lines: string[] = [];
    createMetrics({
      namespace: "Assure",
      service: "stream",
      write: (line) => lines.push(line),
      now: fixedNow,
    }).put("StreamRecordsHandled", 3);
    expect(JSON.parse(lines[0] ?? "{}")).toEqual({
      _aws: {
        Timestamp: Date.parse("2026-06-01T00:00:00.000Z"),
        CloudWatchMetrics: [
          {
            Namespace: "Assure",
            Dimensions: [["service"]],
            Metrics: [{ Name: "StreamRecordsHandled", Unit: "Count" }],
          },
        ],
      },
      service: "stream",
      StreamRecordsHandled: 3,
    });
  });
});
