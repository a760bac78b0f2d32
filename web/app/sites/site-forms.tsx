"use client";

import {
  ASSURANCE_BASES,
  FOUNDATIONAL_REQUIREMENTS,
  type TAssuranceBasis,
  ZConduitInput,
  ZSiteAssetInput,
  ZSiteCountermeasureInput,
  ZSiteInput,
  ZZoneInput,
} from "@assure/shared";
import { useRouter } from "next/navigation";
import { type ReactNode, useState, useTransition } from "react";
import type { z } from "zod";
import type { FormResult } from "@/lib/form-result";
import { siteMutation } from "./actions";

const BASIS_LABELS: Record<TAssuranceBasis, string> = {
  self_declared: "Self-declared",
  third_party_assessed: "Third-party assessed",
  certified: "Certified",
};

function useSubmit() {
  const [result, setResult] = useState<FormResult | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const submit = (run: () => Promise<FormResult>, onOk?: () => void) =>
    start(async () => {
      const answer = await run();
      setResult(answer);
      if (answer.ok) {
        onOk?.();
        router.refresh();
      }
    });
  return { result, setResult, pending, submit };
}

/** Validates with the API's own schema first; server errors come back keyed by the same JSON pointers. */
function clientErrors(schema: z.ZodType, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [`/${i.path.map(String).join("/")}`, i.message]));
}

function Message({ result }: { result: FormResult | null }) {
  if (!result) return null;
  return (
    <p
      role={result.ok ? "status" : "alert"}
      className={result.ok ? "text-sm text-emerald-700" : "field-error"}
    >
      {result.message}
    </p>
  );
}

function FieldError({ errors, path }: { errors: Record<string, string>; path: string }) {
  const message = Object.entries(errors).find(([p]) => p === path || p.startsWith(`${path}/`))?.[1];
  return message ? <p className="field-error">{message}</p> : null;
}

