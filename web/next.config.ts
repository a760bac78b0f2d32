import path from "node:path";
import type { NextConfig } from "next";

const config: NextConfig = {
  // shared/ is TypeScript source consumed directly (no build step of its own).
  transpilePackages: ["@assure/shared"],
  // The AWS build (NEXT_OUTPUT=standalone) is self-contained for Lambda; locally `next start` serves it.
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" as const } : {}),
  outputFileTracingRoot: path.join(import.meta.dirname, ".."),
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
