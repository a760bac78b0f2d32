#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { CliError } from "./cli-error";

// The AWS SDK pin is deliberate (newer SDKs need Node 22); its Node-version notice would only confuse CLI users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// Each command group lives in ./commands/<group>.ts and registers itself here.
const program = new Command("assure")
  .description("IEC 62443 supply-chain assurance portal: command-line tools")
  .showHelpAfterError()
  .exitOverride();

/**
 * Command groups, loaded only when used: `assure csaf …` does not pay for the AWS SDK, nor `assure dev …`
 * for the CSAF validator. Add a group here as `name: () => import(...).then((m) => m.registerX)`.
 */
const commandGroups: Record<string, () => Promise<(program: Command) => void>> = {
  csaf: () => import("./commands/csaf").then((m) => m.registerCsafCommands),
  dev: () => import("./commands/dev").then((m) => m.registerDevCommands),
  evaluate: () => import("./commands/evaluate").then((m) => m.registerEvaluateCommand),
  publish: () => import("./commands/publish").then((m) => m.registerPublishCommand),
  verify: () => import("./commands/verify").then((m) => m.registerVerifyCommand),
};

const requested = process.argv[2];
const groupsToLoad = requested && requested in commandGroups ? [requested] : Object.keys(commandGroups);
for (const name of groupsToLoad) {
  const register = await commandGroups[name]?.();
  register?.(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof CliError) {
    process.stderr.write(`assure: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`assure: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
