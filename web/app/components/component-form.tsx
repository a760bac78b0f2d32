"use client";

import {
  ASSURANCE_BASES,
  COMPONENT_TYPE_LABELS,
  COMPONENT_TYPES,
  FOUNDATIONAL_REQUIREMENTS,
  type TAssuranceBasis,
  type TComponentType,
  ZComponentInput,
} from "@assure/shared";
import { useMemo, useState, useTransition } from "react";
import { SlChart } from "@/components/sl-chart";
import type { FormResult } from "@/lib/form-result";

export interface ComponentFormValues {
  name: string;
  vendor: string;
  productLine: string;
  componentType: TComponentType;
  description: string;
  modelNumbers: string;
  purl: string;
  cpe: string;
  slC: number[];
  basis: TAssuranceBasis;
}

const BASIS_LABELS: Record<TAssuranceBasis, string> = {
  self_declared: "Self-declared",
  third_party_assessed: "Third-party assessed",
  certified: "Certified",
};

function toInput(values: ComponentFormValues) {
  return {
    name: values.name,
    ...(values.vendor.trim() ? { vendor: values.vendor } : {}),
    productLine: values.productLine,
    componentType: values.componentType,
    description: values.description,
    identifiers: {
      modelNumbers: values.modelNumbers
        .split(/[,\n]/)
        .map((m) => m.trim())
        .filter(Boolean),
      ...(values.purl.trim() ? { purl: values.purl.trim() } : {}),
      ...(values.cpe.trim() ? { cpe: values.cpe.trim() } : {}),
    },
    slC: values.slC,
    basis: values.basis,
  };
}

/** Create and edit a component's draft; validates as you go with the same schema the API uses. */
export function ComponentForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: ComponentFormValues;
  submitLabel: string;
  onSubmit: (input: unknown) => Promise<FormResult>;
}) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<FormResult | null>(null);
  const [pending, startTransition] = useTransition();

  const clientErrors = useMemo(() => {
    const parsed = ZComponentInput.safeParse(toInput(values));
    if (parsed.success) return {} as Record<string, string>;
    return Object.fromEntries(
      parsed.error.issues.map((i) => [`/${i.path.map(String).join("/")}`, i.message]),
    );
  }, [values]);

  const errorFor = (pointer: string, field: string) => {
    if (serverErrors[pointer]) return serverErrors[pointer];
    if (!(submitted || touched[field])) return undefined;
    return Object.entries(clientErrors).find(
      ([path]) => path === pointer || path.startsWith(`${pointer}/`),
    )?.[1];
  };

  const set = <K extends keyof ComponentFormValues>(key: K, value: ComponentFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors({});
  };
  const blur = (field: string) => () => setTouched((t) => ({ ...t, [field]: true }));

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
        {error ? (
          <p id={`${field}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (Object.keys(clientErrors).length > 0) {
          setResult({ ok: false, message: "Some fields need attention.", fieldErrors: {} });
          return;
        }
        startTransition(async () => {
          const answer = await onSubmit(toInput(values));
          setResult(answer);
          if (!answer.ok) setServerErrors(answer.fieldErrors);
        });
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
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
      </div>

      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">
          Capability security levels (SL-C) per foundational requirement
        </legend>
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="grid grid-cols-1 gap-2">
            {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => (
              <label key={fr.fr} className="flex items-center justify-between gap-3 text-sm">
                <span>
                  FR{fr.fr} {fr.code} <span className="text-slate-500">— {fr.name}</span>
                </span>
                <select
                  aria-label={`SL-C for FR${fr.fr} ${fr.name}`}
                  data-testid={`slc-fr${fr.fr}`}
                  className="input w-20"
                  value={values.slC[i]}
                  onChange={(e) =>
                    set(
                      "slC",
                      values.slC.map((level, j) => (j === i ? Number(e.target.value) : level)),
                    )
                  }
                >
                  {[0, 1, 2, 3, 4].map((level) => (
                    <option key={level} value={level}>
                      {level}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <label className="mt-2 flex items-center justify-between gap-3 text-sm">
              <span>Assurance basis</span>
              <select
                className="input w-56"
                value={values.basis}
                onChange={(e) => set("basis", e.target.value as TAssuranceBasis)}
              >
                {ASSURANCE_BASES.map((basis) => (
                  <option key={basis} value={basis}>
                    {BASIS_LABELS[basis]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <SlChart title="SL-C preview" series={[{ name: "SL-C", levels: values.slC, color: "#1d5fd1" }]} />
        </div>
      </fieldset>

      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "text-sm text-emerald-700" : "field-error"}
        >
          {result.message}
        </p>
      ) : null}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
