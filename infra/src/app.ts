import { App, Tags, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { AssureStack } from "./assure-stack";
import type { FunctionBundles } from "./bundling";
import { loadStageConfig, type StageConfig, type StageConfigOverrides } from "./config";
import { EdgeStack } from "./edge-stack";

export interface AssureAppStacks {
  app: App;
  config: StageConfig;
  stack: AssureStack;
  edge?: EdgeStack;
}

export interface BuildAppOptions {
  /** From bundleAllFunctions(); bundling is async and runs before the app is built. */
  bundles: FunctionBundles;
  stage?: string;
  overrides?: StageConfigOverrides;
  /** Where the cloud assembly goes. @default CDK's default (cdk.out, or a temp dir in tests) */
  outdir?: string;
  /** Run cdk-nag's AwsSolutions pack during synth. @default true */
  nag?: boolean;
}

/**
 * Feature flags set here rather than only in cdk.json, so tests (which do not read cdk.json) synthesise
 * the same template as the CLI.
 */
export const FEATURE_FLAGS = {
  // The portal stack reads the WAF ACL from the edge stack; keep the producer protected from deletion.
  "@aws-cdk/core:defaultCrossStackReferences": "strong",
};

/**
 * Builds the CDK app for one stage. Used by bin/app.ts (the `cdk` CLI) and by the tests, so both
 * synthesise exactly the same thing.
 */
export function buildApp(options: BuildAppOptions): AssureAppStacks {
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}), context: FEATURE_FLAGS });
  const stage = options.stage ?? app.node.tryGetContext("stage") ?? "dev";
  const contextOverrides = app.node.tryGetContext("config");
  const overrides: StageConfigOverrides = {
    ...(typeof contextOverrides === "string" ? JSON.parse(contextOverrides) : (contextOverrides ?? {})),
    ...options.overrides,
  };
  const config = loadStageConfig(stage, overrides);
  const account = config.account ?? process.env.CDK_DEFAULT_ACCOUNT;
  const stackPrefix = `${pascal(config.appName)}-${config.stage}`;

  // CLOUDFRONT-scope WAF must live in us-east-1: a small edge stack unless the main stack is there anyway.
  const edge =
    config.waf.enabled && config.region !== "us-east-1"
      ? new EdgeStack(app, `${stackPrefix}-edge`, { config, env: { account, region: "us-east-1" } })
      : undefined;
  const stack = new AssureStack(app, stackPrefix, {
    config,
    bundles: options.bundles,
    env: { account, region: config.region },
    crossRegionReferences: edge !== undefined,
    webAclArn: edge?.webAcl.arn,
    description: `Assure IEC 62443 supply-chain assurance portal (${config.stage})`,
  });
  if (edge) stack.addStackDependency(edge);
  for (const scope of [stack, edge]) {
    if (!scope) continue;
    Tags.of(scope).add("app", config.appName);
    Tags.of(scope).add("stage", config.stage);
  }
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, stack, ...(edge ? { edge } : {}) };
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}
