import { z } from "zod";
import type { TAdvisoryProduct } from "./list-advisory-products";
import { foldText, normalizeProduct, vendorsMatch } from "./normalize-name";
import { rangeContains } from "./version-range";

export const ZCatalogComponent = z.object({
  vendor: z.string(),
  name: z.string(),
  modelNumbers: z.array(z.string()).default([]),
  purl: z.string().nullable().optional(),
  cpe: z.string().nullable().optional(),
  versions: z.array(z.string()).default([]),
});
export type TCatalogComponent = z.input<typeof ZCatalogComponent>;

export const ZProductMatch = z.object({
  productId: z.string(),
  method: z.enum(["purl", "cpe", "model_number", "name_version"]),
  /** 0..1: purl 1, CPE 0.95, model number 0.9, exact vendor+name 0.8, partial name 0.5. */
  confidence: z.number().min(0).max(1),
  /** A person should confirm: partial name match, or several different products match equally well. */
  ambiguous: z.boolean(),
  /** Per catalog version: in this product's version spec (true/false) or cannot tell (null). */
  versions: z.array(z.object({ version: z.string(), inRange: z.boolean().nullable() })),
});
export type TProductMatch = z.infer<typeof ZProductMatch>;

/** type/namespace/name of a purl, without version, qualifiers and subpath (the version is matched separately). */
function purlKey(purl: string): string | null {
  const m = /^pkg:\/*([^/]+)\/([^@?#]+)/i.exec(purl.trim());
  if (!m) return null;
  const path = m[2]!.split("/").map((s) => decodeURIComponent(s));
  return `${m[1]!.toLowerCase()}/${path.join("/").toLowerCase()}`;
}

/** vendor:product of a CPE 2.3 formatted string or a CPE 2.2 URI. */
function cpeKey(cpe: string): string | null {
  const parts = cpe.startsWith("cpe:2.3:")
    ? cpe.split(":").slice(3, 5)
    : cpe
        .replace(/^cpe:\/[aho]?:?/i, "")
        .split(":")
        .slice(0, 2);
  if (parts.length < 2 || parts.some((x) => x === "" || x === "*" || x === "-")) return null;
  return parts.join(":").toLowerCase();
}

const modelKey = (m: string) => foldText(m).replace(/ /g, "");

/** CSAF model numbers may use `*` (any run) and `?` (one character) wildcards; case and punctuation are ignored. */
function modelMatches(pattern: string, model: string): boolean {
  if (!/[*?]/.test(pattern)) return modelKey(pattern) === modelKey(model);
  const re = pattern
    .split(/([*?])/)
    .map((part) => (part === "*" ? ".*" : part === "?" ? "." : modelKey(part)))
    .join("");
  return new RegExp(`^${re}$`).test(modelKey(model));
}

/**
 * Matches one catalog component against an advisory's products (from listAdvisoryProducts), strongest
 * identifier first: purl, CPE, model number, then vendor + product name. Each product appears at most once,
 * with its best method. Name matches are ambiguous when partial or when they hit more than one product line.
 */
export function matchComponent(products: TAdvisoryProduct[], input: TCatalogComponent): TProductMatch[] {
  const c = ZCatalogComponent.parse(input);
  const cPurl = c.purl ? purlKey(c.purl) : null;
  const cCpe = c.cpe ? cpeKey(c.cpe) : null;
  const cName = normalizeProduct(c.name, c.vendor);
  const out: TProductMatch[] = [];
  for (const p of products) {
    const versions = c.versions.map((version) => ({
      version,
      inRange: p.versionSpec.range ? rangeContains(p.versionSpec.range, version) : null,
    }));
    const base = { productId: p.productId, ambiguous: false, versions };
    if (cPurl && p.identifiers.purl && purlKey(p.identifiers.purl) === cPurl) {
      out.push({ ...base, method: "purl", confidence: 1 });
    } else if (cCpe && p.identifiers.cpe && cpeKey(p.identifiers.cpe) === cCpe) {
      out.push({ ...base, method: "cpe", confidence: 0.95 });
    } else if (c.modelNumbers.some((m) => p.identifiers.modelNumbers.some((pm) => modelMatches(pm, m)))) {
      out.push({ ...base, method: "model_number", confidence: 0.9 });
    } else if (p.vendor !== null && p.productNorm && cName !== "" && vendorsMatch(p.vendor, c.vendor)) {
      if (p.productNorm === cName) out.push({ ...base, method: "name_version", confidence: 0.8 });
      else if (` ${p.productNorm} `.includes(` ${cName} `) || ` ${cName} `.includes(` ${p.productNorm} `)) {
        out.push({ ...base, method: "name_version", confidence: 0.5, ambiguous: true });
      }
    }
  }
  // Name matches to several different product lines need a person.
  const byId = new Map(products.map((p) => [p.productId, p]));
  const lines = new Set(
    out.filter((m) => m.method === "name_version").map((m) => byId.get(m.productId)?.productNorm ?? ""),
  );
  if (lines.size > 1) for (const m of out) if (m.method === "name_version") m.ambiguous = true;
  return out.sort((a, b) => b.confidence - a.confidence);
}
