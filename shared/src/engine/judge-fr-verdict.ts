import { z } from "zod";
import { rowIdsBetweenLevels } from "./applicable-requirements";
import { PROCEDURAL_RAISE_CAP, type TRaiseProfile, type TRaiseSource } from "./apply-countermeasures";
import type { TComponentCapability } from "./resolve-component-capability";
import { FR_COUNT, frLabel, MAX_SECURITY_LEVEL } from "./security-levels";
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

function belowTargetReason(
  capability: TComponentCapability,
  fr: number,
  slT: number,
  memo: TVerdictMemo,
): TReason {
  const key = (fr - 1) * LEVELS + slT;
  let reason = memo.belowTarget[key];
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
    memo.belowTarget[key] = reason;
  }
  return reason;
}

function describeSource(source: TRaiseSource): string {
  if (source.statedRaisesTo !== undefined) return `procedural ${describePlace(source)}`;
  return describePlace(source);
}

function describePlace(source: TRaiseSource): string {
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
    const capped = source.statedRaisesTo !== undefined;
    const cap = capped
      ? ` (it states SL${source.statedRaisesTo}; a procedural countermeasure raises an FR to SL${PROCEDURAL_RAISE_CAP} at most)`
      : "";
    reason = Object.freeze({
      code: covers
        ? "covered_by_countermeasure"
        : capped
          ? "countermeasure_procedural_cap"
          : "countermeasure_insufficient",
      message: covers
        ? `${frLabel(fr)}: raised to SL${source.raisesTo} by ${describeSource(source)}, meeting SL-T ${slT}${cap}.`
        : `${frLabel(fr)}: ${describeSource(source)} raises it only to SL${source.raisesTo}, below SL-T ${slT}${cap}.`,
      fr,
      slT,
      raisesTo: source.raisesTo,
      ...(capped ? { statedRaisesTo: source.statedRaisesTo } : {}),
      countermeasureId: source.countermeasureId,
      countermeasureScope: source.scope,
      ...(source.conduitId === undefined ? {} : { conduitId: source.conduitId }),
    });
    cache[key] = reason;
  }
  return reason;
}

const meetsVerdicts: TFrVerdict[] = [];

/**
 * A met target with nothing component-specific to cite depends only on the levels, so one frozen verdict per
 * (FR, SL-C, SL-T, effective) serves every component and every evaluation: at most 7 × 5³ of them.
 */
function sharedMeetsVerdict(fr: number, slC: number, slT: number, effective: number): TFrVerdict {
  const key = levelKey(fr, slC, slT) * LEVELS + effective;
  let verdict = meetsVerdicts[key];
  if (!verdict) {
    const reasons = Object.freeze([meetsReason(fr, slC, slT)]) as TReason[];
    verdict = Object.freeze({ fr, slT, slC, effective, verdict: "meets", reasons }) as TFrVerdict;
    meetsVerdicts[key] = verdict;
  }
  return verdict;
}

/**
 * A component's shared verdicts by (FR, SL-T, effective level) and its below-target reasons by (FR, SL-T). An
 * evaluation keeps one per component and passes it to judgeFrVerdict; other callers get one kept by component.
 */
export type TVerdictMemo = {
  /** Per FR index, by SL-T × LEVELS + effective; an FR's table is created when first needed. */
  readonly verdicts: ((TFrVerdict | undefined)[] | undefined)[];
  readonly belowTarget: (TReason | undefined)[];
};
const verdictMemos = new WeakMap<TComponentCapability, TVerdictMemo>();

export function createVerdictMemo(): TVerdictMemo {
  return { verdicts: new Array(FR_COUNT), belowTarget: new Array(FR_COUNT * LEVELS) };
}

export function verdictMemoOf(capability: TComponentCapability): TVerdictMemo {
  let memo = verdictMemos.get(capability);
  if (!memo) {
    memo = createVerdictMemo();
    verdictMemos.set(capability, memo);
  }
  return memo;
}

/**
 * One asset, one FR: meets when SL-C reaches SL-T; covered when countermeasures raise the effective level to
 * SL-T; otherwise a gap (a component without a claim is a gap on every FR that no countermeasure covers; a
 * procedural countermeasure counts as SL 1 at most). The effective level never drops below SL-C.
 * Unless a countermeasure is what lifts it to SL-T, the verdict depends only on the component, FR, SL-T and
 * effective level, so it is built once and shared (frozen) by every asset with the same inputs: a plant has far
 * fewer distinct verdicts than asset × FR pairs, and allocating less is what keeps 10,000 assets fast. Covered
 * and short-of-target raised verdicts cite a zone's own countermeasure and rarely repeat, so they are built each
 * time.
 */
