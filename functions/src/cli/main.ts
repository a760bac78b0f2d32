#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { CliError } from "./cli-error";
import { registerCsafCommands } from "./commands/csaf";
import { registerDevCommands } from "./commands/dev";
import { registerEvaluateCommand } from "./commands/evaluate";

// Each command group lives in ./commands/<group>.ts and registers itself here.
const program = new Command("assure")
  .description("IEC 62443 supply-chain assurance portal: command-line tools")
  .showHelpAfterError()
  .exitOverride();

registerCsafCommands(program);
registerDevCommands(program);
registerEvaluateCommand(program);

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
