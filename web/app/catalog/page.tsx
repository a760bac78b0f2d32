import {
  COMPONENT_TYPE_LABELS,
  COMPONENT_TYPES,
  FOUNDATIONAL_REQUIREMENTS,
  ZCatalogEntry,
} from "@assure/shared";
import Link from "next/link";
import { z } from "zod";
import { api } from "@/lib/api";
import { CatalogTable } from "./catalog-table";

export const metadata = { title: "Catalog" };

const ZPage = z.object({ items: z.array(ZCatalogEntry), nextCursor: z.string().optional() });

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const minSl = FOUNDATIONAL_REQUIREMENTS.map((fr) => Number(one(params[`fr${fr.fr}`]) || 0));
  const query = new URLSearchParams();
  for (const name of ["q", "vendor", "componentType", "cursor"])
    if (one(params[name])) query.set(name, one(params[name]));
  if (minSl.some((level) => level > 0)) query.set("minSl", minSl.join(","));
  if (one(params.verifiedOnly) === "true") query.set("verifiedOnly", "true");
  for (const name of ["certificationValid", "openAdvisories"]) {
    const value = one(params[name]);
    if (value === "true" || value === "false") query.set(name, value);
  }
  query.set("limit", "50");
  const { data } = await api(ZPage, `/v1/catalog/components?${query}`);
  const filtered = [...query.keys()].some((key) => key !== "limit");
  const next = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (k === "cursor" || !one(v) ? [] : [[k, one(v)]])),
  );
  if (data.nextCursor) next.set("cursor", data.nextCursor);

  return (
    <div className="space-y-6">
      <div>
        <h1>Catalog</h1>
        <p className="mt-1 text-sm text-slate-600">
          Published components and their capability security levels (SL-C) per foundational requirement.
        </p>
      </div>
      <search aria-label="Filter the catalog">
        <form className="card grid gap-4 md:grid-cols-4">
          <div className="md:col-span-2">
            <label className="label" htmlFor="q">
              Search
            </label>
            <input
              id="q"
              name="q"
              defaultValue={one(params.q)}
              placeholder="Name, model number…"
              className="input"
            />
          </div>
          <div>
            <label className="label" htmlFor="vendor">
              Vendor
            </label>
            <input id="vendor" name="vendor" defaultValue={one(params.vendor)} className="input" />
          </div>
          <div>
            <label className="label" htmlFor="componentType">
              Component type
            </label>
            <select
              id="componentType"
              name="componentType"
              defaultValue={one(params.componentType)}
              className="input"
            >
              <option value="">Any type</option>
              {COMPONENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type} — {COMPONENT_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="md:col-span-4">
            <legend className="label">Minimum SL-C per foundational requirement</legend>
            <div className="grid grid-cols-7 gap-2">
              {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => (
                <label key={fr.fr} className="text-xs text-slate-600" title={fr.name}>
                  FR{fr.fr} {fr.code}
                  <select name={`fr${fr.fr}`} defaultValue={String(minSl[i] ?? 0)} className="input mt-1">
                    {[0, 1, 2, 3, 4].map((level) => (
                      <option key={level} value={level}>
                        {level === 0 ? "any" : `≥ ${level}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="md:col-span-2">
            <label className="label" htmlFor="certificationValid">
              Certification
            </label>
            <select
              id="certificationValid"
              name="certificationValid"
              defaultValue={one(params.certificationValid)}
              className="input"
              aria-describedby="certificationValid-help"
            >
              <option value="">Any</option>
              <option value="true">Certification valid today</option>
              <option value="false">Not backed by a valid certification</option>
            </select>
            <p id="certificationValid-help" className="mt-1 text-xs text-slate-500">
              Valid today: the published claim is certified, and its certificate has been issued and is not
              expired, suspended or revoked.
            </p>
          </div>
          <div className="md:col-span-2">
            <label className="label" htmlFor="openAdvisories">
              Open advisories
            </label>
            <select
              id="openAdvisories"
              name="openAdvisories"
              defaultValue={one(params.openAdvisories)}
              className="input"
              aria-describedby="openAdvisories-help"
            >
              <option value="">Any</option>
              <option value="true">Has open advisories</option>
              <option value="false">Has no open advisories</option>
            </select>
            <p id="openAdvisories-help" className="mt-1 text-xs text-slate-500">
              Open: an advisory you may read names the component, the match is not rejected or awaiting
              review, and the newest published version is affected (no fix in it). Advisories fixed in the
              newest version do not count.
            </p>
          </div>
          <div className="flex items-center gap-4 md:col-span-4">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="verifiedOnly"
                value="true"
                defaultChecked={one(params.verifiedOnly) === "true"}
              />
              Verified suppliers only
            </label>
            <div className="flex-1" />
            {filtered ? (
              <Link href="/catalog" className="btn-secondary">
                Clear
              </Link>
            ) : null}
            <button type="submit" className="btn-primary">
              Apply filters
            </button>
          </div>
        </form>
      </search>
      {data.items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">
          {filtered
            ? "No published component matches these filters. Lower a minimum level, widen the certification or advisory filter, or clear the search."
            : "The catalog is empty: no supplier has published a component yet."}
        </div>
      ) : (
        <CatalogTable items={data.items} />
      )}
      {data.nextCursor ? (
        <div className="text-center">
          <Link className="btn-secondary" href={`/catalog?${next}`}>
            Next page
          </Link>
        </div>
      ) : null}
    </div>
  );
}
