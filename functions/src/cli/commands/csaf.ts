import { readFile } from "node:fs/promises";
import path from "node:path";
import { decideAffected, formatVersionRange, type TAffectedDecision } from "@assure/shared";
import { Presets, SingleBar } from "cli-progress";
import { type Command, Option } from "commander";
import {
  apiTarget,
  IMPORT_RESULTS,
  type ImportItemResult,
  ImportState,
  type ImportTarget,
  runImport,
  type TImportResultKind,
} from "../../csaf/import/run-import";
import { createSourceReader } from "../../csaf/import/sources";
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

  registerCsafImportCommand(csaf);
}

export interface CsafImportOptions {
  local?: boolean;
  apiUrl?: string;
  strict?: boolean;
  concurrency: string;
  state?: string;
  progress?: boolean;
  json?: boolean;
}

/** One line per rejected or failed document, then the counts. */
export function formatImportReport(results: ImportItemResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.outcome !== "rejected" && r.outcome !== "failed" && !r.warnings?.length) continue;
    const label = r.outcome === "rejected" ? "REJECTED" : r.outcome === "failed" ? "FAILED  " : "WARNING ";
    lines.push(`${label} ${r.location}`);
    for (const e of r.errors ?? [])
      lines.push(
        `  ${(e.test ?? "").padEnd(8)} ${e.path || (e.test ? "/" : "")}${e.path || e.test ? ": " : ""}${e.message}`,
      );
    for (const w of r.outcome === "rejected" || r.outcome === "failed" ? [] : (r.warnings ?? []))
      lines.push(`  conformance warning ${w}`);
  }
  lines.push(summaryLine(countOutcomes(results)));
  return `${lines.join("\n")}\n`;
}

export function countOutcomes(results: ImportItemResult[]): Record<TImportResultKind, number> {
  const counts = Object.fromEntries(IMPORT_RESULTS.map((k) => [k, 0])) as Record<TImportResultKind, number>;
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}

const summaryLine = (c: Record<TImportResultKind, number>) =>
  `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.older} older, ${c.skipped} skipped (done before), ${c.rejected} rejected, ${c.failed} failed`;

async function importTarget(
  options: CsafImportOptions,
): Promise<{ target: ImportTarget; close: () => void; where: string }> {
  if (options.local) {
    const { localImportTarget } = await import("../../csaf/import/local-target");
    return localImportTarget({ strict: options.strict ?? false });
  }
  const apiUrl = options.apiUrl ?? process.env.ASSURE_API_URL;
  const token = process.env.ASSURE_API_KEY;
  if (!apiUrl || !token) {
    throw new CliError(
      "Set ASSURE_API_URL and ASSURE_API_KEY (an API key with advisories:write, or a token) to import through the API, " +
        "or use --local to load into the local stack (npm start) directly.",
    );
  }
  return {
    target: apiTarget({
      apiUrl,
      token,
      strict: options.strict ?? false,
      fetch: (url, init) => fetch(url, init),
    }),
    close: () => undefined,
    where: apiUrl,
  };
}

export function registerCsafImportCommand(csaf: Command) {
  csaf
    .command("import")
    .description(
      "Import CSAF 2.0 advisories from files, folders, a provider-metadata.json, a ROLIE feed or a directory index " +
        "(index.txt, changes.csv), by path or URL; resumable and idempotent",
    )
    .argument(
      "<sources...>",
      "files, folders, or URLs/paths of provider-metadata.json, a ROLIE feed, index.txt or changes.csv",
    )
    .option("--local", "write directly into the local stack (npm start) as the platform, instead of the API")
    .option("--api-url <url>", "the API (default: $ASSURE_API_URL); the key comes from $ASSURE_API_KEY")
    .option("--strict", "reject documents with cosmetic conformance failures (6.1.11) too")
    .option("--concurrency <n>", "documents in flight", "4")
    .option("--state <file>", "resume state (default: .assure-csaf-import.json in the current folder)")
    .addOption(new Option("--no-progress", "no progress bar"))
    .option("--json", "print the results as JSON")
    .action(async (sources: string[], options: CsafImportOptions) => {
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
        throw new CliError("--concurrency must be a whole number from 1 to 32.");
      }
      const reader = createSourceReader((url, init) => fetch(url, init));
      const documents = [];
      for (const source of sources) {
        try {
          documents.push(...(await reader.expand(source)));
        } catch (error) {
          throw new CliError(`cannot read ${source}: ${(error as Error).message}`);
        }
      }
      if (documents.length === 0) throw new CliError("the sources name no documents");
      const { target, close, where } = await importTarget(options);
      const state = new ImportState(path.resolve(options.state ?? ".assure-csaf-import.json"));
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      const bar =
        options.progress !== false && process.stderr.isTTY
          ? new SingleBar(
              {
                format: "importing [{bar}] {value}/{total} | {eta_formatted} left | {last}",
                stream: process.stderr,
                hideCursor: true,
              },
              Presets.shades_classic,
            )
          : undefined;
      if (!bar && !options.json)
        process.stderr.write(`importing ${documents.length} documents into ${where}\n`);
      bar?.start(documents.length, 0, { last: "" });
      let results: ImportItemResult[];
      try {
        results = await runImport({
          documents,
          target,
          state,
          concurrency,
          signal: controller.signal,
          onProgress: (done, _total, last) =>
            bar?.update(done, { last: `${last.trackingId ?? path.basename(last.location)} ${last.outcome}` }),
        });
      } finally {
        bar?.stop();
        process.removeListener("SIGINT", stop);
        close();
      }
      if (controller.signal.aborted)
        process.stderr.write("interrupted: run the same command again to resume\n");
      const counts = countOutcomes(results);
      process.stdout.write(
        options.json ? `${JSON.stringify({ counts, results }, null, 2)}\n` : formatImportReport(results),
      );
      process.exitCode = counts.rejected > 0 || counts.failed > 0 || controller.signal.aborted ? 2 : 0;
    });
}
