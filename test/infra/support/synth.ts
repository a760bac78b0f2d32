import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { type AssureAppStacks, buildApp } from "../../../infra/src/app";
import { bundleAllFunctions, type FunctionBundles } from "../../../infra/src/bundling";
import type { StageConfigOverrides } from "../../../infra/src/config";

let bundles: Promise<FunctionBundles> | undefined;

/** Bundles once per test file (worker), into a private directory so parallel files do not collide. */
export function sharedBundles(): Promise<FunctionBundles> {
  bundles ??= bundleAllFunctions(mkdtempSync(join(tmpdir(), "assure-bundles-")));
  return bundles;
}

export interface NagViolation {
  ruleName: string;
  violatingConstructs: { constructPath: string }[];
}

export interface NagReport {
  violations: NagViolation[];
  suppressed: { ruleName: string; reason: string; constructs: string[] }[];
}

export interface SynthResult extends AssureAppStacks {
  template: Template;
  edgeTemplate?: Template;
  nag: NagReport;
  /** The raw template, for snapshot and text checks. */
  json: Record<string, unknown>;
}

/**
 * Synthesises one stage with the cdk-nag plugin, exactly as `cdk synth` does (same buildApp), and
 * returns its templates and the nag report. Synthesis throws when cdk-nag finds anything unacknowledged.
 */
export async function synthStage(
  stage: "dev" | "prod",
  overrides: StageConfigOverrides = {},
): Promise<SynthResult> {
  // The CLI sets this from the caller's credentials; tests must not depend on who runs them.
  delete process.env.CDK_DEFAULT_ACCOUNT;
  const outdir = mkdtempSync(join(tmpdir(), `assure-${stage}-`));
  const stacks = buildApp({ stage, overrides, outdir, bundles: await sharedBundles() });
  let reportText: string | undefined;
  try {
    stacks.app.synth();
  } finally {
    try {
      reportText = readFileSync(join(outdir, "validation-report.json"), "utf8");
    } catch {
      reportText = undefined;
    }
  }
  const report = JSON.parse(reportText ?? "{}") as {
    pluginReports?: {
      violations: NagViolation[];
      suppressedViolations: {
        ruleName: string;
        reason: string;
        violatingConstructs: { constructPath: string }[];
      }[];
    }[];
  };
  if (!report.pluginReports) throw new Error("cdk-nag did not run: no validation report was written");
  const nag: NagReport = {
    violations: report.pluginReports.flatMap((plugin) => plugin.violations),
    suppressed: report.pluginReports.flatMap((plugin) =>
      plugin.suppressedViolations.map((violation) => ({
        ruleName: violation.ruleName,
        reason: violation.reason,
        constructs: violation.violatingConstructs.map((construct) => construct.constructPath),
      })),
    ),
  };
  const template = Template.fromStack(stacks.stack);
  return {
    ...stacks,
    template,
    ...(stacks.edge ? { edgeTemplate: Template.fromStack(stacks.edge) } : {}),
    nag,
    json: template.toJSON(),
  };
}

/** Asset hashes change with every source edit; the snapshot is about the infrastructure. */
export function maskAssetHashes(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}(\.zip|\.json)?/g, "<asset-hash>$1"));
}

/** Logical ids of resources of `type` whose logical id starts with `prefix` (construct path without slashes). */
export function logicalIdsOf(template: Template, type: string, prefix = ""): string[] {
  return Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
}
