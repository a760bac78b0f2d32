import { describe, expect, it } from "vitest";
import { loadStageConfig, STAGE_DEFAULTS, StageConfigError } from "../../infra/src/config";

describe("stage configuration", () => {
  it("validates both stages' defaults", () => {
    expect(loadStageConfig("dev")).toMatchObject({ stage: "dev", table: { customerManagedKey: false } });
    expect(loadStageConfig("prod")).toMatchObject({
      stage: "prod",
      table: { customerManagedKey: true, deletionProtection: true, pointInTimeRecovery: true },
      portal: { allowPlaceholder: false },
      auth: { provider: "cognito", mfa: "required" },
    });
  });

  it("merges overrides key by key and replaces arrays", () => {
    const config = loadStageConfig("dev", {
      api: { throttle: { rateLimit: 7 } },
      jobs: { certificateReminderDays: [14] },
    });
    expect(config.api.throttle).toEqual({
      rateLimit: 7,
      burstLimit: STAGE_DEFAULTS.dev.api?.throttle?.burstLimit,
    });
    expect(config.jobs.certificateReminderDays).toEqual([14]);
    expect(config.api.memoryMb).toBe(1024);
  });

  it("replaces auth wholesale when the provider changes", () => {
    const config = loadStageConfig("dev", {
      auth: {
        provider: "external",
        issuer: "https://idp.example.com",
        clientId: "portal",
        clientSecretArn: "arn:aws:secretsmanager:eu-central-1:111111111111:secret:x",
        apiAudience: "assure-api",
        signingKeyRotationDays: 30,
      },
    });
    expect(config.auth).not.toHaveProperty("domainPrefix");
  });

  it("lists every invalid field in one error", () => {
    const attempt = () =>
      loadStageConfig("prod", {
        region: "Frankfurt",
        api: { timeoutSeconds: 60 },
        evidence: { allowedContentTypes: ["not a type"] },
      });
    expect(attempt).toThrow(StageConfigError);
    expect(attempt).toThrow(/region[\s\S]*api\.timeoutSeconds[\s\S]*evidence\.allowedContentTypes\.0/);
  });

  it("rejects unknown stages and provisioned concurrency above the reservation", () => {
    expect(() => loadStageConfig("staging")).toThrow(/Unknown stage "staging"/);
    expect(() => loadStageConfig("prod", { api: { provisionedConcurrency: 500 } })).toThrow(/cannot exceed/);
  });
});
