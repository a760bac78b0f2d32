"use client";

import {
  ASSURANCE_BASES,
  COMPONENT_TYPE_LABELS,
  COMPONENT_TYPES,
  checkClaimSet,
  DEVELOPMENT_PRACTICES,
  FOUNDATIONAL_REQUIREMENTS,
  type TAssuranceBasis,
  type TComponentType,
  ZComponentInput,
} from "@assure/shared";
import { useMemo, useState, useTransition } from "react";
import { SlChart } from "@/components/sl-chart";
import { useTrackUnsaved } from "@/components/unsaved-changes";
import { type FormResult, issuesToFieldErrors } from "@/lib/form-result";
import {
  type ClaimValues,
  type CustomerTenant,
  type EditorValues,
  emptyClaim,
  toInput,
} from "./editor-values";
import { RequirementChecklist } from "./requirement-checklist";

const BASIS_LABELS: Record<TAssuranceBasis, string> = {
  self_declared: "Self-declared",
  third_party_assessed: "Third-party assessed",
  certified: "Certified",
};

const PARTY_LABELS = { asset_owner: "Asset owner", integrator: "Integrator" } as const;

export interface CertificationOption {
  id: string;
  label: string;
}

export type LookupTenant = (
  slug: string,
) => Promise<{ ok: true; tenant: CustomerTenant } | { ok: false; message: string }>;

/**
 * The component editor: identity, visibility (customer picker), versions, and claims per version range with
 * the per-requirement checklist. Validates as you go with the API's zod schema and checks the claims with the
 * engine (derived SL-C, inconsistencies) before anything is sent.
 */
