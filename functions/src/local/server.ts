import { serve } from "@hono/node-server";
import { app } from "../runtime";

// The local API: the same Hono app as the Lambda, served by Node.
const port = Number(process.env.PORT ?? 4000);
const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? "127.0.0.1" }, (info) => {
  process.stdout.write(`API listening on http://${info.address}:${info.port}\n`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
