import { marshall } from "@aws-sdk/util-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";

// The Lambda entry files, as deployed: they read their configuration from the environment at import.
describe("Lambda entry points", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  function captureStdout(): string[] {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    return lines;
  }

  it("certificate-expiry job reads the certification repository and fails loudly when the table is unreachable", async () => {
    // The wired path (reminders delivered once per window) is tested against DynamoDB Local in
    // test/integration/certificate-expiry.test.ts; here only that the entry point uses the repository.
    vi.stubEnv("DYNAMODB_ENDPOINT", "http://127.0.0.1:9");
    vi.stubEnv("TABLE_NAME", "unreachable");
    captureStdout();
    const { handler } = await import("../lambda/jobs/certificate-expiry");
    await expect(handler({}, { awsRequestId: "req-1" })).rejects.toThrow();
  });

  it("CSAF poll job says so when no provider is configured", async () => {
    vi.stubEnv("CSAF_PROVIDER_METADATA_URLS", "");
    const lines = captureStdout();
    const { handler } = await import("../lambda/jobs/csaf-feed-poll");
    const report = await handler({}, { awsRequestId: "req-2" });
    expect(report).toMatchObject({ outcome: "skipped", reason: "no CSAF provider is configured" });
    expect(lines.join("")).toContain('"outcome":"skipped"');
  });

  it("stream processor answers with an empty batchItemFailures for records nobody handles", async () => {
    captureStdout();
    const { handler } = await import("../lambda/stream");
    const result = await handler(
      {
        Records: [
          {
            eventName: "INSERT",
            dynamodb: {
              SequenceNumber: "1",
              Keys: marshall({ pk: "T#a", sk: "SITE#1" }),
              NewImage: marshall({ pk: "T#a", sk: "SITE#1", type: "Site" }),
            },
          },
        ],
      },
      { awsRequestId: "req-3" },
    );
    expect(result).toEqual({ batchItemFailures: [] });
  });
});
