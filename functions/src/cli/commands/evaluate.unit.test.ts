import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error";
import { evaluateDocumentFile } from "./evaluate";

const repositoryRoot = resolve(import.meta.dirname, "../../../..");
const workDirectory = mkdtempSync(join(tmpdir(), "assure-evaluate-"));
const flat = (level: number) => [level, level, level, level, level, level, level];
const validDocument = {
  evaluationDate: "2026-06-01",
  components: [{ id: "plc", componentType: "EDR", claim: { slC: [2, 2, 2, 2, 1, 2, 2] } }],
  zones: [{ id: "cell", slT: flat(2), assets: [{ id: "plc-1", componentId: "plc" }] }],
};
const invalidDocument = {
  evaluationDate: "2026-06-01",
  components: [],
  zones: [{ id: "cell", slT: [2, 2], assets: [{ id: "plc-1", componentId: "ghost" }] }],
};

function writeTemporary(name: string, content: string): string {
  const path = join(workDirectory, name);
  writeFileSync(path, content);
  return path;
}

async function cliErrorOf(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return error;
}

describe("evaluateDocumentFile", () => {
  it("evaluates a document file", async () => {
    const result = await evaluateDocumentFile(writeTemporary("valid.json", JSON.stringify(validDocument)));
    expect(result.zones[0]?.assets[0]?.perFr.map((entry) => entry.verdict)).toEqual([
      "meets",
      "meets",
      "meets",
      "meets",
      "gap",
      "meets",
      "meets",
    ]);
  });

  it('reads standard input for "-"', async () => {
    const result = await evaluateDocumentFile("-", async () => JSON.stringify(validDocument));
    expect(result.zones[0]?.compliant).toBe(false);
  });

  it("lists every problem of an invalid document with its JSON path", async () => {
    const error = await cliErrorOf(
      evaluateDocumentFile(writeTemporary("invalid.json", JSON.stringify(invalidDocument))),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain("is not a valid evaluation document (2 problems)");
    expect(error.message).toContain("\n  $.zones[0].slT: must list seven levels, FR1 to FR7\n");
    expect(error.message).toContain(
      '\n  $.zones[0].assets[0].componentId: unknown component "ghost" (not in components)',
    );
  });

  it("names a single problem in the singular", async () => {
    const document = { ...invalidDocument, zones: [{ ...invalidDocument.zones[0], slT: flat(1) }] };
    const error = await cliErrorOf(evaluateDocumentFile("-", async () => JSON.stringify(document)));
    expect(error.message).toBe(
      'standard input is not a valid evaluation document (1 problem):\n  $.zones[0].assets[0].componentId: unknown component "ghost" (not in components)',
    );
  });

  it.each([
    ["a missing file", join(workDirectory, "missing.json"), /cannot read .*missing\.json: no such file/],
    [
      "a directory",
      (() => {
        const path = join(workDirectory, "folder");
        mkdirSync(path, { recursive: true });
        return path;
      })(),
      /cannot read .*folder: it is a directory/,
    ],
    ["malformed JSON", writeTemporary("broken.json", "{ zones: "), /broken\.json is not valid JSON/],
  ])("exits 2 with a clear message for %s", async (_, file, message) => {
    const error = await cliErrorOf(evaluateDocumentFile(file));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });
});

describe("assure evaluate (process)", () => {
  const assure = (...args: string[]) =>
    spawnSync(
      join(repositoryRoot, "node_modules/.bin/tsx"),
      ["functions/src/cli/main.ts", "evaluate", ...args],
      {
        cwd: repositoryRoot,
        encoding: "utf8",
        timeout: 60_000,
      },
    );

  it("prints the result as JSON and exits 0", () => {
    const run = assure(writeTemporary("ok.json", JSON.stringify(validDocument)));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      formatVersion: 1,
      zones: [{ id: "cell", slA: [2, 2, 2, 2, 1, 2, 2] }],
    });
  });

  it("exits 2 with the problems on stderr and nothing on stdout", () => {
    const run = assure(writeTemporary("bad.json", JSON.stringify(invalidDocument)));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("assure: ");
    expect(run.stderr).toContain("$.zones[0].slT: must list seven levels");
  });
}, 120_000);
