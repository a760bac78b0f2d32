import { z } from "zod";
import { compareElements, parseVersion, prefixUpper, type TVersion, type TVersionElement } from "./version";

export const ZVersionBound = z.object({
  /** The version as written; a trailing wildcard (`12.2.*`) widens the bound to the whole prefix. */
  version: z.string(),
  inclusive: z.boolean(),
});
export type TVersionBound = z.infer<typeof ZVersionBound>;

export const ZVersionInterval = z.object({
  lower: ZVersionBound.nullable(),
  upper: ZVersionBound.nullable(),
});
export type TVersionInterval = z.infer<typeof ZVersionInterval>;

/** A parsed range: the union of `intervals`, minus `excluded`. An interval with no bounds is "all versions". */
export const ZVersionRange = z.object({
  source: z.string(),
  /** `vers:<scheme>` for vers strings, `text` for free text and CISA shorthand. */
  scheme: z.string(),
  intervals: z.array(ZVersionInterval),
  excluded: z.array(z.string()),
  /** Text the parser set aside: parenthetical remarks, conditions ("if CAMS is used"). */
  note: z.string().nullable(),
  /** The source hedges ("may also be affected", per-branch maxima): a version outside is "cannot tell". */
  uncertainOutside: z.boolean(),
});
export type TVersionRange = z.infer<typeof ZVersionRange>;

type TOp = "<" | "<=" | ">" | ">=" | "=" | "!=";
type TConstraint = { op: TOp; raw: string; v: TVersion };

const isUpper = (op: TOp) => op === "<" || op === "<=";
const isLower = (op: TOp) => op === ">" || op === ">=";

function versionScheme(scheme: string): "generic" | "semver" {
  return scheme === "vers:semver" || scheme === "vers:npm" ? "semver" : "generic";
}

/** The elements a bound compares against (a wildcard bound covers its whole prefix). */
function boundKey(v: TVersion, side: "lower" | "upper", inclusive: boolean): TVersionElement[] {
  if (!v.wildcard) return v.elements;
  return (side === "upper") === inclusive ? prefixUpper(v) : v.elements;
}

function constraintKey(c: TConstraint): TVersionElement[] {
  return boundKey(c.v, isUpper(c.op) ? "upper" : "lower", c.op.length === 2);
}

const bound = (c: TConstraint): TVersionBound => ({
  version: c.raw,
  inclusive: c.op === "<=" || c.op === ">=",
});

/** `19.0.1` → `19.0.*`: the release line a per-branch maximum belongs to. */
function branchOf(raw: string): string | null {
  const m = /^(.*?\d)[.\s_-]*\d+\D*$/.exec(raw.trim());
  return m ? `${m[1]}.*` : null;
}

/**
 * Turns constraints into intervals with the `vers` algorithm (sort; `=` are points; a leading upper bound is
 * open below; then lower/upper pairs; a trailing lower bound is open above). A list of only upper bounds is
 * read per release line and hedged; any other non-alternating list is ambiguous and yields null.
 */
function toIntervals(
  constraints: TConstraint[],
  freeText: boolean,
): { intervals: TVersionInterval[]; excluded: string[]; uncertain: boolean } | null {
  const intervals: TVersionInterval[] = [];
  const excluded: string[] = [];
  const comps: TConstraint[] = [];
  for (const c of constraints) {
    if (c.op === "=")
      intervals.push({
        lower: { version: c.raw, inclusive: true },
        upper: { version: c.raw, inclusive: true },
      });
    else if (c.op === "!=") excluded.push(c.raw);
    else comps.push(c);
  }
  if (freeText) {
    // Written as "lower | upper" with lower > upper is a typo in the source, not an empty or inverted range.
    for (let i = 0; i + 1 < comps.length; i++) {
      const a = comps[i]!;
      const b = comps[i + 1]!;
      if (isLower(a.op) && isUpper(b.op) && compareElements(constraintKey(a), constraintKey(b)) > 0)
        return null;
    }
  }
  const sorted = comps
    .map((c, i) => ({ c, i }))
    .sort((x, y) => compareElements(constraintKey(x.c), constraintKey(y.c)) || x.i - y.i)
    .map((x) => x.c);
  if (sorted.length >= 2 && sorted.every((c) => isUpper(c.op))) {
    if (!freeText) return null;
    sorted.forEach((c, i) => {
      const line = i === 0 ? null : branchOf(c.raw);
      if (i > 0 && line === null) return;
      intervals.push({ lower: line === null ? null : { version: line, inclusive: true }, upper: bound(c) });
    });
    return intervals.length === sorted.length ? { intervals, excluded, uncertain: true } : null;
  }
  let i = 0;
  if (sorted[0] && isUpper(sorted[0].op)) {
    intervals.push({ lower: null, upper: bound(sorted[0]) });
    i = 1;
  }
  for (; i < sorted.length; i += 2) {
    const lo = sorted[i]!;
    const hi = sorted[i + 1];
    if (!isLower(lo.op)) return null;
    if (hi === undefined) intervals.push({ lower: bound(lo), upper: null });
    else if (!isUpper(hi.op)) return null;
    else intervals.push({ lower: bound(lo), upper: bound(hi) });
  }
  return { intervals, excluded, uncertain: false };
}