export function SlInputs({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number[];
  onChange: (levels: number[]) => void;
  testId: string;
}) {
  return (
    <fieldset>
      <legend className="label">{label}</legend>
      <div className="grid grid-cols-7 gap-1">
        {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => (
          <label key={fr.fr} className="text-center text-[11px] text-slate-500" title={fr.name}>
            {fr.code}
            <select
              aria-label={`${label} FR${fr.fr} ${fr.code}`}
              data-testid={`${testId}-fr${fr.fr}`}
              className="input mt-0.5 px-1 text-center"
              value={value[i]}
              onChange={(e) => onChange(value.map((v, j) => (j === i ? Number(e.target.value) : v)))}
            >
              {[0, 1, 2, 3, 4].map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Disclosure({
  label,
  children,
  open = false,
}: {
  label: string;
  children: ReactNode;
  open?: boolean;
}) {
  return (
    <details className="card" open={open}>
      <summary className="cursor-pointer text-sm font-semibold text-brand-700">{label}</summary>
      <div className="mt-4">{children}</div>
    </details>
  );
}

export function NewSiteForm() {
  const [values, setValues] = useState({ name: "", location: "", description: "" });
  const [submitted, setSubmitted] = useState(false);
  const { result, pending, submit, setResult } = useSubmit();
  const errors = { ...clientErrors(ZSiteInput, values), ...(result && !result.ok ? result.fieldErrors : {}) };
  return (
    <Disclosure label="New site">
      <form
        noValidate
        className="grid gap-3 md:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (Object.keys(clientErrors(ZSiteInput, values)).length) {
            setResult({ ok: false, message: "Some fields need attention.", fieldErrors: {} });
            return;
          }
          submit(() =>
            siteMutation({
              method: "POST",
              path: "/v1/sites",
              body: values,
              message: "Site created.",
              redirectTo: "/sites/:id",
            }),
          );
        }}
      >
        {(["name", "location", "description"] as const).map((field) => (
          <div key={field}>
            <label className="label" htmlFor={`site-${field}`}>
              {field === "name" ? "Site name" : field[0]?.toUpperCase() + field.slice(1)}
            </label>
            <input
              id={`site-${field}`}
              className="input"
              value={values[field]}
              aria-invalid={submitted && Boolean(errors[`/${field}`])}
              onChange={(e) => setValues({ ...values, [field]: e.target.value })}
            />
            {submitted ? <FieldError errors={errors} path={`/${field}`} /> : null}
          </div>
        ))}
        <div className="flex items-center gap-3 md:col-span-3">
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Creating…" : "Create site"}
          </button>
          <Message result={result} />
        </div>
      </form>
    </Disclosure>
  );
}

export function ImportSiteForm() {
  const [text, setText] = useState("");
  const { result, pending, submit } = useSubmit();
  return (
    <Disclosure label="Import a site from JSON">
      <p className="mb-2 text-sm text-slate-600">
        Paste or choose a site document (an export of another site, or an evaluation document with a site name
        and a catalog reference per component). It is checked whole; nothing is created unless all of it is
        valid.
      </p>
      <input
        type="file"
        accept="application/json,.json"
        aria-label="Site document file"
        className="mb-2 text-sm"
        onChange={async (e) => setText((await e.target.files?.[0]?.text()) ?? "")}
      />
      <textarea
        aria-label="Site document"
        className="input font-mono text-xs"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="mt-2 flex items-center gap-3">
        <button
          type="button"
          className="btn-primary"
          disabled={pending || !text.trim()}
          onClick={() => {
            let body: unknown;
            try {
              body = JSON.parse(text);
            } catch {
              submit(async () => ({ ok: false, message: "This is not valid JSON.", fieldErrors: {} }));
              return;
            }
            submit(() =>
              siteMutation({
                method: "POST",
                path: "/v1/sites/import",
                body,
                message: "Imported.",
                redirectTo: "/sites/:id",
              }),
            );
          }}
        >
          {pending ? "Importing…" : "Import site"}
        </button>
        <Message result={result} />
      </div>
      {result && !result.ok && Object.keys(result.fieldErrors).length ? (
        <ul className="mt-2 list-disc pl-5 text-sm text-red-700" aria-label="Problems in the document">
          {Object.entries(result.fieldErrors).map(([path, message]) => (
            <li key={path}>
              <code>{path}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </Disclosure>
  );
}

export function ZoneForm({ siteId }: { siteId: string }) {
  const [values, setValues] = useState({
    name: "",
    description: "",
    slT: [2, 2, 2, 1, 2, 1, 2],
    minimumBasis: "self_declared" as TAssuranceBasis,
  });
  const [submitted, setSubmitted] = useState(false);
  const { result, pending, submit } = useSubmit();
  const errors = { ...clientErrors(ZZoneInput, values), ...(result && !result.ok ? result.fieldErrors : {}) };
  return (
    <Disclosure label="Add a zone">
      <form
        noValidate
        className="grid gap-3 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (Object.keys(clientErrors(ZZoneInput, values)).length) return;
          submit(
            () =>
              siteMutation({
                method: "POST",
                path: `/v1/sites/${siteId}/zones`,
                body: values,
                siteId,
                message: "Zone added.",
              }),
            () => setValues({ ...values, name: "", description: "" }),
          );
        }}
      >
        <div>
          <label className="label" htmlFor="zone-name">
            Zone name
          </label>
          <input
            id="zone-name"
            className="input"
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
          />
          {submitted ? <FieldError errors={errors} path="/name" /> : null}
          <label className="label mt-3" htmlFor="zone-description">
            Description
          </label>
          <input
            id="zone-description"
            className="input"
            value={values.description}
            onChange={(e) => setValues({ ...values, description: e.target.value })}
          />
          <label className="label mt-3" htmlFor="zone-basis">
            Minimum assurance basis
          </label>
          <select
            id="zone-basis"
            className="input"
            value={values.minimumBasis}
            onChange={(e) => setValues({ ...values, minimumBasis: e.target.value as TAssuranceBasis })}
          >
            {ASSURANCE_BASES.map((basis) => (
              <option key={basis} value={basis}>
                {BASIS_LABELS[basis]}
              </option>
            ))}
          </select>
        </div>
        <SlInputs
          label="SL-T"
          testId="zone-slt"
          value={values.slT}
          onChange={(slT) => setValues({ ...values, slT })}
        />
        <div className="flex items-center gap-3 md:col-span-2">
          <button type="submit" className="btn-primary" disabled={pending}>
            Add zone
          </button>
          <Message result={result} />
        </div>
      </form>
    </Disclosure>
  );
}

export function ConduitForm({ siteId, zones }: { siteId: string; zones: { id: string; name: string }[] }) {
  const [values, setValues] = useState({
    name: "",
    fromZoneId: zones[0]?.id ?? "",
    toZoneId: zones[1]?.id ?? "",
    protocols: "",
    inherit: true,
    slT: [2, 2, 2, 2, 2, 2, 2],
  });
  const [submitted, setSubmitted] = useState(false);
  const { result, pending, submit } = useSubmit();
  const body = {
    name: values.name,
    fromZoneId: values.fromZoneId,
    toZoneId: values.toZoneId,
    protocols: values.protocols
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
    ...(values.inherit ? {} : { slT: values.slT }),
  };
  const errors = {
    ...clientErrors(ZConduitInput, body),
    ...(result && !result.ok ? result.fieldErrors : {}),
  };
  return (
    <Disclosure label="Add a conduit">
      <form
        noValidate
        className="grid gap-3 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (Object.keys(clientErrors(ZConduitInput, body)).length) return;
          submit(() =>
            siteMutation({
              method: "POST",
              path: `/v1/sites/${siteId}/conduits`,
              body,
              siteId,
              message: "Conduit added.",
            }),
          );
        }}
      >
        <div className="space-y-3">
          <div>
            <label className="label" htmlFor="conduit-name">
              Conduit name
            </label>
            <input
              id="conduit-name"
              className="input"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
            />
            {submitted ? <FieldError errors={errors} path="/name" /> : null}
          </div>
          {(["fromZoneId", "toZoneId"] as const).map((end) => (
            <div key={end}>
              <label className="label" htmlFor={`conduit-${end}`}>
                {end === "fromZoneId" ? "From zone" : "To zone"}
              </label>
              <select
                id={`conduit-${end}`}
                className="input"
                value={values[end]}
                onChange={(e) => setValues({ ...values, [end]: e.target.value })}
              >
                {zones.map((zone) => (
                  <option key={zone.id} value={zone.id}>
                    {zone.name}
                  </option>
                ))}
              </select>
              {submitted ? <FieldError errors={errors} path={`/${end}`} /> : null}
            </div>
          ))}
          <div>
            <label className="label" htmlFor="conduit-protocols">
              Protocols
            </label>
            <input
              id="conduit-protocols"
              className="input"
              placeholder="OPC UA, Modbus/TCP"
              value={values.protocols}
              onChange={(e) => setValues({ ...values, protocols: e.target.value })}
            />
          </div>
        </div>
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.inherit}
              onChange={(e) => setValues({ ...values, inherit: e.target.checked })}
            />
            SL-T from the two zones (the stricter per FR)
          </label>
          {values.inherit ? null : (
            <SlInputs
              label="Conduit SL-T"
              testId="conduit-slt"
              value={values.slT}
              onChange={(slT) => setValues({ ...values, slT })}
            />
          )}
        </div>
        <div className="flex items-center gap-3 md:col-span-2">
          <button type="submit" className="btn-primary" disabled={pending || zones.length < 2}>
            Add conduit
          </button>
          {zones.length < 2 ? (
            <span className="text-sm text-slate-500">A conduit needs two zones.</span>
          ) : null}
          <Message result={result} />
        </div>
      </form>
    </Disclosure>
  );
}

export interface CatalogOption {
  id: string;
  supplierTenantId: string;
  label: string;
  versions: string[];
}

export function AssetForm({
  siteId,
  location,
  catalog,
}: {
  siteId: string;
  location: { kind: "zone"; zoneId: string } | { kind: "conduit"; conduitId: string };
  catalog: CatalogOption[];
}) {
  const [values, setValues] = useState({ name: "", componentId: "", version: "", count: 1, role: "" });
  const [submitted, setSubmitted] = useState(false);
  const { result, pending, submit } = useSubmit();
  const component = catalog.find((c) => c.id === values.componentId);
  const body = {
    name: values.name,
    location,
    supplierTenantId: component?.supplierTenantId ?? "",
    componentId: values.componentId,
    version: values.version,
    count: values.count,
    role: values.role,
  };
  const errors = {
    ...clientErrors(ZSiteAssetInput, body),
    ...(result && !result.ok ? result.fieldErrors : {}),
  };
  return (
    <Disclosure label="Add an asset">
      <form
        noValidate
        className="grid gap-3 md:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (Object.keys(clientErrors(ZSiteAssetInput, body)).length) return;
          submit(
            () =>
              siteMutation({
                method: "POST",
                path: `/v1/sites/${siteId}/assets`,
                body,
                siteId,
                message: "Asset added.",
              }),
            () => setValues({ name: "", componentId: "", version: "", count: 1, role: "" }),
          );
        }}
      >
        <div>
          <label className="label" htmlFor="asset-name">
            Asset name or tag
          </label>
          <input
            id="asset-name"
            className="input"
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
          />
          {submitted ? <FieldError errors={errors} path="/name" /> : null}
        </div>
        <div>
          <label className="label" htmlFor="asset-component">
            Catalog component
          </label>
          <select
            id="asset-component"
            className="input"
            value={values.componentId}
            onChange={(e) => {
              const next = catalog.find((c) => c.id === e.target.value);
              setValues({
                ...values,
                componentId: e.target.value,
                version: next?.versions.at(-1) ?? values.version,
              });
            }}
          >
            <option value="">Choose a component…</option>
            {catalog.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
          {submitted ? <FieldError errors={errors} path="/componentId" /> : null}
        </div>
        <div>
          <label className="label" htmlFor="asset-version">
            Deployed version
          </label>
          <input
            id="asset-version"
            className="input"
            list="asset-versions"
            value={values.version}
            onChange={(e) => setValues({ ...values, version: e.target.value })}
          />
          <datalist id="asset-versions">
            {component?.versions.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          {submitted ? <FieldError errors={errors} path="/version" /> : null}
        </div>
        <div>
          <label className="label" htmlFor="asset-count">
            Count
          </label>
          <input
            id="asset-count"
            type="number"
            min={1}
            className="input"
            value={values.count}
            onChange={(e) => setValues({ ...values, count: Number(e.target.value) })}
          />
          {submitted ? <FieldError errors={errors} path="/count" /> : null}
        </div>
        <div className="md:col-span-2">
          <label className="label" htmlFor="asset-role">
            Role
          </label>
          <input
            id="asset-role"
            className="input"
            value={values.role}
            onChange={(e) => setValues({ ...values, role: e.target.value })}
          />
        </div>
        <div className="flex items-center gap-3 md:col-span-3">
          <button type="submit" className="btn-primary" disabled={pending}>
            Add asset
          </button>
          <Message result={result} />
        </div>
      </form>
    </Disclosure>
  );
}

export function CountermeasureForm({
  siteId,
  targets,
  initial,
}: {
  siteId: string;
  targets: { kind: "asset" | "zone" | "conduit"; id: string; label: string }[];
  initial?: { target?: string; frs?: number[]; raisesTo?: number };
}) {
  const [values, setValues] = useState({
    name: "",
    description: "",
    target: initial?.target ?? (targets[0] ? `${targets[0].kind}:${targets[0].id}` : ""),
    frs: initial?.frs ?? ([] as number[]),
    raisesTo: initial?.raisesTo ?? 2,
    kind: "technical" as "technical" | "procedural",
    responsibleParty: "asset_owner" as "asset_owner" | "integrator" | "supplier",
    evidence: "",
  });
  const [submitted, setSubmitted] = useState(false);
  const { result, pending, submit } = useSubmit();
  const [kind, id] = values.target.split(":");
  const body = {
    name: values.name,
    description: values.description,
    scope: { kind, id },
    frs: values.frs,
    raisesTo: values.raisesTo,
    kind: values.kind,
    responsibleParty: values.responsibleParty,
    evidence: values.evidence,
  };
  const errors = {
    ...clientErrors(ZSiteCountermeasureInput, body),
    ...(result && !result.ok ? result.fieldErrors : {}),
  };
  return (
    <Disclosure label="Record a countermeasure" open={Boolean(initial?.target)}>
      <form
        noValidate
        aria-label="Countermeasure"
        className="grid gap-3 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (Object.keys(clientErrors(ZSiteCountermeasureInput, body)).length) return;
          submit(() =>
            siteMutation({
              method: "POST",
              path: `/v1/sites/${siteId}/countermeasures`,
              body,
              siteId,
              message: "Countermeasure recorded.",
            }),
          );
        }}
      >
        <div>
          <label className="label" htmlFor="cm-name">
            Countermeasure
          </label>
          <input
            id="cm-name"
            className="input"
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
          />
          {submitted ? <FieldError errors={errors} path="/name" /> : null}
        </div>
        <div>
          <label className="label" htmlFor="cm-target">
            Applies to
          </label>
          <select
            id="cm-target"
            className="input"
            value={values.target}
            onChange={(e) => setValues({ ...values, target: e.target.value })}
          >
            {targets.map((t) => (
              <option key={`${t.kind}:${t.id}`} value={`${t.kind}:${t.id}`}>
                {t.kind}: {t.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="label">Foundational requirements</legend>
          <div className="flex flex-wrap gap-2">
            {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
              <label key={fr.fr} className="flex items-center gap-1 text-sm" title={fr.name}>
                <input
                  type="checkbox"
                  aria-label={`FR${fr.fr} ${fr.code}`}
                  checked={values.frs.includes(fr.fr)}
                  onChange={(e) =>
                    setValues({
                      ...values,
                      frs: e.target.checked
                        ? [...values.frs, fr.fr].sort()
                        : values.frs.filter((x) => x !== fr.fr),
                    })
                  }
                />
                FR{fr.fr} {fr.code}
              </label>
            ))}
          </div>
          {submitted ? <FieldError errors={errors} path="/frs" /> : null}
        </fieldset>
        <div className="grid grid-cols-3 gap-2">
          <div>
            <label className="label" htmlFor="cm-raises">
              Raises to
            </label>
            <select
              id="cm-raises"
              className="input"
              value={values.raisesTo}
              onChange={(e) => setValues({ ...values, raisesTo: Number(e.target.value) })}
            >
              {[1, 2, 3, 4].map((level) => (
                <option key={level} value={level}>
                  SL {level}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="label" htmlFor="cm-kind">
              Kind
            </label>
            <select
              id="cm-kind"
              className="input"
              value={values.kind}
              onChange={(e) => setValues({ ...values, kind: e.target.value as "technical" })}
            >
              <option value="technical">Technical</option>
              <option value="procedural">Procedural</option>
            </select>
          </div>
          <div>
            <label className="label" htmlFor="cm-party">
              Responsible
            </label>
            <select
              id="cm-party"
              className="input"
              value={values.responsibleParty}
              onChange={(e) => setValues({ ...values, responsibleParty: e.target.value as "asset_owner" })}
            >
              <option value="asset_owner">Asset owner</option>
              <option value="integrator">Integrator</option>
              <option value="supplier">Supplier</option>
            </select>
          </div>
        </div>
        <div>
          <label className="label" htmlFor="cm-description">
            Description
          </label>
          <input
            id="cm-description"
            className="input"
            value={values.description}
            onChange={(e) => setValues({ ...values, description: e.target.value })}
          />
        </div>
        <div>
          <label className="label" htmlFor="cm-evidence">
            Evidence
          </label>
          <input
            id="cm-evidence"
            className="input"
            placeholder="Document, test report or ticket"
            value={values.evidence}
            onChange={(e) => setValues({ ...values, evidence: e.target.value })}
          />
        </div>
        <div className="flex items-center gap-3 md:col-span-2">
          <button type="submit" className="btn-primary" disabled={pending}>
            Record countermeasure
          </button>
          <Message result={result} />
        </div>
      </form>
    </Disclosure>
  );
}

/** A destructive or one-click change with If-Match; asks for confirmation first. */
export function ActionButton({
  label,
  confirm,
  method,
  path,
  body,
  version,
  siteId,
  className = "btn-secondary",
  redirectTo,
}: {
  label: string;
  confirm?: string;
  method: "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  version?: number;
  siteId?: string;
  className?: string;
  redirectTo?: string;
}) {
  const { result, pending, submit } = useSubmit();
  return (
    <span className="inline-flex flex-col">
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          submit(() =>
            siteMutation({
              method,
              path,
              ...(body === undefined ? {} : { body }),
              ...(version === undefined ? {} : { version }),
              ...(siteId ? { siteId } : {}),
              ...(redirectTo ? { redirectTo } : {}),
              message: "Done.",
            }),
          );
        }}
      >
        {pending ? "…" : label}
      </button>
      {result && !result.ok ? <span className="field-error">{result.message}</span> : null}
    </span>
  );
}
