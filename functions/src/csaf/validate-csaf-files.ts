import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { TCsafFailure } from "./types";
import { validateCsaf } from "./validate-csaf";

export type TCsafFileResult = { file: string; valid: boolean; errors: TCsafFailure[] };
export type TCsafFilesReport = { valid: number; invalid: number; results: TCsafFileResult[] };

/** Files in the given order; folders contribute their *.json files recursively, sorted. */
async function expand(p: string): Promise<string[] | TCsafFileResult> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(p);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT" ? "no such file or directory" : `cannot read: ${(error as Error).message}`;
    return { file: p, valid: false, errors: [{ test: "input", path: "", message }] };
  }
  if (!info.isDirectory()) return [p];
  const entries = await readdir(p, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".json"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function validateFile(file: string): Promise<TCsafFileResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return {
      file,
      valid: false,
      errors: [{ test: "input", path: "", message: `cannot read: ${(error as Error).message}` }],
    };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return {
      file,
      valid: false,
      errors: [{ test: "input", path: "", message: `not JSON: ${(error as Error).message}` }],
    };
  }
  const result = validateCsaf(doc);
  return { file, ...result };
}

/**
 * Validates CSAF files and folders. Unreadable paths and non-JSON files are reported as invalid results with
 * test "input", so one bad file does not hide the others.
 */
export async function validateCsafFiles(paths: string[]): Promise<TCsafFilesReport> {
  const results: TCsafFileResult[] = [];
  for (const p of paths) {
    const files = await expand(p);
    if (!Array.isArray(files)) {
      results.push(files);
      continue;
    }
    if (files.length === 0) {
      results.push({
        file: p,
        valid: false,
        errors: [{ test: "input", path: "", message: "no *.json files in this folder" }],
      });
    }
    for (const file of files) results.push(await validateFile(file));
  }
  const valid = results.filter((r) => r.valid).length;
  return { valid, invalid: results.length - valid, results };
}