function parseConstraint(piece: string, scheme: "generic" | "semver"): TConstraint | null {
  const m = /^(<=|>=|!=|<|>|=)?\s*(.+)$/.exec(piece.trim());
  if (!m) return null;
  const raw = m[2]!.trim();
  const v = parseVersion(raw, scheme);
  return v ? { op: (m[1] ?? "=") as TOp, raw, v } : null;
}

/** `>=V1.0<V1.1`, `>=V7.80_<V9.30`, `>=V2.0 and <V2.5` → separate constraints. */
function splitAdjacent(s: string): string {
  return s
    .replace(/\s+and\s+(?=[<>=])/gi, " | ")
    .replace(/([^\s<>=!|])[\s_]*(?=(?:<=|>=|<|>)\s*[vVrR]?\.?\d)/g, "$1 | ");
}

function parseConstraintList(body: string, scheme: "generic" | "semver"): TConstraint[] | null {
  const out: TConstraint[] = [];
  for (const piece of splitAdjacent(body).split("|")) {
    const c = parseConstraint(piece, scheme);
    if (!c) return null;
    out.push(c);
  }
  return out;
}

const ALL: TVersionInterval[] = [{ lower: null, upper: null }];

function parseVers(source: string, m: RegExpExecArray): TVersionRange | null {
  const scheme = `vers:${m[1]!.toLowerCase()}`;
  const body = decodeURIComponentSafe(m[2]!.trim());
  const base = { source, scheme, excluded: [], note: null, uncertainOutside: false };
  if (body === "*") return { ...base, intervals: ALL };
  const constraints = parseConstraintList(body, versionScheme(scheme));
  const built = constraints && toIntervals(constraints, false);
  return built ? { ...base, intervals: built.intervals, excluded: built.excluded } : null;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const HEDGE = /\b(may|might|possibly|could|also|other)\b/i;

/** Parenthetical remarks that are not part of a version (`15.3(3)` is; `2.0 (Build 683)` is not). */
function takeNotes(s: string, notes: string[]): string {
  let rest = s;
  for (;;) {
    const m = /(^|[\s,;-])\(([^()]*(?:\([^()]*\)[^()]*)*)\)/.exec(rest);
    if (!m) break;
    notes.push(m[2]!.trim());
    rest = `${rest.slice(0, m.index)}${m[1]} ${rest.slice(m.index + m[0].length)}`;
  }
  return rest
    .replace(/[\s,;-]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "… with Ethernet interface", "… only if web components are used": a condition, kept as a note. */
function takeCondition(s: string, notes: string[]): string {
  const m =
    /(?:^|\s+)((?:with|only|on|in|of|when|if|using|including|installed|running)\s.*)$/i.exec(s) ??
    /\s+(and\s+(?!(?:later|newer|above|higher|greater|after|prior|earlier|older|below|before)\b)[A-Za-z]{3,}.*)$/i.exec(
      s,
    );
  if (!m) return s;
  notes.push(m[1]!.trim());
  return s.slice(0, m.index).trim();
}

const NOT_A_LABEL =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|date|production|serial|numbers?|digits?|the|first|distributed|with|and|or|of|all|versions?|shipped)\b/i;
const LABEL = "[A-Za-z][\\w-]*(?: [A-Za-z][\\w-]*){0,2}";
const LABEL_FIRST = new RegExp(`^(<=|>=|<|>|=)?\\s*(${LABEL}) ([vVrR]?\\d.*)$`);
const LABEL_OP = new RegExp(`^(${LABEL}) (<=|>=|<|>|=) ?([vVrR]?\\d.*)$`);

/**
 * `<BIOS_V22.01.08`, `NMC2 <= 6.9.6`, `< PI Vision 2020`: a label names which version is meant. The constraint is
 * kept and the label goes into the notes; dates and serial numbers are not labels.
 */
function unlabel(piece: string, notes: string[]): string {
  const a = LABEL_FIRST.exec(piece);
  const b = a ? null : LABEL_OP.exec(piece);
  const [op, label, version] = a ? [a[1] ?? "", a[2]!, a[3]!] : b ? [b[2]!, b[1]!, b[3]!] : [];
  if (label === undefined || version === undefined) return piece;
  if (NOT_A_LABEL.test(label) || parseVersion(label) || !parseVersion(version)) return piece;
  notes.push(`${label} version`);
  return `${op} ${version}`;
}

/** Rewrites prose and CISA shorthand into `op version | …` ("*" = all versions). */
function rewriteProse(s: string, notes: string[]): string {
  let t = s.replace(/^all versions?\s*/i, "").trim();
  if (t === "" || t === "*") return "*";
  t = t.replace(/^(?:prior to|before|earlier than|older than)\s+/i, "< ");
  t = t.replace(/^up to(?: and including)?\s+/i, "<= ");
  t = t.replace(/^(?:versions?\s+)?([^\s<>=]+)\s+(?:to|through|-)\s+([^\s<>=]+)$/i, ">= $1 | <= $2");
  t = t.replace(/^(.+?)\s+(?:and|or)\s+(?:prior|earlier|older|below|before)(?:\s+versions?)?$/i, "<= $1");
  t = t.replace(
    /^(.+?)\s+(?:and|or)\s+(?:later|newer|above|higher|greater|after)(?:\s+versions?)?$/i,
    ">= $1",
  );
  // "A <= B": the version interval from A to B.
  t = t.replace(/^([^<>=|!]+?)\s*(<=?)\s*([^<>=|]+)$/, (all, a: string, op: string, b: string) =>
    parseVersion(a) ? `>= ${a} | ${op} ${b}` : all,
  );
  // Enumerations: "V1.1, V1.2, and V1.3", "A | B | and C".
  t = t.replace(/\|\s*and\s+/gi, "| ");
  if (!/[<>=]/.test(t)) t = t.replace(/\s*,\s*(?:and\s+)?|\s+and\s+/gi, " | ");
  // "2018 SP3 Version 3.4.430.460": the same release under a second name.
  t = t.replace(/^([^|]*\d[^|]*?)\s+(version\s+\d[^|]*)$/i, (_all, a: string, b: string) => {
    notes.push(b);
    return a;
  });
  return t
    .split("|")
    .map((piece) => unlabel(piece.trim(), notes))
    .join(" | ");
}

/**
 * The longest range string the parser reads (after trimming). Real ranges are far shorter (the longest of ~2,500
 * distinct CISA ranges is 247 characters, and it does not parse); a longer one is "cannot tell". The bound keeps
 * every pattern below linear in practice: none of them sees more than this many characters, so a hostile import
 * cannot make one range cost more than a fixed, small amount of work.
 */
export const MAX_RANGE_LENGTH = 256;

/**
 * Parses a product version range: `vers:` strings (including the non-standard `vers:all/<V3.0` and missing `|`),
 * CISA shorthand (`<= 1.280`, `=<8.5`, `>=V7.80_<V9.30`, `1.32|1.33|1.35`, `>= 1.0 | <= 1.32`) and prose ("All
 * versions < V4.33", "prior to 2.1", "V2.0 and later"). A bare version is that version. Returns null when the text
 * does not say which versions it means: callers must treat that as "cannot tell", never guess.
 */
export function parseVersionRange(input: string): TVersionRange | null {
  const source = input;
  const trimmed = input.trim();
  if (trimmed === "" || trimmed.length > MAX_RANGE_LENGTH) return null;
  const vers = /^vers:([a-z0-9.+-]*)\/(.*)$/is.exec(trimmed);
  if (vers) return parseVers(source, vers);
  let s = trimmed.replace(/_/g, " ").replace(/\s+/g, " ").replace(/=</g, "<=").replace(/=>/g, ">=");
  if (/<>/.test(s)) return null;
  s = s.replace(/^(<=|>=|<|>|=)?\s*vers:\/?\s*/i, "$1");
  s = s.replace(/^(<=|>=|<|>|=)\s*\(([^()]+)\)$/, "$1 $2");
  const between = /^(?:all versions )?between (.+?) \((in|ex)cluding\) and (.+?) \((in|ex)cluding\)$/i.exec(
    s,
  );
  if (between) {
    s = `${between[2] === "in" ? ">=" : ">"} ${between[1]} | ${between[4] === "in" ? "<=" : "<"} ${between[3]}`;
  }
  const notes: string[] = [];
  s = takeCondition(takeNotes(s, notes), notes);
  if (/[()]/.test(s.replace(/\d\([^()]*\)/g, ""))) return null;
  const excluded: string[] = [];
  const kept: string[] = [];
  for (const note of notes) {
    const ex = /^(?:excluding|except)\s+(.+)$/i.exec(note);
    if (!ex) {
      kept.push(note);
      continue;
    }
    for (const v of ex[1]!.split(/\s*,\s*|\s+and\s+/)) {
      if (!parseVersion(v)) return null;
      excluded.push(v.trim());
    }
  }
  const text = rewriteProse(s, kept);
  const note = kept.length > 0 ? kept.join("; ") : null;
  const hedged = note !== null && HEDGE.test(note);
  if (text === "*")
    return { source, scheme: "text", intervals: ALL, excluded, note, uncertainOutside: hedged };
  const constraints = parseConstraintList(text, "generic");
  const built = constraints && toIntervals(constraints, true);
  if (!built || built.intervals.length === 0) return null;
  return {
    source,
    scheme: "text",
    intervals: built.intervals,
    excluded: [...excluded, ...built.excluded],
    note,
    uncertainOutside: hedged || built.uncertain,
  };
}

function inInterval(v: TVersion, interval: TVersionInterval, scheme: "generic" | "semver"): boolean | null {
  for (const [side, b] of [
    ["lower", interval.lower],
    ["upper", interval.upper],
  ] as const) {
    if (b === null) continue;
    const bv = parseVersion(b.version, scheme);
    if (!bv) return null;
    const cmp = compareElements(v.elements, boundKey(bv, side, b.inclusive));
    if (side === "lower" ? cmp < 0 || (cmp === 0 && !b.inclusive) : cmp > 0 || (cmp === 0 && !b.inclusive)) {
      return false;
    }
  }
  return true;
}

/** Is `version` in `range`? null = cannot tell (the version does not parse, or the range hedges). */
export function rangeContains(range: TVersionRange, version: string): boolean | null {
  const scheme = versionScheme(range.scheme);
  const v = parseVersion(version, scheme);
  if (!v) return range.intervals.some((i) => i.lower === null && i.upper === null) ? true : null;
  for (const ex of range.excluded) {
    const e = parseVersion(ex, scheme);
    if (e && compareElements(v.elements, e.elements) === 0) return false;
  }
  let unknown = false;
  for (const interval of range.intervals) {
    const inside = inInterval(v, interval, scheme);
    if (inside === true) return true;
    if (inside === null) unknown = true;
  }
  return unknown || range.uncertainOutside ? null : false;
}

/** A human-readable form of the parsed range, e.g. `>= 1.0 & <= 1.32 | = 2.0`. */
export function formatVersionRange(range: TVersionRange): string {
  const parts = range.intervals.map((i) => {
    if (i.lower === null && i.upper === null) return "*";
    if (i.lower && i.upper && i.lower.version === i.upper.version && i.lower.inclusive && i.upper.inclusive) {
      return `= ${i.lower.version}`;
    }
    const lo = i.lower ? `${i.lower.inclusive ? ">=" : ">"} ${i.lower.version}` : "";
    const hi = i.upper ? `${i.upper.inclusive ? "<=" : "<"} ${i.upper.version}` : "";
    return [lo, hi].filter(Boolean).join(" & ");
  });
  const ex = range.excluded.map((e) => `!= ${e}`);
  return [...parts, ...ex].join(" | ");
}
