import { describe, expect, it } from "vitest";
import { createApp } from "../../functions/src/app";
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  generateSigningJwk,
} from "../../functions/src/auth/tokens";
import { createLogger } from "../../functions/src/observability/logger";
import { createTestDb } from "../support/db";

describe("API logging", () => {
  it("logs one JSON line per request and hides unhandled errors behind a generic 500", async () => {
    const lines: string[] = [];
    const { publicJwk } = await generateSigningJwk();
    const app = createApp({
      db: await createTestDb("log"),
      verifyToken: createTokenVerifier({
        jwks: { keys: [publicJwk] },
        issuer: DEFAULT_ISSUER,
        audience: DEFAULT_AUDIENCE,
      }),
      maxBodyBytes: 1000,
      now: () => new Date(),
      logger: createLogger({ service: "test", write: (line) => lines.push(line) }),
    });
    app.get("/boom", () => {
      throw new Error("secret internal detail");
    });

    await app.request("/health");
    const boom = await app.request("/boom");
    expect(boom.status).toBe(500);
    const problem = await boom.json();
    expect(problem.code).toBe("internal");
    expect(JSON.stringify(problem)).not.toContain("secret internal detail");

    const entries = lines.map((line) => JSON.parse(line));
    expect(entries).toContainEqual(
      expect.objectContaining({ message: "request", path: "/health", status: 200 }),
    );
    const error = entries.find((e) => e.message === "unhandled error");
    expect(error).toMatchObject({ level: "error", path: "/boom", requestId: problem.requestId });
    expect(JSON.stringify(error)).toContain("secret internal detail");
  });
});
