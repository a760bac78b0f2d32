/**
 * A version model for the versions industrial vendors actually publish: `V23Q3`, `1.106L`, `2020_R2_SP1_P01`,
 * `R16B PC3`, `22.10-SP6`, `V17 Update 6`, `15.2(6)E2a`. A version is a sequence of numbers and words; the
 * separators between them (`.`, `_`, `-`, space, parentheses) carry no meaning, so `R16B_PC3` == `R16B PC3`.
 *
 * Order, element by element, with the end of a version as its own element:
 *   pre-release word (alpha, beta, rc…) < end < other word (SP, Update, HF, letters) < number
 * so `1.2 beta` < `1.2` < `1.2 SP1` < `1.2.1`. Trailing zeros of a run of numbers are dropped (`1.2.0` == `1.2`,
 * `V17.0 Update 6` == `V17 Update 6`). This is a total order; the property tests in version.test.ts check it.
 */

export type TVersionElement =
  | { kind: "num"; digits: string }
  | { kind: "word"; word: string; pre: boolean }
  | { kind: "max" };

export type TVersion = {
  raw: string;
  /** Canonical elements (trailing zeros of each number run dropped). */
  elements: TVersionElement[];
  /** Elements as written, for prefix bounds (`12.0.*` must not become `12.*`). */
  written: TVersionElement[];
  /** Written with a trailing wildcard: `1.x`, `12.2.*`, `4.0.X`. */
  wildcard: boolean;
};

const WORD_SYNONYMS: Record<string, string> = {
  update: "update",
  upd: "update",
  u: "update",
  servicepack: "sp",
  hotfix: "hf",
  patch: "p",
  release: "r",
  rel: "r",
  revision: "rev",
  featurepack: "fp",
};

const PRE_RELEASE = new Set(["alpha", "beta", "rc", "pre", "preview", "dev", "snapshot"]);

/** Words allowed in a version besides short (≤ 3 letters) ones; anything longer is prose, not a version. */
const KNOWN_WORDS = new Set([
  ...Object.keys(WORD_SYNONYMS),
  ...PRE_RELEASE,
  "build",
  "sp",
  "hf",
  "fp",
  "cu",
  "ru",
  "mr",
  "ga",
  "rev",
  "security",
]);

/** Longer text is not a version (the element limit below is 80 characters); refusing it first bounds the work. */
export const MAX_VERSION_LENGTH = 128;

const SEMVER = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function stripZeros(digits: string): string {
  const s = digits.replace(/^0+/, "");
  return s === "" ? "0" : s;
}

function tokenize(text: string, preAll: boolean): TVersionElement[] | null {
  const out: TVersionElement[] = [];
  let glued = 0;
  for (const m of text.matchAll(/(\d+)|([a-z]+)|([^a-z\d]+)/g)) {
    // `1SAP500900R0101`, `a3b04b7bc48`: many letter/digit switches without a separator is an id, not a version.
    glued = m[3] === undefined ? glued + 1 : 0;
    if (glued > 4) return null;
    if (m[1] !== undefined) out.push({ kind: "num", digits: stripZeros(m[1]) });
    else if (m[2] !== undefined) {
      const word = WORD_SYNONYMS[m[2]] ?? m[2];
      if (word.length > 3 && !KNOWN_WORDS.has(word)) return null;
      out.push({ kind: "word", word, pre: preAll || PRE_RELEASE.has(word) });
    } else if (!/^[\s._\-()/+{}:,~]+$/.test(m[3] ?? "")) return null;
  }
  return out;
}

function canonical(elements: TVersionElement[]): TVersionElement[] {
  const out: TVersionElement[] = [];
  const flush = (runStart: number) => {
    while (out.length > runStart) {
      const last = out[out.length - 1]!;
      if (last.kind === "num" && last.digits === "0") out.pop();
      else break;
    }
  };
  let runStart = 0;
  for (const e of elements) {
    if (e.kind !== "num") {
      flush(runStart);
      out.push(e);
      runStart = out.length;
    } else out.push(e);
  }
  flush(runStart);
  return out;
}

/**
 * Parses one version; `null` when the text is not a version (prose, a date, a model number with spaces).
 * A version starts with a digit, optionally after `V`, `R` or "Version", or with a prefix of at most two letters
 * glued to a digit (`A.01`, `BT02`, `SP3`). Scheme `semver` follows SemVer 2.0 (pre-release before release,
 * build metadata ignored).
 */
export function parseVersion(raw: string, scheme: "generic" | "semver" = "generic"): TVersion | null {
  const trimmed = raw.trim();
  // Checked before any pattern runs: the patterns below backtrack on long runs of digits and separators.
  if (trimmed.length > MAX_VERSION_LENGTH) return null;
  let text = trimmed.replace(/^(?:version|ver\.?|rev\.?|release)\s*/i, "").replace(/^[vVrR](?=\s?\d)\s?/, "");
  let wildcard = false;
  // `1.x`, `12.2.*`, `4.0.X`, `2.3x` are wildcards; `1.597X` (upper case, no separator) is a letter suffix.
  const wild = /^(.*\d)(?:(?:[.\s_-][xX*])+|x|\*)$/.exec(text);
  if (wild) {
    text = wild[1]!;
    wildcard = true;
  }
  text = text
    .toLowerCase()
    .replace(/service[\s_-]*pack/g, "sp")
    .replace(/feature[\s_-]*pack/g, "fp");
  if (text === "*" || text === "" || text.length > 80) return null;
  if (!/^(?:\d|[a-z]{1,2}[.\s_-]?\d)/.test(text)) return null;
  let written: TVersionElement[] | null;
  if (scheme === "semver") {
    const m = SEMVER.exec(text);
    if (!m) return null;
    const core = tokenize(m[1]!, false);
    const pre = m[2] === undefined ? [] : tokenize(m[2], true);
    written = core && pre ? [...core, ...pre] : null;
  } else written = tokenize(text, false);
  if (!written || written.length === 0) return null;
  // More than a handful of words is prose that happens to start with a number.
  if (written.filter((e) => e.kind === "word").length > 6) return null;
  return { raw, elements: canonical(written), written, wildcard };
}

function rank(e: TVersionElement | undefined): number {
  if (e === undefined) return 2;
  if (e.kind === "word") return e.pre ? 1 : 3;
  return e.kind === "num" ? 4 : 5;
}

export function compareElements(a: readonly TVersionElement[], b: readonly TVersionElement[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const r = rank(x) - rank(y);
    if (r !== 0) return Math.sign(r);
    if (x?.kind === "num" && y?.kind === "num") {
      if (x.digits.length !== y.digits.length) return Math.sign(x.digits.length - y.digits.length);
      if (x.digits !== y.digits) return x.digits < y.digits ? -1 : 1;
    } else if (x?.kind === "word" && y?.kind === "word" && x.word !== y.word) return x.word < y.word ? -1 : 1;
  }
  return 0;
}

/** Total order on versions: negative, 0 or positive. */
export function compareVersions(a: TVersion, b: TVersion): number {
  return compareElements(a.elements, b.elements);
}

/** Upper end of a wildcard: greater than every version that starts with the written prefix. */
export function prefixUpper(v: TVersion): TVersionElement[] {
  return [...v.written, { kind: "max" }];
}