export function judgeFrVerdict(
  fr: number,
  slT: number,
  capability: TComponentCapability,
  raise: TRaiseProfile,
  memo: TVerdictMemo = verdictMemoOf(capability),
): TFrVerdict {
  const i = fr - 1;
  const slC = capability.slC[i] ?? 0;
  const raisedTo = raise.levels[i] ?? 0;
  const source = raise.sources[i] ?? null;
  if (!capability.hasClaim) return noClaimVerdict(fr, slT, capability, memo, raisedTo > 0 ? source : null);
  // Below target, a raise is cited with its zone-specific countermeasure, so that verdict is not shared; so is a
  // procedural countermeasure held to SL 1, even where that cap leaves it no higher than SL-C.
  if (slC < slT && source && (raisedTo > slC || source.statedRaisesTo !== undefined))
    return buildFrVerdict(fr, slT, slC, capability, memo, source);
  const effective = Math.max(raisedTo, slC);
  if (slC >= slT && !capability.derivationReasonByFr[i] && !capability.certificateReasonByFr?.[i])
    return sharedMeetsVerdict(fr, slC, slT, effective);
  const key = slT * LEVELS + effective;
  let verdicts = memo.verdicts[i];
  if (!verdicts) {
    verdicts = new Array(LEVELS * LEVELS);
    memo.verdicts[i] = verdicts;
  }
  let verdict = verdicts[key];
  if (!verdict) {
    verdict = buildFrVerdict(fr, slT, slC, capability, memo, null, effective);
    Object.freeze(verdict.reasons);
    verdicts[key] = Object.freeze(verdict);
  }
  return verdict;
}

function buildFrVerdict(
  fr: number,
  slT: number,
  slC: number,
  capability: TComponentCapability,
  memo: TVerdictMemo,
  source: TRaiseSource | null,
  effective = source ? Math.max(source.raisesTo, slC) : slC,
): TFrVerdict {
  const derivationReason = capability.derivationReasonByFr[fr - 1];
  const certificateReason = capability.certificateReasonByFr?.[fr - 1];
  let verdict: TVerdict;
  let reasons: TReason[];
  // Exact-size literals: verdicts are the bulk of a result, and grown arrays reserve spare slots.
  if (slC >= slT) {
    verdict = "meets";
    reasons = [meetsReason(fr, slC, slT)];
  } else {
    verdict = effective >= slT ? "covered" : "gap";
    const below = belowTargetReason(capability, fr, slT, memo);
    reasons = source ? [below, countermeasureReason(source, fr, slT)] : [below];
  }
  if (derivationReason) reasons.push(derivationReason);
  if (certificateReason) reasons.push(certificateReason);
  return { fr, slT, slC, effective, verdict, reasons };
}

/**
 * A component without a claim has no capability: every FR is a gap, whatever SL-T, and no countermeasure turns
 * it into covered (a countermeasure compensates a known shortfall). A countermeasure that would apply is cited
 * as not counting.
 */
function noClaimVerdict(
  fr: number,
  slT: number,
  capability: TComponentCapability,
  memo: TVerdictMemo,
  source: TRaiseSource | null,
): TFrVerdict {
  const i = fr - 1;
  let verdicts = memo.verdicts[i];
  if (!verdicts) {
    verdicts = new Array(LEVELS * LEVELS);
    memo.verdicts[i] = verdicts;
  }
  const cached = source ? undefined : verdicts[slT * LEVELS];
  if (cached) return cached;
  const what = capability.componentType ? "has no claim" : "is not in the document";
  const noClaim = Object.freeze({
    code: "no_claim",
    message: `${frLabel(fr)}: no claim. Component ${capability.componentId} ${what}, so its capability is unknown, and unknown is a gap.`,
    fr,
    slC: 0,
    slT,
    componentId: capability.componentId,
  }) as TReason;
  const reasons: TReason[] = [noClaim];
  if (source) {
    reasons.push({
      code: "countermeasure_without_claim",
      message: `${frLabel(fr)}: ${describeSource(source)} does not count here: a countermeasure compensates a known shortfall, and this component's capability is unknown.`,
      fr,
      slT,
      raisesTo: source.raisesTo,
      countermeasureId: source.countermeasureId,
      countermeasureScope: source.scope,
      ...(source.conduitId === undefined ? {} : { conduitId: source.conduitId }),
    });
  }
  const verdict: TFrVerdict = { fr, slT, slC: 0, effective: 0, verdict: "gap", reasons };
  if (source) return verdict;
  Object.freeze(reasons);
  verdicts[slT * LEVELS] = Object.freeze(verdict);
  return verdict;
}
