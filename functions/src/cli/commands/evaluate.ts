import { readFile } from "node:fs/promises";
import { evaluate, parseEvaluationInput, type TEvaluationResult } from "@assure/shared";
import type { Command } from "commander";
import { CliError } from "../cli-error";

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads, validates and evaluates one evaluation document; every expected failure is a CliError (exit 2). */
export async function evaluateDocumentFile(
  file: string,
  readInput: () => Promise<string> = readStandardInput,
): Promise<TEvaluationResult> {
  const name = file === "-" ? "standard input" : file;
  let text: string;
  try {
    text = file === "-" ? await readInput() : await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError(`cannot read ${name}: ${why}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseEvaluationInput(document);
  if (!parsed.ok) {
    const count = parsed.issues.length === 1 ? "1 problem" : `${parsed.issues.length} problems`;
    const lines = parsed.issues.map((issue) => `  ${issue.path}: ${issue.message}`);
    throw new CliError(`${name} is not a valid evaluation document (${count}):\n${lines.join("\n")}`);
  }
  return evaluate(parsed.input);
}

export function registerEvaluateCommand(program: Command) {
  program
    .command("evaluate")
    .description("Evaluate an IEC 62443 evaluation document (docs/engine.md) and print the result as JSON")
    .argument("<file>", "the evaluation document (JSON), or - for standard input")
    .option("--compact", "print the result on one line")
    .action(async (file: string, options: { compact?: boolean }) => {
      const result = await evaluateDocumentFile(file);
      process.stdout.write(`${JSON.stringify(result, null, options.compact ? undefined : 2)}\n`);
    });
}
