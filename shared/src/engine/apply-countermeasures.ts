import type { COUNTERMEASURE_KINDS } from "../domain/countermeasure";
import type { TResponsibleParty } from "./resolve-component-capability";
import { FR_COUNT } from "./security-levels";
import type { TCountermeasureScopeKind } from "./verdict-reason";

export type TCountermeasureScope = { asset: string } | { zone: string } | { conduit: string };

export type TCountermeasureKind = (typeof COUNTERMEASURE_KINDS)[number];

/**
 * The highest level a procedural countermeasure (a rule, a procedure, training) reaches: SL 2 and above guard
 * against intentional violation, which procedures alone do not stop.
 */
export const PROCEDURAL_RAISE_CAP = 1;

/**
 * A compensating countermeasure: raises the effective level of the FRs it names to `raisesTo` (a procedural
 * one to SL 1 at most; `kind` defaults to technical).
 */
export type TCountermeasure = {
  id: string;
  scope: TCountermeasureScope;
  frs: readonly number[];
  raisesTo: number;
  kind?: TCountermeasureKind | undefined;
  responsibleParty?: TResponsibleParty | undefined;
  description?: string | undefined;
};

/** Where a raised level comes from, shared by every verdict that cites it. */
export type TRaiseSource = {
  countermeasureId: string;
  scope: TCountermeasureScopeKind;
  /** The level it reaches: `raisesTo`, capped for a procedural countermeasure. */
  raisesTo: number;
  /** Set when the level was capped: the `raisesTo` the countermeasure states. */
  statedRaisesTo?: number;
  /** The conduit carrying the countermeasure, for conduit scope. */
  conduitId?: string;
  /** Set when a zone's assets are raised because every conduit into the zone carries a countermeasure. */
  conduitCount?: number;
};

/** Per FR (index fr − 1) the best level countermeasures reach and which one reaches it. */
export type TRaiseProfile = {
  readonly levels: readonly number[];
  readonly sources: readonly (TRaiseSource | null)[];
};

export const NO_RAISE: TRaiseProfile = Object.freeze({
  levels: Object.freeze([0, 0, 0, 0, 0, 0, 0]),
  sources: Object.freeze([null, null, null, null, null, null, null]),
});

export function scopeOf(countermeasure: TCountermeasure): {
  kind: TCountermeasureScopeKind;
  targetId: string;
} {
  const { scope } = countermeasure;
  if ("asset" in scope) return { kind: "asset", targetId: scope.asset };
  if ("zone" in scope) return { kind: "zone", targetId: scope.zone };
  return { kind: "conduit", targetId: scope.conduit };
}

export type TCountermeasureIndex = Record<TCountermeasureScopeKind, Map<string, TCountermeasure[]>>;

/** Groups countermeasures by the asset, zone or conduit they apply to, so lookups are O(1) per target. */
export function indexCountermeasures(countermeasures: readonly TCountermeasure[]): TCountermeasureIndex {
  const index: TCountermeasureIndex = { asset: new Map(), zone: new Map(), conduit: new Map() };
  for (const countermeasure of countermeasures) {
    const { kind, targetId } = scopeOf(countermeasure);
    const group = index[kind].get(targetId);
    if (group) group.push(countermeasure);
    else index[kind].set(targetId, [countermeasure]);
  }
  return index;
}

/** The level a countermeasure reaches: what it states, and SL 1 at most for a procedural one. */
export function credibleRaise(countermeasure: Pick<TCountermeasure, "raisesTo" | "kind">): number {
  return countermeasure.kind === "procedural"
    ? Math.min(countermeasure.raisesTo, PROCEDURAL_RAISE_CAP)
    : countermeasure.raisesTo;
}

/**
 * The best level per FR that a set of countermeasures reaches; ties keep the first listed. A procedural
 * countermeasure counts as SL 1 at most; when nothing else reaches higher, the capped one is kept as the source
 * so the verdict can say why it falls short.
 */
export function raiseFromCountermeasures(
  countermeasures: readonly TCountermeasure[] | undefined,
): TRaiseProfile {
  if (!countermeasures || countermeasures.length === 0) return NO_RAISE;
  const levels = [0, 0, 0, 0, 0, 0, 0];
  const sources: (TRaiseSource | null)[] = [null, null, null, null, null, null, null];
  for (const countermeasure of countermeasures) {
    const { kind, targetId } = scopeOf(countermeasure);
    const raisesTo = credibleRaise(countermeasure);
    const source: TRaiseSource = {
      countermeasureId: countermeasure.id,
      scope: kind,
      raisesTo,
      ...(raisesTo < countermeasure.raisesTo ? { statedRaisesTo: countermeasure.raisesTo } : {}),
      ...(kind === "conduit" ? { conduitId: targetId } : {}),
    };
    for (const fr of countermeasure.frs) {
      const i = fr - 1;
      if (i >= 0 && i < FR_COUNT && raisesTo > (levels[i] ?? 0)) {
        levels[i] = raisesTo;
        sources[i] = source;
      }
    }
  }
  return { levels, sources };
}

/** Per FR the higher of two profiles; the left one wins ties (more specific scopes go left). */
export function combineRaises(left: TRaiseProfile, right: TRaiseProfile): TRaiseProfile {
  if (right === NO_RAISE) return left;
  if (left === NO_RAISE) return right;
  const levels: number[] = [];
  const sources: (TRaiseSource | null)[] = [];
  for (let i = 0; i < FR_COUNT; i++) {
    const takeRight = (right.levels[i] ?? 0) > (left.levels[i] ?? 0);
    levels.push((takeRight ? right.levels[i] : left.levels[i]) ?? 0);
    sources.push((takeRight ? right.sources[i] : left.sources[i]) ?? null);
  }
  return { levels, sources };
}

/**
 * What conduit countermeasures give the assets of a zone: per FR the weakest of the zone's conduits, because
 * traffic can enter through any of them. A conduit without a countermeasure for an FR leaves that FR at 0;
 * a zone without conduits gets nothing. See docs/adr/0004-countermeasure-scopes.md.
 */
export function raiseThroughEveryConduit(conduitRaises: readonly TRaiseProfile[]): TRaiseProfile {
  if (conduitRaises.length === 0) return NO_RAISE;
  const levels: number[] = [];
  const sources: (TRaiseSource | null)[] = [];
  for (let i = 0; i < FR_COUNT; i++) {
    let weakest: TRaiseProfile | undefined;
    for (const raise of conduitRaises) {
      if (weakest === undefined || (raise.levels[i] ?? 0) < (weakest.levels[i] ?? 0)) weakest = raise;
    }
    const level = weakest?.levels[i] ?? 0;
    const source = weakest?.sources[i];
    levels.push(level);
    sources.push(level > 0 && source ? { ...source, conduitCount: conduitRaises.length } : null);
  }
  return { levels, sources };
}
