import type { TEvaluationInput } from "../../shared/src/evaluation/evaluation-input";

/**
 * The floor: one pass that only reads what the engine reads (every asset's component levels against its zone
 * target, every countermeasure and advisory) and folds it into a checksum so the work cannot be optimised away.
 */
export function readPlantBaseline(document: TEvaluationInput): number {
  const levels = new Map<string, readonly number[]>();
  for (const component of document.components)
    levels.set(component.id, component.claim?.slC ?? [0, 0, 0, 0, 0, 0, 0]);
  let checksum = 0;
  for (const countermeasure of document.countermeasures ?? [])
    checksum += countermeasure.raisesTo * countermeasure.frs.length;
  for (const zone of document.zones) {
    for (const asset of zone.assets ?? []) {
      const slC = levels.get(asset.componentId);
      for (let i = 0; i < 7; i++) checksum += Math.max(0, (zone.slT[i] ?? 0) - (slC?.[i] ?? 0));
      for (const advisory of asset.advisories ?? []) checksum += advisory.fixApplied ? 1 : 2;
    }
  }
  return checksum;
}
