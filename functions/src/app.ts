import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppDeps } from "./deps";

export type AppEnv = { Variables: { deps: AppDeps } };

/** Builds the HTTP API. The same app serves @hono/node-server locally and hono/aws-lambda in AWS. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.get("/health", (c) => c.json({ status: "ok" }));
  return app;
}
