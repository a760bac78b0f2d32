import { readFile } from "node:fs/promises";
import { decideAffected, formatVersionRange, type TAffectedDecision } from "@assure/shared";
import type { Command } from "commander";
import { type TCsafFilesReport, validateCsafFiles } from "../../csaf/validate-csaf-files";
import { CliError } from "../cli-error";

export function formatValidationReport(report: TCsafFilesReport): string {
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.valid) {
      lines.push(`valid    ${r.file}`);
      continue;
    }
    const tests = new Set(r.errors.map((e) => e.test)).size;
    lines.push(`INVALID  ${r.file} (${tests === 1 ? "1 test" : `${tests} tests`} failed)`);
    for (const e of r.errors) lines.push(`  ${e.test.padEnd(8)} ${e.path || "/"}: ${e.message}`);
  }
  lines.push(`${report.valid} valid, ${report.invalid} invalid`);
  return `${lines.join("\n")}\n`;
}

async function readCsafJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export function formatDecision(d: TAffectedDecision): string {
  return [
    `affected: ${d.affected === null ? "null (cannot tell)" : String(d.affected)}`,
    `status: ${d.status ?? "-"}`,
    `vulnerability: ${d.vulnerability ?? "-"}`,
    `product: ${d.productId ?? "-"}${d.branch.length > 0 ? ` (${d.branch.map((b) => b.trim()).join(" > ")})` : ""}`,
    `range: ${d.range ? `${formatVersionRange(d.range)} [${d.range.scheme}]${d.range.note ? ` note: ${d.range.note}` : ""}` : "-"}`,
    `reason: ${d.reason}`,
    "",
  ].join("\n");
}

export function registerCsafCommands(program: Command) {
  const csaf = program.command("csaf").description("CSAF 2.0 advisories: validation and product decisions");

  csaf
    .command("validate")
    .description(
      "Validate CSAF 2.0 documents (strict schema + mandatory tests 6.1.x); exit 0 only if all are valid",
    )
    .argument("<paths...>", "files or folders (folders: every *.json, recursively)")
    .option("--json", 'print {"valid", "invalid", "results": [{"file", "valid", "errors"}]}')
    .action(async (paths: string[], options: { json?: boolean }) => {
      const report = await validateCsafFiles(paths);
      process.stdout.write(
        options.json ? `${JSON.stringify(report, null, 2)}\n` : formatValidationReport(report),
      );
      process.exitCode = report.invalid === 0 ? 0 : 2;
    });

  csaf
    .command("affected")
    .description("Is this vendor/product/version affected by the advisory? true, false or null (cannot tell)")
    .argument("<file>", "a CSAF 2.0 document")
    .requiredOption("--vendor <vendor>", "vendor name (normalised like catalog matching)")
    .requiredOption("--product <product>", "product name")
    .requiredOption("--version <version>", "the version to decide, e.g. V2.9.1 or 22.10 SP6")
    .option("--json", "print the decision as JSON")
    .action(
      async (file: string, options: { vendor: string; product: string; version: string; json?: boolean }) => {
        const doc = await readCsafJson(file);
        const d = decideAffected(doc, {
          vendor: options.vendor,
          product: options.product,
          version: options.version,
        });
        process.stdout.write(options.json ? `${JSON.stringify(d, null, 2)}\n` : formatDecision(d));
      },
    );
}
