"use client";

import {
  AUTHORING_REMEDIATION_CATEGORIES,
  AUTHORING_TLP,
  cvss3BaseScore,
  ZAuthoredAdvisoryInput,
} from "@assure/shared";
import { useState, useTransition } from "react";
import { type FormResult, issuesToFieldErrors } from "@/lib/form-result";
import { publishAuthoredAction } from "../actions";

type Vuln = { key?: string; cve: string; title: string; description: string; cvssVector: string };
type Product = { key?: string; componentId: string; affectedVersions: string; fixedVersion: string };
type Remediation = {
  key?: string;
  category: (typeof AUTHORING_REMEDIATION_CATEGORIES)[number];
  details: string;
  url: string;
};
export type AuthoringValues = {
  title: string;
  summary: string;
  tlp: (typeof AUTHORING_TLP)[number];
  /** Customer tenant slugs (TLP other than WHITE), resolved to tenants when publishing. */
  restrictedSlugs: string;
  products: Product[];
  vulnerabilities: Vuln[];
  remediations: Remediation[];
  changeSummary: string;
};

const emptyVuln: Vuln = { cve: "", title: "", description: "", cvssVector: "" };

let nextKey = 0;
/** A stable React key for a list entry the user adds or removes (not sent as part of the advisory). */
const keyed = <T extends { key?: string }>(item: T): T => ({ ...item, key: item.key ?? `k${++nextKey}` });

