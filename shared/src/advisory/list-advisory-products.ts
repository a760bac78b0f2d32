import { z } from "zod";
import {
  type TCsafBranch,
  type TCsafDocument,
  type TFullProductName,
  type TProductStatusName,
  ZCsafDocument,
} from "./csaf-document";
import { normalizeProduct, normalizeVendor } from "./normalize-name";
import { parseVersionRange, ZVersionRange } from "./version-range";

export const ZVersionSpec = z.object({
  kind: z.enum(["exact", "range", "all", "unknown"]),
  /** The version text as the advisory wrote it; null when the product has no version branch. */
  raw: z.string().nullable(),
  /** Parsed form; null when the text cannot be read as versions ("cannot tell"). */
  range: ZVersionRange.nullable(),
});
export type TVersionSpec = z.infer<typeof ZVersionSpec>;

const STATUSES = [
  "first_affected",
  "first_fixed",
  "fixed",
  "known_affected",
  "known_not_affected",
  "last_affected",
  "recommended",
  "under_investigation",
] as const satisfies readonly TProductStatusName[];

export const ZProductStatusEntry = z.object({
  /** CVE id, else the first other id, else `#<index>` of the vulnerability. */
  vulnerability: z.string(),
  status: z.enum(STATUSES),
});
export type TProductStatusEntry = z.infer<typeof ZProductStatusEntry>;

export const ZAdvisoryProduct = z.object({
  productId: z.string(),
  name: z.string(),
  /** Branch names from the root to the product, e.g. ["Siemens", "SIMATIC S7-1500", "<V2.9"]. */
  branch: z.array(z.string()),
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  vendorNorm: z.string().nullable(),
  productNorm: z.string().nullable(),
  versionSpec: ZVersionSpec,
  identifiers: z.object({
    cpe: z.string().nullable(),
    purl: z.string().nullable(),
    modelNumbers: z.array(z.string()),
  }),
  /** For relationship products: the product this one is installed on / part of. */
  relatesTo: z.string().nullable(),
  statuses: z.array(ZProductStatusEntry),
});
export type TAdvisoryProduct = z.infer<typeof ZAdvisoryProduct>;

const VERSION_CATEGORIES = new Set(["product_version", "product_version_range"]);
const PRODUCT_CATEGORIES = new Set(["product_name", "product_family"]);

function versionSpec(raw: string | null, category: string | null): TVersionSpec {
  if (raw === null) return { kind: "all", raw: null, range: parseVersionRange("*") };
  const range = parseVersionRange(raw);
  if (!range) return { kind: "unknown", raw, range: null };
  const all = range.intervals.some((i) => i.lower === null && i.upper === null);
  const exact =
    category === "product_version" &&
    range.intervals.length === 1 &&
    range.intervals[0]!.lower?.version === range.intervals[0]!.upper?.version;
  return { kind: all ? "all" : exact ? "exact" : "range", raw, range };
}

function identifiers(p: TFullProductName) {
  const h = p.product_identification_helper;
  return { cpe: h?.cpe ?? null, purl: h?.purl ?? null, modelNumbers: h?.model_numbers ?? [] };
}

function vulnerabilityId(v: NonNullable<TCsafDocument["vulnerabilities"]>[number], index: number): string {
  return v.cve ?? v.ids?.[0]?.text ?? `#${index}`;
}

/**
 * Every product of a CSAF document with its branch (vendor → product name → version), normalised names,
 * parsed version spec, identifiers and its status in each vulnerability. Input is parsed with zod; a document
 * without a product tree yields an empty list.
 */
export function listAdvisoryProducts(input: unknown): TAdvisoryProduct[] {
  const doc = ZCsafDocument.parse(input);
  const statuses = new Map<string, TProductStatusEntry[]>();
  (doc.vulnerabilities ?? []).forEach((v, i) => {
    const id = vulnerabilityId(v, i);
    for (const status of STATUSES) {
      for (const pid of v.product_status?.[status] ?? []) {
        const list = statuses.get(pid) ?? [];
        list.push({ vulnerability: id, status });
        statuses.set(pid, list);
      }
    }
  });

  const out: TAdvisoryProduct[] = [];
  const byId = new Map<string, TAdvisoryProduct>();
  const add = (p: TAdvisoryProduct) => {
    out.push(p);
    byId.set(p.productId, p);
  };

  const walk = (branches: TCsafBranch[], path: TCsafBranch[]) => {
    for (const b of branches) {
      const here = [...path, b];
      if (b.product) {
        const vendor =
          [...here]
            .reverse()
            .find((x) => x.category === "vendor")
            ?.name.trim() ?? null;
        const productBranch = [...here].reverse().find((x) => PRODUCT_CATEGORIES.has(x.category));
        const versionBranch = VERSION_CATEGORIES.has(b.category) ? b : null;
        add({
          productId: b.product.product_id,
          name: b.product.name,
          branch: here.map((x) => x.name),
          vendor,
          product: productBranch?.name.trim() ?? null,
          vendorNorm: vendor === null ? null : normalizeVendor(vendor),
          productNorm: productBranch ? normalizeProduct(productBranch.name, vendor ?? undefined) : null,
          versionSpec: versionSpec(versionBranch?.name ?? null, versionBranch?.category ?? null),
          identifiers: identifiers(b.product),
          relatesTo: null,
          statuses: statuses.get(b.product.product_id) ?? [],
        });
      }
      walk(b.branches ?? [], here);
    }
  };
  walk(doc.product_tree?.branches ?? [], []);

  for (const p of doc.product_tree?.full_product_names ?? []) {
    add({
      productId: p.product_id,
      name: p.name,
      branch: [],
      vendor: null,
      product: p.name,
      vendorNorm: null,
      productNorm: normalizeProduct(p.name),
      versionSpec: { kind: "unknown", raw: null, range: null },
      identifiers: identifiers(p),
      relatesTo: null,
      statuses: statuses.get(p.product_id) ?? [],
    });
  }
  // A relationship product ("A installed on B") is product A in a context; it inherits A's identity.
  for (const r of doc.product_tree?.relationships ?? []) {
    const base = byId.get(r.product_reference);
    const p = r.full_product_name;
    add({
      ...(base ?? {
        branch: [],
        vendor: null,
        product: p.name,
        vendorNorm: null,
        productNorm: normalizeProduct(p.name),
        versionSpec: { kind: "unknown" as const, raw: null, range: null },
      }),
      productId: p.product_id,
      name: p.name,
      identifiers: identifiers(p),
      relatesTo: r.relates_to_product_reference,
      statuses: statuses.get(p.product_id) ?? [],
    });
  }
  return out;
}
