import { handle } from "hono/aws-lambda";
import { preloadRouteGroups } from "../app";
import { app } from "../runtime";

// On demand, route groups load with their first request (docs/adr/0026). Provisioned concurrency runs init before
// any request arrives and keeps the environment, so it loads them all now and no request waits for one.
if (process.env.AWS_LAMBDA_INITIALIZATION_TYPE === "provisioned-concurrency") await preloadRouteGroups();

export const handler = handle(app);
