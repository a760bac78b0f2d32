import { z } from "zod";
import {
  listAdvisoryProducts,
  type TAdvisoryProduct,
  type TProductStatusEntry,
} from "./list-advisory-products";
import { normalizeProduct, vendorsMatch } from "./normalize-name";
import { compareVersions, parseVersion } from "./version";
import { formatVersionRange, rangeContains, ZVersionRange } from "./version-range";

export const ZAffectedDecision = z.object({
  /** true: affected; false: not affected (fixed, not affected, outside every range, or not listed); null: cannot tell. */
  affected: z.boolean().nullable(),
  vulnerability: z.string().nullable(),
  productId: z.string().nullable(),
  branch: z.array(z.string()),
  range: ZVersionRange.nullable(),
  status: z.string().nullable(),
  reason: z.string(),
});
export type TAffectedDecision = z.infer<typeof ZAffectedDecision>;

export type TAffectedQuery = { vendor: string; product: string; version: string };

const FIXED = new Set(["fixed", "first_fixed", "known_not_affected", "recommended"]);
const AFFECTED = new Set(["known_affected", "first_affected", "last_affected"]);

/** Does this product entry cover `version` for this status? first_/last_ statuses bound a line of versions. */
function covers(p: TAdvisoryProduct, status: TProductStatusEntry["status"], version: string): boolean | null {
  const range = p.versionSpec.range;
  if (!range) return null;
  const edge =
    status === "first_affected" || status === "first_fixed" ? 1 : status === "last_affected" ? -1 : 0;
  if (edge !== 0 && p.versionSpec.kind === "exact" && p.versionSpec.raw !== null) {
    const v = parseVersion(version);
    const e = parseVersion(p.versionSpec.raw);
    if (!v || !e) return null;
    return Math.sign(compareVersions(v, e)) !== -edge;
  }
  return rangeContains(range, version);
}

/** Products that name this vendor and product: exact normalised product first, else containment either way. */
export function findProducts(
  products: TAdvisoryProduct[],
  vendor: string,
  product: string,
): TAdvisoryProduct[] {
  const ofVendor = products.filter((p) => p.vendor !== null && vendorsMatch(p.vendor, vendor));
  const key = normalizeProduct(product, vendor);
  const exact = ofVendor.filter((p) => p.productNorm === key);
  if (exact.length > 0 || key === "") return exact;
  const padded = ` ${key} `;
  return ofVendor.filter(
    (p) => p.productNorm && (` ${p.productNorm} `.includes(padded) || padded.includes(` ${p.productNorm} `)),
  );
}

function decision(
  affected: boolean | null,
  p: TAdvisoryProduct | null,
  s: TProductStatusEntry | null,
  reason: string,
): TAffectedDecision {
  return {
    affected,
    vulnerability: s?.vulnerability ?? null,
    productId: p?.productId ?? null,
    branch: p?.branch ?? [],
    range: p?.versionSpec.range ?? null,
    status: s?.status ?? null,
    reason,
  };
}

const describe = (p: TAdvisoryProduct) =>
  p.versionSpec.range ? formatVersionRange(p.versionSpec.range) : JSON.stringify(p.versionSpec.raw);

/**
 * Is (vendor, product, version) affected by this advisory? Per vulnerability, a `fixed`/`first_fixed`/
 * `known_not_affected`/`recommended` entry that covers the version decides first (not affected), then an
 * affected entry that covers it (affected); `under_investigation` or an unreadable range → null. Across
 * vulnerabilities any "affected" wins, then any "cannot tell". A product the advisory does not list is not
 * affected by it.
 */
export function decideAffected(doc: unknown, query: TAffectedQuery): TAffectedDecision {
  const products = findProducts(listAdvisoryProducts(doc), query.vendor, query.product);
  if (products.length === 0) {
    return decision(
      false,
      null,
      null,
      `the advisory lists no product "${query.product}" of vendor "${query.vendor}"`,
    );
  }
  return decideForProducts(products, query.version);
}

/**
 * The same decision over products already found (e.g. the products a catalog component matched): the rules
 * of decideAffected for one version. At least one product is expected; none means "not listed" (false).
 */
export function decideForProducts(products: TAdvisoryProduct[], version: string): TAffectedDecision {
  if (products.length === 0) return decision(false, null, null, "the advisory lists no such product");
  const query = { version };
  const vulns = [...new Set(products.flatMap((p) => p.statuses.map((s) => s.vulnerability)))];
  if (vulns.length === 0) {
    return decision(null, products[0]!, null, "the advisory lists the product but gives it no status");
  }
  let unknown: TAffectedDecision | null = null;
  let notAffected: TAffectedDecision | null = null;
  for (const vuln of vulns) {
    const entries = products.flatMap((p) =>
      p.statuses
        .filter((s) => s.vulnerability === vuln)
        .map((s) => ({ p, s, c: covers(p, s.status, query.version) })),
    );
    const fixed = entries.find((e) => FIXED.has(e.s.status) && e.c === true);
    if (fixed) {
      notAffected ??= decision(
        false,
        fixed.p,
        fixed.s,
        `${fixed.s.status} covers ${query.version} (${describe(fixed.p)})`,
      );
      continue;
    }
    const hit = entries.find((e) => AFFECTED.has(e.s.status) && e.c === true);
    if (hit) {
      const note = hit.p.versionSpec.range?.note;
      return decision(
        true,
        hit.p,
        hit.s,
        `${hit.s.status}: ${query.version} is in ${describe(hit.p)}${note ? ` (note: ${note})` : ""}`,
      );
    }
    const open = entries.find((e) => e.s.status === "under_investigation" && e.c !== false);
    const unreadable = entries.find((e) => e.c === null);
    if (open || unreadable) {
      const e = (open ?? unreadable)!;
      unknown ??= decision(
        null,
        e.p,
        e.s,
        open ? "under investigation" : `cannot tell whether ${query.version} is in ${describe(e.p)}`,
      );
      continue;
    }
    const first = entries[0]!;
    notAffected ??= decision(false, first.p, first.s, `${query.version} is outside every listed range`);
  }
  return unknown ?? notAffected ?? decision(false, products[0]!, null, "no status covers this version");
}
