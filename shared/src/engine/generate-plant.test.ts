import { describe, expect, it } from "vitest";
import { countPlant, generatePlant } from "../../../bench/lib/generate-plant";
import { readPlantBaseline } from "../../../bench/lib/read-plant-baseline";
import { evaluate } from "../evaluation/evaluate";
import { ZEvaluationResult } from "../evaluation/evaluation-result";
import { parseEvaluationInput } from "../evaluation/parse-evaluation-input";

// Not timed: checks that the benchmark's generator makes valid plants and that the engine evaluates them.
const smallPlant = { zones: 6, assetsPerZone: 8, components: 24, countermeasures: 12, advisories: 10 };

describe("benchmark plant generator with the engine", () => {
  const document = generatePlant(smallPlant, 7);

  it("generates a valid document of the requested size, the same for the same seed", () => {
    expect(parseEvaluationInput(document).ok).toBe(true);
    expect(countPlant(document)).toMatchObject({
      zones: 6,
      assets: 48,
      components: 24,
      countermeasures: 12,
      advisories: 10,
    });
    expect(generatePlant(smallPlant, 7)).toEqual(document);
    expect(generatePlant(smallPlant, 8)).not.toEqual(document);
  });

  it("evaluates every asset on every FR and flags exactly the assets with open advisories", () => {
    const result = ZEvaluationResult.parse(evaluate(document));
    expect(result.summary.assets).toBe(48);
    expect(result.summary.meets + result.summary.covered + result.summary.gap).toBe(48 * 7);
    const openAdvisoryAssets = document.zones
      .flatMap((zone) => zone.assets ?? [])
      .filter((asset) =>
        asset.advisories?.some((advisory) => advisory.status === "known_affected" && !advisory.fixApplied),
      );
    expect(result.summary.atRiskAssets).toBe(openAdvisoryAssets.length);
    expect(result.conduits.length).toBe(document.conduits?.length);
  });

  it("has a baseline loop that reads the whole plant", () => {
    const withoutAdvisories = {
      ...document,
      zones: document.zones.map((zone) => ({
        ...zone,
        assets: (zone.assets ?? []).map(({ advisories: _, ...asset }) => asset),
      })),
    };
    expect(readPlantBaseline(document)).toBeGreaterThan(readPlantBaseline(withoutAdvisories));
  });
});
