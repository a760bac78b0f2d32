/**
 * Vendor and product name normalisation for matching. CISA's 1,655 advisories spell 336 vendors in branch
 * names alone ("Schneider Electric" / "Schneider Electric Software, LLC", "MOXA" / "Moxa", "GeutebrÃ¼ck"):
 * case, punctuation, mojibake, diacritics, legal suffixes and generic words are removed, then an alias table
 * maps the remaining known variants. The result is a comparison key, not a display name.
 */

/** Legal forms, removed at the end of a name (repeatedly: "Co., Ltd."). */
const LEGAL_SUFFIXES = new Set([
  "inc",
  "incorporated",
  "llc",
  "llp",
  "ltd",
  "ltda",
  "limited",
  "gmbh",
  "ag",
  "kg",
  "co",
  "company",
  "corp",
  "corporation",
  "sa",
  "spa",
  "srl",
  "sas",
  "sarl",
  "bv",
  "nv",
  "oy",
  "oyj",
  "ab",
  "as",
  "plc",
  "pte",
  "pty",
  "kk",
  "me",
  "se",
  "sro",
  "group",
  "holdings",
  // Left over from "GmbH & Co. KG".
  "and",
]);

/** Words that describe rather than name ("AVEVA Software", "Xiongmai Technology"); dropped only at the end. */
const GENERIC_TRAILERS = new Set(["software", "technology", "technologies", "systems", "solutions"]);

/** Known variants after the generic steps; keys and values are normalised keys. */
export const VENDOR_ALIASES: Readonly<Record<string, string>> = {
  ge: "general electric",
  "general electric ge": "general electric",
  phillips: "philips",
  "johnson contols": "johnson controls",
  "contolled electronic management": "controlled electronic management",
  "3s smart": "codesys",
  "3s smart software": "codesys",
  matrikonopc: "matrikon",
  "hangzhou xiongmai": "xiongmai",
  automationdirect: "automation direct",
  "trihedral engineering": "trihedral",
  "fr sauter": "sauter",
  "sauter controls": "sauter",
  "b and r industrial automation": "b and r",
  "becton dickinson and": "becton dickinson",
  "becton dickinson and bd": "becton dickinson",
  "lcds leao consultoria e desenvolvimento de sistemas": "lcds",
  sel: "schweitzer engineering laboratories",
};

/** UTF-8 read as Latin-1 ("GeutebrÃ¼ck") is common in converted advisories; undo it when it round-trips. */
function repairMojibake(s: string): string {
  if (!/[ÃÂ][\u0080-\u00bf]/.test(s)) return s;
  const bytes = Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));
  const decoded = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return decoded.includes("\ufffd") ? s : decoded;
}

/** Lower case, ASCII letters and digits only, single spaces; "&" and "+" become words. */
export function foldText(raw: string): string {
  return repairMojibake(raw)
    .replace(/[™®©]/g, " ")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\+/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function stripTrailing(words: string[], drop: ReadonlySet<string>): string[] {
  const out = [...words];
  while (out.length > 1 && drop.has(out[out.length - 1]!)) out.pop();
  return out;
}

function normalizeOne(raw: string): string {
  // Parenthesised acronyms and "(formerly …)" are commentary.
  const withoutParens = raw.replace(/\([^)]*\)/g, " ");
  let words = foldText(withoutParens).split(" ").filter(Boolean);
  words = stripTrailing(words, LEGAL_SUFFIXES);
  words = stripTrailing(words, GENERIC_TRAILERS);
  words = stripTrailing(words, LEGAL_SUFFIXES);
  const key = words.join(" ");
  return VENDOR_ALIASES[key] ?? key;
}

const KNOWN_VENDORS = new Set(Object.values(VENDOR_ALIASES));

/** "and" that joins two vendors, not words inside one name ("Hirschmann Automation and Control"). */
const VENDOR_AND = /\s+and\s+(?!(?:control|controls|company|co|sons)\b)/i;

/**
 * The vendors a vendor string names, normalised, primary first. "Kantech, Johnson Controls Inc." → ["kantech",
 * "johnson controls"]; "AVEVA Software, LLC and Schneider Electric Software, LLC" → ["aveva", "schneider
 * electric"]; a comma before a legal form ("Dahua Technology Co, Ltd") does not start a new vendor.
 */
export function vendorCandidates(raw: string): string[] {
  const whole = normalizeOne(raw);
  if (KNOWN_VENDORS.has(whole)) return [whole];
  const keys: string[] = [];
  for (const part of raw.replace(/\([^)]*\)/g, " ").split(/[,;]|\ba subsidiary of\b/i)) {
    for (const name of part.split(VENDOR_AND)) {
      if (
        foldText(name)
          .split(" ")
          .every((w) => LEGAL_SUFFIXES.has(w))
      )
        continue;
      const key = normalizeOne(name);
      if (key !== "" && !keys.includes(key)) keys.push(key);
    }
  }
  return keys.length > 0 ? keys : [whole];
}

/** The primary vendor key: the first vendor a string names ("Matrikon, Honeywell" → "matrikon"). */
export function normalizeVendor(raw: string): string {
  return vendorCandidates(raw)[0] ?? "";
}

/** Same vendor when any named vendor matches ("Kantech, Johnson Controls Inc." ~ "Johnson Controls"). */
export function vendorsMatch(a: string, b: string): boolean {
  const x = vendorCandidates(a);
  return vendorCandidates(b).some((k) => x.includes(k));
}

/**
 * Product key: folded text, with a leading vendor name removed ("Siemens SIMATIC S7-1500" → "simatic s7 1500")
 * and hyphen/space variants unified ("S7-1500" == "S7 1500").
 */
export function normalizeProduct(raw: string, vendor?: string): string {
  let key = foldText(raw.replace(/\((?:formerly|aka|also known as)[^)]*\)/gi, " "));
  if (vendor) {
    for (const v of [...vendorCandidates(vendor), foldText(vendor)]) {
      if (v !== "" && key.startsWith(`${v} `)) key = key.slice(v.length + 1);
    }
  }
  return key;
}
