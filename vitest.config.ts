import { defineConfig } from "vitest/config";

// The AWS SDK pin is deliberate (newer SDKs need Node 22); its Node-version notice is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// One run, four kinds of tests. Only the projects that need DynamoDB Local or a browser pay for them.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["shared/src/**/*.test.ts", "functions/src/**/*.unit.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "api",
          include: ["functions/src/**/*.test.ts", "test/api/**/*.test.ts", "test/integration/**/*.test.ts"],
          exclude: ["functions/src/**/*.unit.test.ts"],
          globalSetup: ["test/support/global-dynamo.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "infra",
          include: ["test/infra/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/global-dynamo.ts", "test/e2e/global-stack.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
