import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../catalog/reference-location";
import { evaluate } from "./evaluate";
import { ZEvaluationResult } from "./evaluation-result";
import { parseEvaluationInput } from "./parse-evaluation-input";

/** The worked examples (reference material beside the checkout): $ASSURE_EXAMPLES (the `evaluate` folder or its parent) or ../shared/examples. */
function findExamplesDirectory(): string | undefined {
  const configured = process.env.ASSURE_EXAMPLES;
  const candidates = configured
    ? [join(configured, "evaluate"), configured]
    : [resolve(REPOSITORY_ROOT, "../shared/examples/evaluate")];
  return candidates.find(
    (candidate) =>
      existsSync(candidate) && readdirSync(candidate).some((file) => file.endsWith(".input.json")),
  );
}

type TExpectedExcerpt = {
  expected_excerpt: {
    zones: {
      id: string;
      slT?: number[];
      slA: number[];
      compliant: boolean;
      assets: { id: string; atRisk?: boolean; perFr: string[] }[];
    }[];
  };
};

const examplesDirectory = findExamplesDirectory();
if (!examplesDirectory) console.warn("evaluation examples skipped: examples not found (set ASSURE_EXAMPLES)");
const exampleNames = examplesDirectory
  ? readdirSync(examplesDirectory)
      .filter((file) => file.endsWith(".input.json"))
      .map((file) => file.replace(/\.input\.json$/, ""))
      .filter((name) => existsSync(join(examplesDirectory, `${name}.expected.json`)))
  : [];
const readJson = (file: string): unknown =>
  JSON.parse(readFileSync(join(examplesDirectory ?? "", file), "utf8"));

describe.runIf(examplesDirectory)("worked examples", () => {
  it("finds the examples", () => {
    expect(exampleNames).toEqual(expect.arrayContaining(["water-treatment", "expired-certificate", "rigor"]));
  });

  it.each(exampleNames)("%s gives the expected verdicts", (name) => {
    const parsed = parseEvaluationInput(readJson(`${name}.input.json`));
    if (!parsed.ok) throw new Error(`example ${name} is invalid: ${JSON.stringify(parsed.issues)}`);
    const result = ZEvaluationResult.parse(evaluate(parsed.input));
    const expected = (readJson(`${name}.expected.json`) as TExpectedExcerpt).expected_excerpt;
    const actual = expected.zones.map((expectedZone) => {
      const zone = result.zones.find((candidate) => candidate.id === expectedZone.id);
      return {
        id: zone?.id,
        ...(expectedZone.slT ? { slT: zone?.slT } : {}),
        slA: zone?.slA,
        compliant: zone?.compliant,
        assets: expectedZone.assets.map((expectedAsset) => {
          const asset = zone?.assets.find((candidate) => candidate.id === expectedAsset.id);
          return {
            id: asset?.id,
            ...(expectedAsset.atRisk === undefined ? {} : { atRisk: asset?.atRisk }),
            perFr: asset?.perFr.map((entry) => entry.verdict),
          };
        }),
      };
    });
    expect(actual).toEqual(expected.zones);
  });
});