/** Write an advisory about your own components; validated as you type with the API's schema. */
export function AuthoringForm({
  components,
  initial,
  previous,
}: {
  components: { id: string; name: string; versions: string[] }[];
  initial: AuthoringValues;
  previous?: { id: string; version: number; trackingId: string };
}) {
  const [values, setValues] = useState<AuthoringValues>(() => ({
    ...initial,
    products: initial.products.map(keyed),
    vulnerabilities: initial.vulnerabilities.map(keyed),
    remediations: initial.remediations.map(keyed),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [touched, setTouched] = useState(false);
  const [pending, start] = useTransition();

  const check = (next: AuthoringValues) => {
    const { restrictedSlugs: _slugs, ...input } = next;
    const parsed = ZAuthoredAdvisoryInput.safeParse(input);
    return parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
  };
  const set = (next: AuthoringValues) => {
    setValues(next);
    if (touched) {
      const found = check(next);
      setErrors(found);
      if (Object.keys(found).length === 0) setMessage("");
    }
  };
  const error = (path: string) =>
    errors[path] ? (
      <p className="field-error" id={`err${path.replaceAll("/", "-")}`}>
        {errors[path]}
      </p>
    ) : null;
  const describedBy = (path: string) => (errors[path] ? `err${path.replaceAll("/", "-")}` : undefined);

  const submit = () => {
    setTouched(true);
    const found = check(values);
    setErrors(found);
    if (Object.keys(found).length) {
      setMessage("Some fields need attention.");
      return;
    }
    start(async () => {
      const result: FormResult | undefined = await publishAuthoredAction(
        values,
        previous && { id: previous.id, version: previous.version },
      );
      if (result && !result.ok) {
        setMessage(result.message);
        setErrors(result.fieldErrors);
      }
    });
  };

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="card grid gap-4 md:grid-cols-4">
        <div className="md:col-span-3">
          <label className="label" htmlFor="title">
            Title
          </label>
          <input
            id="title"
            className="input"
            value={values.title}
            aria-invalid={Boolean(errors["/title"])}
            aria-describedby={describedBy("/title")}
            onChange={(e) => set({ ...values, title: e.target.value })}
          />
          {error("/title")}
        </div>
        <div>
          <label className="label" htmlFor="tlp">
            Distribution (TLP)
          </label>
          <select
            id="tlp"
            className="input"
            value={values.tlp}
            onChange={(e) => set({ ...values, tlp: e.target.value as AuthoringValues["tlp"] })}
          >
            {AUTHORING_TLP.map((t) => (
              <option key={t} value={t}>
                TLP:{t}
                {t === "WHITE" ? " (public, served as CSAF provider)" : " (named customers only)"}
              </option>
            ))}
          </select>
        </div>
        <div className="md:col-span-4">
          <label className="label" htmlFor="summary">
            Summary
          </label>
          <textarea
            id="summary"
            rows={3}
            className="input"
            value={values.summary}
            aria-invalid={Boolean(errors["/summary"])}
            aria-describedby={describedBy("/summary")}
            onChange={(e) => set({ ...values, summary: e.target.value })}
          />
          {error("/summary")}
        </div>
        {values.tlp !== "WHITE" ? (
          <div className="md:col-span-4">
            <label className="label" htmlFor="restrictedSlugs">
              Customers who may read it (tenant slugs, comma separated)
            </label>
            <input
              id="restrictedSlugs"
              className="input"
              placeholder="rheinwasser, baltic-grid"
              value={values.restrictedSlugs}
              aria-invalid={Boolean(errors["/restrictedTo"])}
              aria-describedby={describedBy("/restrictedTo")}
              onChange={(e) => set({ ...values, restrictedSlugs: e.target.value })}
            />
            {error("/restrictedTo")}
          </div>
        ) : null}
      </div>

      <fieldset className="card space-y-3">
        <legend className="px-1 text-lg font-semibold">Affected products</legend>
        {error("/products")}
        {values.products.map((p, i) => (
          <div key={p.key} className="grid gap-3 md:grid-cols-4">
            <div className="md:col-span-2">
              <label className="label" htmlFor={`product-${i}`}>
                Component
              </label>
              <select
                id={`product-${i}`}
                className="input"
                value={p.componentId}
                aria-invalid={Boolean(errors[`/products/${i}/componentId`])}
                onChange={(e) =>
                  set({
                    ...values,
                    products: values.products.map((x, k) =>
                      k === i ? { ...x, componentId: e.target.value } : x,
                    ),
                  })
                }
              >
                <option value="">Choose one of your published components</option>
                {components.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              {error(`/products/${i}/componentId`)}
            </div>
            <div>
              <label className="label" htmlFor={`affected-${i}`}>
                Affected versions
              </label>
              <input
                id={`affected-${i}`}
                className="input"
                placeholder="<3.1.0"
                value={p.affectedVersions}
                aria-invalid={Boolean(errors[`/products/${i}/affectedVersions`])}
                onChange={(e) =>
                  set({
                    ...values,
                    products: values.products.map((x, k) =>
                      k === i ? { ...x, affectedVersions: e.target.value } : x,
                    ),
                  })
                }
              />
              {error(`/products/${i}/affectedVersions`)}
            </div>
            <div>
              <label className="label" htmlFor={`fixed-${i}`}>
                Fixed in
              </label>
              <input
                id={`fixed-${i}`}
                className="input"
                placeholder="3.1.0"
                value={p.fixedVersion}
                onChange={(e) =>
                  set({
                    ...values,
                    products: values.products.map((x, k) =>
                      k === i ? { ...x, fixedVersion: e.target.value } : x,
                    ),
                  })
                }
              />
              {error(`/products/${i}/fixedVersion`)}
            </div>
          </div>
        ))}
        <button
          type="button"
          className="btn-secondary"
          onClick={() =>
            set({
              ...values,
              products: [
                ...values.products,
                keyed<Product>({ componentId: "", affectedVersions: "", fixedVersion: "" }),
              ],
            })
          }
        >
          Add a product
        </button>
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">Vulnerabilities</legend>
        {error("/vulnerabilities")}
        {values.vulnerabilities.map((v, i) => {
          const score = v.cvssVector ? cvss3BaseScore(v.cvssVector) : null;
          const change = (patch: Partial<Vuln>) =>
            set({
              ...values,
              vulnerabilities: values.vulnerabilities.map((x, k) => (k === i ? { ...x, ...patch } : x)),
            });
          return (
            <div key={v.key} className="grid gap-3 border-b border-slate-100 pb-4 md:grid-cols-4">
              <div>
                <label className="label" htmlFor={`cve-${i}`}>
                  CVE
                </label>
                <input
                  id={`cve-${i}`}
                  className="input"
                  placeholder="CVE-2026-12345"
                  value={v.cve}
                  onChange={(e) => change({ cve: e.target.value })}
                />
                {error(`/vulnerabilities/${i}/cve`)}
              </div>
              <div className="md:col-span-3">
                <label className="label" htmlFor={`vtitle-${i}`}>
                  Vulnerability title
                </label>
                <input
                  id={`vtitle-${i}`}
                  className="input"
                  value={v.title}
                  onChange={(e) => change({ title: e.target.value })}
                />
                {error(`/vulnerabilities/${i}/title`)}
              </div>
              <div className="md:col-span-4">
                <label className="label" htmlFor={`vdesc-${i}`}>
                  Description
                </label>
                <textarea
                  id={`vdesc-${i}`}
                  rows={2}
                  className="input"
                  value={v.description}
                  onChange={(e) => change({ description: e.target.value })}
                />
                {error(`/vulnerabilities/${i}/description`)}
              </div>
              <div className="md:col-span-3">
                <label className="label" htmlFor={`cvss-${i}`}>
                  CVSS 3.1 vector
                </label>
                <input
                  id={`cvss-${i}`}
                  className="input font-mono"
                  placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
                  value={v.cvssVector}
                  onChange={(e) => change({ cvssVector: e.target.value })}
                />
                {error(`/vulnerabilities/${i}/cvssVector`)}
              </div>
              <div className="self-end pb-2 text-sm" aria-live="polite">
                {score === null ? "" : `Base score ${score.toFixed(1)}`}
              </div>
            </div>
          );
        })}
        <button
          type="button"
          className="btn-secondary"
          onClick={() =>
            set({ ...values, vulnerabilities: [...values.vulnerabilities, keyed<Vuln>({ ...emptyVuln })] })
          }
        >
          Add a vulnerability
        </button>
      </fieldset>

      <fieldset className="card space-y-3">
        <legend className="px-1 text-lg font-semibold">Remediations</legend>
        {values.remediations.map((r, i) => {
          const change = (patch: Partial<Remediation>) =>
            set({
              ...values,
              remediations: values.remediations.map((x, k) => (k === i ? { ...x, ...patch } : x)),
            });
          return (
            <div key={r.key} className="grid gap-3 md:grid-cols-4">
              <div>
                <label className="label" htmlFor={`rcat-${i}`}>
                  Kind
                </label>
                <select
                  id={`rcat-${i}`}
                  className="input"
                  value={r.category}
                  onChange={(e) => change({ category: e.target.value as Remediation["category"] })}
                >
                  {AUTHORING_REMEDIATION_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {c.replaceAll("_", " ")}
                    </option>
                  ))}
                </select>
              </div>
              <div className="md:col-span-2">
                <label className="label" htmlFor={`rdet-${i}`}>
                  What to do
                </label>
                <input
                  id={`rdet-${i}`}
                  className="input"
                  value={r.details}
                  onChange={(e) => change({ details: e.target.value })}
                />
                {error(`/remediations/${i}/details`)}
              </div>
              <div>
                <label className="label" htmlFor={`rurl-${i}`}>
                  Link
                </label>
                <input
                  id={`rurl-${i}`}
                  className="input"
                  value={r.url}
                  onChange={(e) => change({ url: e.target.value })}
                />
                {error(`/remediations/${i}/url`)}
              </div>
            </div>
          );
        })}
        <button
          type="button"
          className="btn-secondary"
          onClick={() =>
            set({
              ...values,
              remediations: [
                ...values.remediations,
                keyed<Remediation>({ category: "vendor_fix", details: "", url: "" }),
              ],
            })
          }
        >
          Add a remediation
        </button>
      </fieldset>

      {previous ? (
        <div className="card">
          <label className="label" htmlFor="changeSummary">
            What changed in this revision
          </label>
          <input
            id="changeSummary"
            className="input"
            value={values.changeSummary}
            onChange={(e) => set({ ...values, changeSummary: e.target.value })}
          />
        </div>
      ) : null}

      <div className="flex items-center gap-4">
        <button type="submit" className="btn-primary" disabled={pending}>
          {previous ? `Publish revision of ${previous.trackingId}` : "Publish advisory"}
        </button>
        {message ? (
          <p role="alert" className="text-sm text-red-700">
            {message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
