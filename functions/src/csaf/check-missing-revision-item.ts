import type { TCsafFailure } from "./types";

const PATH = "/document/tracking/revision_history";

function major(number: string): number | null {
  const m = /^(0|[1-9]\d*)(?:\.|$)/.exec(number);
  return m ? Number(m[1]) : null;
}

/** Integer versions compare numerically; semantic versions by major.minor.patch (pre-release sorts first). */
function compareNumbers(a: string, b: string): number {
  const parse = (s: string) => {
    const [core = "", pre] = s.split("+")[0]!.split(/-(.*)/s);
    return { parts: core.split(".").map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/**
 * CSAF 2.0 §6.1.21 Missing Item in Revision History. Own implementation because csaf-validator-lib 2.0.10
 * sorts items with equal dates unstably and so rejects the OASIS valid examples 6-1-14-12 and 6-1-16-16/17;
 * items with the same date are ordered by their number, as §6.1.14 implies.
 */
export function checkMissingRevisionItem(doc: unknown): TCsafFailure[] {
  const history = (doc as { document?: { tracking?: { revision_history?: unknown } } } | null)?.document
    ?.tracking?.revision_history;
  if (!Array.isArray(history)) return [];
  const items: { date: number; number: string }[] = [];
  for (const item of history as unknown[]) {
    const { date, number } = (item ?? {}) as { date?: unknown; number?: unknown };
    if (typeof date !== "string" || typeof number !== "string") return [];
    const time = Date.parse(date);
    if (Number.isNaN(time)) return [];
    items.push({ date: time, number });
  }
  items.sort((a, b) => a.date - b.date || compareNumbers(a.number, b.number));
  const majors = [...new Set(items.map((i) => major(i.number)))];
  if (majors.length === 0 || majors.some((m) => m === null)) return [];
  const failures: TCsafFailure[] = [];
  const first = majors[0]!;
  if (first !== 0 && first !== 1) {
    failures.push({
      test: "6.1.21",
      path: PATH,
      message: `the revision history sorted by date starts with version ${first}, not 0 or 1`,
    });
  }
  for (let i = 1; i < majors.length; i++) {
    const expected = majors[i - 1]! + 1;
    if (majors[i]! > expected) {
      failures.push({
        test: "6.1.21",
        path: PATH,
        message: `version ${expected} is missing from the revision history`,
      });
    }
  }
  return failures;
}
