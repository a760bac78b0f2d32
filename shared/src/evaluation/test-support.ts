import type { TEvaluationComponent, TEvaluationInput } from "./evaluation-input";
import type { TAssetResult, TEvaluationResult } from "./evaluation-result";

/** Builders for small evaluation documents in tests: one zone "z1" unless a test adds more. */

export const EVALUATION_DATE = "2026-06-01";

export function component(
  id: string,
  slC: number[] | undefined,
  extra: Partial<NonNullable<TEvaluationComponent["claim"]>> & {
    componentType?: TEvaluationComponent["componentType"];
  } = {},
): TEvaluationComponent {
  const { componentType = "EDR", ...claim } = extra;
  return slC === undefined ? { id, componentType } : { id, componentType, claim: { slC, ...claim } };
}

export function documentWith(overrides: Partial<TEvaluationInput> = {}): TEvaluationInput {
  return {
    evaluationDate: EVALUATION_DATE,
    components: [component("c1", [2, 2, 2, 2, 2, 2, 2])],
    zones: [{ id: "z1", slT: [2, 2, 2, 2, 2, 2, 2], assets: [{ id: "a1", componentId: "c1" }] }],
    ...overrides,
  };
}

export function findAsset(result: TEvaluationResult, assetId: string): TAssetResult {
  for (const group of [...result.zones, ...result.conduits]) {
    const asset = group.assets.find((candidate) => candidate.id === assetId);
    if (asset) return asset;
  }
  throw new Error(`asset ${assetId} not in result`);
}

export function verdictsOf(result: TEvaluationResult, assetId: string): string[] {
  return findAsset(result, assetId).perFr.map((entry) => entry.verdict);
}