export function ComponentForm({
  initial,
  certifications,
  submitLabel,
  onSubmit,
  lookupTenant,
  published = false,
}: {
  initial: EditorValues;
  certifications: CertificationOption[];
  submitLabel: string;
  onSubmit: (input: unknown) => Promise<FormResult>;
  lookupTenant: LookupTenant;
  /** The component has a published revision: saved edits wait for publishing (docs/publishing.md). */
  published?: boolean;
}) {
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const dirty = useTrackUnsaved(values, saved);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<FormResult | null>(null);
  const [pending, startTransition] = useTransition();
  const [slug, setSlug] = useState("");
  const [lookupMessage, setLookupMessage] = useState("");

  const input = useMemo(() => toInput(values), [values]);
  const schemaErrors = useMemo(() => {
    const parsed = ZComponentInput.safeParse(input);
    if (parsed.success) return {} as Record<string, string>;
    return issuesToFieldErrors(parsed.error.issues);
  }, [input]);
  const consistency = useMemo(() => {
    const parsed = ZComponentInput.safeParse(input);
    if (!parsed.success || !parsed.data.claims) return { errors: [], warnings: [] };
    const certs = new Map(certifications.map((c) => [c.id, { id: c.id, standardPart: "4-2" as const }]));
    return checkClaimSet(
      parsed.data.componentType,
      { versions: parsed.data.versions ?? [], claims: parsed.data.claims },
      certs,
    );
  }, [input, certifications]);
  const consistencyErrors = Object.fromEntries(
    consistency.errors.map((e) => [`/${e.path.map(String).join("/")}`, e.message]),
  );

  const errorFor = (pointer: string, field: string) => {
    if (serverErrors[pointer]) return serverErrors[pointer];
    if (consistencyErrors[pointer]) return consistencyErrors[pointer];
    if (!(submitted || touched[field])) return undefined;
    return Object.entries(schemaErrors).find(
      ([path]) => path === pointer || path.startsWith(`${pointer}/`),
    )?.[1];
  };

  const update = (change: (v: EditorValues) => EditorValues) => {
    setValues(change);
    setServerErrors({});
  };
  const set = <K extends keyof EditorValues>(key: K, value: EditorValues[K]) =>
    update((v) => ({ ...v, [key]: value }));
  const setClaim = (index: number, change: Partial<ClaimValues>) =>
    update((v) => ({ ...v, claims: v.claims.map((c, i) => (i === index ? { ...c, ...change } : c)) }));
  const blur = (field: string) => () => setTouched((t) => ({ ...t, [field]: true }));

  const fieldError = (id: string, error: string | undefined) =>
    error ? (
      <p id={`${id}-error`} className="field-error">
        {error}
      </p>
    ) : null;

  const text = (
    field: "name" | "vendor" | "productLine" | "purl" | "cpe",
    label: string,
    pointer: string,
    hint?: string,
  ) => {
    const error = errorFor(pointer, field);
    return (
      <div>
        <label className="label" htmlFor={field}>
          {label}
        </label>
        <input
          id={field}
          name={field}
          className="input"
          value={values[field]}
          onChange={(e) => set(field, e.target.value)}
          onBlur={blur(field)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${field}-error` : hint ? `${field}-hint` : undefined}
        />
        {hint && !error ? (
          <p id={`${field}-hint`} className="mt-1 text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
        {fieldError(field, error)}
      </div>
    );
  };

  const allErrors = { ...schemaErrors, ...consistencyErrors };

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (Object.keys(schemaErrors).length > 0) {
          setResult({ ok: false, message: "Some fields need attention.", fieldErrors: {} });
          return;
        }
        const submittedValues = values;
        startTransition(async () => {
          const answer = await onSubmit(input);
          setResult(answer);
          if (answer.ok) setSaved(submittedValues);
          else setServerErrors(answer.fieldErrors);
        });
      }}
    >
      {published ? (
        <p role="note" className="rounded-md bg-sky-50 p-3 text-sm text-sky-900">
          Saving keeps your edits in the draft. Customers see the published name, vendor, details, visibility
          and claims until you publish; only a tighter restriction (a customer removed) applies at once.
        </p>
      ) : null}
      <section className="grid gap-4 md:grid-cols-2" aria-label="Identity">
        {text("name", "Name", "/name")}
        {text("vendor", "Vendor (brand)", "/vendor", "Leave empty to use your organisation's name.")}
        {text("productLine", "Product line", "/productLine")}
        <div>
          <label className="label" htmlFor="componentType">
            Component type (IEC 62443-4-2)
          </label>
          <select
            id="componentType"
            className="input"
            value={values.componentType}
            onChange={(e) => set("componentType", e.target.value as TComponentType)}
          >
            {COMPONENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type} — {COMPONENT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="md:col-span-2">
          <label className="label" htmlFor="description">
            Description
          </label>
          <textarea
            id="description"
            className="input"
            rows={3}
            value={values.description}
            onChange={(e) => set("description", e.target.value)}
          />
        </div>
        <div>
          <label className="label" htmlFor="modelNumbers">
            Model numbers
          </label>
          <input
            id="modelNumbers"
            className="input"
            value={values.modelNumbers}
            onChange={(e) => set("modelNumbers", e.target.value)}
            aria-describedby="modelNumbers-hint"
          />
          <p id="modelNumbers-hint" className="mt-1 text-xs text-slate-500">
            Comma-separated, e.g. NW5200-CPU, NW5210-CPU
          </p>
        </div>
        {text("purl", "Package URL (purl)", "/identifiers/purl", "e.g. pkg:generic/northwind/nw-plc-5200")}
        {text("cpe", "CPE 2.3", "/identifiers/cpe", "e.g. cpe:2.3:h:northwind:nw-plc_5200:-:*:*:*:*:*:*:*")}
      </section>

      <fieldset
        className="rounded-lg border border-slate-200 p-4"
        aria-describedby={published ? "visibility-hint" : undefined}
      >
        <legend className="px-1 text-sm font-semibold">Visibility</legend>
        {published ? (
          <p id="visibility-hint" className="mb-3 text-xs text-slate-600">
            Removing a customer, or restricting a public component, applies as soon as you save: they stop
            seeing it at once. Adding a customer or making it public takes effect when you publish.
          </p>
        ) : null}
        <div className="flex flex-wrap gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="visibility"
              checked={!values.restricted}
              onChange={() => set("restricted", false)}
            />
            Public: every tenant sees the published claims in the catalog
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="visibility"
              checked={values.restricted}
              onChange={() => set("restricted", true)}
            />
            Restricted to named customers (NDA)
          </label>
        </div>
        {values.restricted ? (
          <div className="mt-3 space-y-2">
            <div className="flex flex-wrap items-end gap-2">
              <div>
                <label className="label" htmlFor="customer-slug">
                  Customer tenant slug
                </label>
                <input
                  id="customer-slug"
                  className="input w-64"
                  value={slug}
                  placeholder="e.g. rheinwasser"
                  onChange={(e) => setSlug(e.target.value)}
                  aria-describedby="customer-hint"
                />
              </div>
              <button
                type="button"
                className="btn-secondary"
                disabled={!slug.trim()}
                onClick={() =>
                  startTransition(async () => {
                    const found = await lookupTenant(slug.trim().toLowerCase());
                    if (!found.ok) {
                      setLookupMessage(found.message);
                      return;
                    }
                    setLookupMessage("");
                    setSlug("");
                    if (!values.customers.some((c) => c.id === found.tenant.id))
                      set("customers", [...values.customers, found.tenant]);
                  })
                }
              >
                Add customer
              </button>
            </div>
            <p id="customer-hint" className="text-xs text-slate-500">
              Ask your customer for their tenant slug (Settings → Organisation). Only the customers listed
              here see the claims; to everyone else the component does not exist.
            </p>
            {lookupMessage ? (
              <p role="alert" className="field-error">
                {lookupMessage}
              </p>
            ) : null}
            {values.customers.length === 0 ? (
              <p className="text-sm text-amber-700">Add at least one customer.</p>
            ) : (
              <ul className="flex flex-wrap gap-2" aria-label="Customers who may see the claims">
                {values.customers.map((c) => (
                  <li key={c.id} className="badge bg-brand-50 text-brand-900 ring-1 ring-brand-100">
                    {c.name} ({c.slug})
                    <button
                      type="button"
                      className="ml-1 text-slate-500 hover:text-red-700"
                      aria-label={`Remove ${c.name}`}
                      onClick={() =>
                        set(
                          "customers",
                          values.customers.filter((x) => x.id !== c.id),
                        )
                      }
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {fieldError("visibility", errorFor("/visibility", "visibility"))}
          </div>
        ) : null}
      </fieldset>

      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Versions</legend>
        {values.versions.length === 0 ? (
          <p className="text-sm text-slate-600">
            No versions listed yet. Add the released versions so asset owners can match the version they run.
          </p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Version</th>
                <th>Release date</th>
                <th>Supersedes</th>
                <th>End of support</th>
                <th>
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {values.versions.map((v, i) => {
                const setVersion = (change: Partial<typeof v>) =>
                  set(
                    "versions",
                    values.versions.map((x, j) => (j === i ? { ...x, ...change } : x)),
                  );
                const versionError = errorFor(`/versions/${i}/version`, `v${i}`);
                const supersedesError = errorFor(`/versions/${i}/supersedes`, `v${i}`);
                const eosError = errorFor(`/versions/${i}/endOfSupport`, `v${i}`);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows being typed have no identity before they are saved
                  <tr key={i}>
                    <td>
                      <input
                        aria-label={`Version ${i + 1}`}
                        className="input w-32"
                        value={v.version}
                        onChange={(e) => setVersion({ version: e.target.value })}
                        onBlur={blur(`v${i}`)}
                        aria-invalid={Boolean(versionError)}
                      />
                      {fieldError(`v${i}`, versionError)}
                    </td>
                    <td>
                      <input
                        type="date"
                        aria-label={`Release date of version ${i + 1}`}
                        className="input"
                        value={v.releaseDate}
                        onChange={(e) => setVersion({ releaseDate: e.target.value })}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={`Version ${i + 1} supersedes`}
                        className="input"
                        value={v.supersedes}
                        onChange={(e) => setVersion({ supersedes: e.target.value })}
                        aria-invalid={Boolean(supersedesError)}
                      >
                        <option value="">—</option>
                        {values.versions
                          .filter((x, j) => j !== i && x.version.trim())
                          .map((x) => (
                            <option key={x.version} value={x.version}>
                              {x.version}
                            </option>
                          ))}
                      </select>
                      {fieldError(`v${i}-s`, supersedesError)}
                    </td>
                    <td>
                      <input
                        type="date"
                        aria-label={`End of support of version ${i + 1}`}
                        className="input"
                        value={v.endOfSupport}
                        onChange={(e) => setVersion({ endOfSupport: e.target.value })}
                        aria-invalid={Boolean(eosError)}
                      />
                      {fieldError(`v${i}-e`, eosError)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn-danger px-2 py-1 text-xs"
                        onClick={() =>
                          set(
                            "versions",
                            values.versions.filter((_, j) => j !== i),
                          )
                        }
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <button
          type="button"
          className="btn-secondary mt-3"
          onClick={() =>
            set("versions", [
              ...values.versions,
              { version: "", releaseDate: "", supersedes: "", endOfSupport: "" },
            ])
          }
        >
          Add version
        </button>
      </fieldset>

      {values.claims.map((claim, index) => (
        <ClaimEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: claims are positional (the first covering claim wins)
          key={index}
          index={index}
          claim={claim}
          componentType={values.componentType}
          certifications={certifications}
          canRemove={values.claims.length > 1}
          errorFor={errorFor}
          onChange={(change) => setClaim(index, change)}
          onRemove={() =>
            set(
              "claims",
              values.claims.filter((_, j) => j !== index),
            )
          }
        />
      ))}
      <button
        type="button"
        className="btn-secondary"
        onClick={() => set("claims", [...values.claims, emptyClaim()])}
      >
        Add a claim for another version range
      </button>

      <section aria-live="polite" aria-label="Checks before publishing">
        {consistency.errors.length > 0 ? (
          <div
            className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
            data-testid="claim-inconsistencies"
          >
            <p className="font-semibold">Fix before publishing ({consistency.errors.length}):</p>
            <ul className="mt-1 list-disc pl-5">
              {consistency.errors.map((e) => (
                <li key={`${e.path.join("/")}-${e.message}`}>{e.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {consistency.warnings.length > 0 ? (
          <ul className="mt-2 list-disc pl-5 text-sm text-amber-800">
            {consistency.warnings.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
        ) : null}
        {submitted && Object.keys(allErrors).length > 0 && consistency.errors.length === 0 ? (
          <p className="field-error">Some fields need attention (marked above).</p>
        ) : null}
      </section>

      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "text-sm text-emerald-700" : "field-error"}
        >
          {result.message}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
        {dirty && !pending ? (
          <span className="text-sm text-amber-800" data-testid="unsaved-changes">
            Unsaved changes
          </span>
        ) : null}
      </div>
    </form>
  );
}

function ClaimEditor({
  index,
  claim,
  componentType,
  certifications,
  canRemove,
  errorFor,
  onChange,
  onRemove,
}: {
  index: number;
  claim: ClaimValues;
  componentType: TComponentType;
  certifications: CertificationOption[];
  canRemove: boolean;
  errorFor: (pointer: string, field: string) => string | undefined;
  onChange: (change: Partial<ClaimValues>) => void;
  onRemove: () => void;
}) {
  const p = `/claims/${index}`;
  const id = `claim${index}`;
  const rangeError = errorFor(`${p}/versionRange`, `${id}-range`);
  const certError = errorFor(`${p}/certificationId`, `${id}-cert`);
  const requirementsError = errorFor(`${p}/requirements`, `${id}-req`);
  return (
    <fieldset className="rounded-lg border border-slate-200 p-4" data-testid={`claim-${index}`}>
      <legend className="px-1 text-sm font-semibold">Claim {index + 1}</legend>
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <label className="label" htmlFor={`${id}-range`}>
            Versions covered
          </label>
          <input
            id={`${id}-range`}
            className="input"
            value={claim.versionRange}
            onChange={(e) => onChange({ versionRange: e.target.value })}
            aria-invalid={Boolean(rangeError)}
            aria-describedby={`${id}-range-hint`}
          />
          {rangeError ? (
            <p id={`${id}-range-error`} className="field-error">
              {rangeError}
            </p>
          ) : (
            <p id={`${id}-range-hint`} className="mt-1 text-xs text-slate-500">
              * (all), 4.0.1, or a range such as &gt;= 4.0, &lt; 5.0
            </p>
          )}
        </div>
        <div>
          <label className="label" htmlFor={`${id}-basis`}>
            Assurance basis
          </label>
          <select
            id={`${id}-basis`}
            className="input"
            value={claim.basis}
            onChange={(e) => onChange({ basis: e.target.value as TAssuranceBasis })}
          >
            {ASSURANCE_BASES.map((basis) => (
              <option key={basis} value={basis}>
                {BASIS_LABELS[basis]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-cert`}>
            Certification
          </label>
          <select
            id={`${id}-cert`}
            className="input"
            value={claim.certificationId}
            onChange={(e) => onChange({ certificationId: e.target.value })}
            aria-invalid={Boolean(certError)}
          >
            <option value="">— none</option>
            {certifications.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          {certError ? <p className="field-error">{certError}</p> : null}
        </div>
      </div>

      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <div className="grid grid-cols-1 gap-2">
          <p className="text-sm font-medium">
            Capability security levels (SL-C) per foundational requirement
          </p>
          {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => {
            const error = errorFor(`${p}/slC/${i}`, `${id}-sl`);
            return (
              <div key={fr.fr}>
                <label className="flex items-center justify-between gap-3 text-sm">
                  <span>
                    FR{fr.fr} {fr.code} <span className="text-slate-500">— {fr.name}</span>
                  </span>
                  <select
                    aria-label={`SL-C for FR${fr.fr} ${fr.name}${index > 0 ? ` (claim ${index + 1})` : ""}`}
                    data-testid={index === 0 ? `slc-fr${fr.fr}` : `claim${index}-slc-fr${fr.fr}`}
                    className="input w-20"
                    value={claim.slC[i]}
                    aria-invalid={Boolean(error)}
                    onChange={(e) =>
                      onChange({ slC: claim.slC.map((l, j) => (j === i ? Number(e.target.value) : l)) })
                    }
                  >
                    {[0, 1, 2, 3, 4].map((level) => (
                      <option key={level} value={level}>
                        {level}
                      </option>
                    ))}
                  </select>
                </label>
                {error ? <p className="field-error text-xs">{error}</p> : null}
              </div>
            );
          })}
        </div>
        <SlChart
          title={`SL-C preview, claim ${index + 1}`}
          series={[{ name: "SL-C", levels: claim.slC, color: "#1d5fd1" }]}
        />
      </div>

      <div className="mt-4">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={claim.listRequirements}
            onChange={(e) => onChange({ listRequirements: e.target.checked })}
          />
          List per-requirement results (IEC 62443-4-2 rows for {componentType})
        </label>
        {requirementsError ? <p className="field-error">{requirementsError}</p> : null}
        {claim.listRequirements ? (
          <div className="mt-2">
            <RequirementChecklist
              idPrefix={id}
              componentType={componentType}
              declared={claim.slC}
              requirements={claim.requirements}
              onChange={(requirements) => onChange({ requirements })}
            />
          </div>
        ) : null}
      </div>

      <div className="mt-4">
        <p className="text-sm font-medium">
          Security context: what others must provide for these levels to hold
        </p>
        {claim.securityContext.length === 0 ? (
          <p className="text-sm text-slate-600">
            None. Add an assumption if the component relies on its environment.
          </p>
        ) : null}
        {claim.securityContext.map((entry, j) => {
          const assumptionError = errorFor(`${p}/securityContext/${j}/assumption`, `${id}-sc${j}`);
          const setEntry = (change: Partial<typeof entry>) =>
            onChange({
              securityContext: claim.securityContext.map((x, k) => (k === j ? { ...x, ...change } : x)),
            });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: assumptions being typed have no identity before they are saved
            <div key={j} className="mt-2 grid gap-2 md:grid-cols-[8rem_1fr_10rem_auto]">
              <select
                aria-label={`FR of assumption ${j + 1}`}
                className="input"
                value={entry.fr}
                onChange={(e) => setEntry({ fr: Number(e.target.value) })}
              >
                {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
                  <option key={fr.fr} value={fr.fr}>
                    FR{fr.fr} {fr.code}
                  </option>
                ))}
              </select>
              <div>
                <input
                  aria-label={`Assumption ${j + 1}`}
                  className="input"
                  value={entry.assumption}
                  placeholder="e.g. Needs an external firewall in front of it"
                  onChange={(e) => setEntry({ assumption: e.target.value })}
                  aria-invalid={Boolean(assumptionError)}
                />
                {assumptionError ? <p className="field-error">{assumptionError}</p> : null}
              </div>
              <select
                aria-label={`Party expected to act on assumption ${j + 1}`}
                className="input"
                value={entry.expectedParty}
                onChange={(e) => setEntry({ expectedParty: e.target.value as "asset_owner" | "integrator" })}
              >
                {Object.entries(PARTY_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn-danger px-2 py-1 text-xs"
                onClick={() => onChange({ securityContext: claim.securityContext.filter((_, k) => k !== j) })}
              >
                Remove
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="btn-secondary mt-2"
          onClick={() =>
            onChange({
              securityContext: [
                ...claim.securityContext,
                { fr: 5, assumption: "", expectedParty: "integrator" },
              ],
            })
          }
        >
          Add assumption
        </button>
      </div>

      <details className="mt-4">
        <summary className="cursor-pointer text-sm font-medium">
          IEC 62443-4-1 process maturity (optional)
        </summary>
        <div className="mt-2 grid grid-cols-2 gap-2 md:grid-cols-4">
          {DEVELOPMENT_PRACTICES.map((practice) => (
            <label key={practice} className="flex items-center justify-between gap-2 text-sm">
              {practice}
              <select
                className="input w-24"
                aria-label={`Maturity level for practice ${practice}`}
                value={claim.maturity[practice] ?? 0}
                onChange={(e) => {
                  const level = Number(e.target.value);
                  const maturity = { ...claim.maturity };
                  if (level === 0) delete maturity[practice];
                  else maturity[practice] = level;
                  onChange({ maturity });
                }}
              >
                <option value={0}>—</option>
                {[1, 2, 3, 4].map((ml) => (
                  <option key={ml} value={ml}>
                    ML{ml}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </details>

      {canRemove ? (
        <button type="button" className="btn-danger mt-4" onClick={onRemove}>
          Remove claim {index + 1}
        </button>
      ) : null}
    </fieldset>
  );
}
