import { z } from "zod";
import { rowIdsBetweenLevels } from "./applicable-requirements";
import type { TRaiseProfile, TRaiseSource } from "./apply-countermeasures";
import type { TComponentCapability } from "./resolve-component-capability";
import { frLabel, MAX_SECURITY_LEVEL } from "./security-levels";
import type { TReason } from "./verdict-reason";

/** Worst first, so a higher index is a better verdict. */
export const VERDICTS = ["gap", "covered", "meets"] as const;
export const ZVerdict = z.enum(VERDICTS);
export type TVerdict = z.infer<typeof ZVerdict>;

export function verdictRank(verdict: TVerdict): number {
  return VERDICTS.indexOf(verdict);
}

export type TFrVerdict = {
  fr: number;
  slT: number;
  slC: number;
  /** SL-C raised by the best applicable countermeasure. */
  effective: number;
  verdict: TVerdict;
  reasons: TReason[];
};

const LEVELS = MAX_SECURITY_LEVEL + 1;
const levelKey = (fr: number, slC: number, slT: number) => ((fr - 1) * LEVELS + slC) * LEVELS + slT;

// Reasons depend on few inputs, so they are built once and shared by every verdict citing them; callers treat
// results as immutable. This keeps a 10,000-asset plant well inside the engine's time budget.
const meetsReasons: TReason[] = [];
const capabilityReasons = new WeakMap<TComponentCapability, TReason[]>();
const sourceReasons = new WeakMap<TRaiseSource, TReason[]>();

function meetsReason(fr: number, slC: number, slT: number): TReason {
  const key = levelKey(fr, slC, slT);
  let reason = meetsReasons[key];
  if (!reason) {
    reason = Object.freeze({
      code: "capability_meets_target",
      message: `${frLabel(fr)}: SL-C ${slC} meets SL-T ${slT}.`,
      fr,
      slC,
      slT,
    });
    meetsReasons[key] = reason;
  }
  return reason;
}

/** The rows that keep the component below the target: not met ones if listed, else those above its level. */
function rowsToReachTarget(capability: TComponentCapability, fr: number, slT: number): string[] {
  const unmet = capability.unmetByFr[fr - 1];
  if (unmet) return unmet.filter((row) => row.minSl <= slT).map((row) => row.id);
  if (!capability.componentType) return [];
  return rowIdsBetweenLevels(capability.componentType, fr, capability.slC[fr - 1] ?? 0, slT);
}

function belowTargetReason(capability: TComponentCapability, fr: number, slT: number): TReason {
  let cache = capabilityReasons.get(capability);
  if (!cache) {
    cache = [];
    capabilityReasons.set(capability, cache);
  }
  const key = (fr - 1) * LEVELS + slT;
  let reason = cache[key];
  if (!reason) {
    const slC = capability.slC[fr - 1] ?? 0;
    const requirementIds = rowsToReachTarget(capability, fr, slT);
    const rows = requirementIds.length > 0 ? ` (requirements to reach it: ${requirementIds.join(", ")})` : "";
    const message = capability.hasClaim
      ? `${frLabel(fr)}: SL-C ${slC} is below SL-T ${slT}${rows}.`
      : `${frLabel(fr)}: component ${capability.componentId} has no claim, so SL-T ${slT} is not shown to be met${rows}.`;
    reason = Object.freeze({
      code: "capability_below_target",
      message,
      fr,
      slC,
      slT,
      requirementIds,
      componentId: capability.componentId,
    });
    cache[key] = reason;
  }
  return reason;
}

function describeSource(source: TRaiseSource): string {
  if (source.conduitCount !== undefined) {
    const conduits =
      source.conduitCount === 1
        ? "the zone's only conduit"
        : `all ${source.conduitCount} conduits of the zone`;
    return `countermeasure ${source.countermeasureId} on conduit ${source.conduitId} (${conduits} carry one; this is the weakest)`;
  }
  return `${source.scope} countermeasure ${source.countermeasureId}`;
}

function countermeasureReason(source: TRaiseSource, fr: number, slT: number): TReason {
  let cache = sourceReasons.get(source);
  if (!cache) {
    cache = [];
    sourceReasons.set(source, cache);
  }
  const key = (fr - 1) * LEVELS + slT;
  let reason = cache[key];
  if (!reason) {
    const covers = source.raisesTo >= slT;
    reason = Object.freeze({
      code: covers ? "covered_by_countermeasure" : "countermeasure_insufficient",
      message: covers
        ? `${frLabel(fr)}: raised to SL${source.raisesTo} by ${describeSource(source)}, meeting SL-T ${slT}.`
        : `${frLabel(fr)}: ${describeSource(source)} raises it only to SL${source.raisesTo}, below SL-T ${slT}.`,
      fr,
      slT,
      raisesTo: source.raisesTo,
      countermeasureId: source.countermeasureId,
      countermeasureScope: source.scope,
      ...(source.conduitId === undefined ? {} : { conduitId: source.conduitId }),
    });
    cache[key] = reason;
  }
  return reason;
}

/**
 * One asset, one FR: meets when SL-C reaches SL-T; covered when countermeasures raise the effective level to
 * SL-T; otherwise a gap (a component without a claim has SL-C 0). The effective level never drops below SL-C.
 */
export function judgeFrVerdict(
  fr: number,
  slT: number,
  capability: TComponentCapability,
  raise: TRaiseProfile,
): TFrVerdict {
  const i = fr - 1;
  const slC = capability.slC[i] ?? 0;
  const raisedTo = raise.levels[i] ?? 0;
  const effective = Math.max(raisedTo, slC);
  const derivationReason = capability.derivationReasonByFr[i] ?? null;
  const reasons: TReason[] = [];
  let verdict: TVerdict;
  if (slC >= slT) {
    verdict = "meets";
    reasons.push(meetsReason(fr, slC, slT));
  } else {
    verdict = effective >= slT ? "covered" : "gap";
    reasons.push(belowTargetReason(capability, fr, slT));
    const source = raise.sources[i];
    if (source && raisedTo > slC) reasons.push(countermeasureReason(source, fr, slT));
  }
  if (derivationReason) reasons.push(derivationReason);
  return { fr, slT, slC, effective, verdict, reasons };
}
