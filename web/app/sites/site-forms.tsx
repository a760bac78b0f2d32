"use client";

import {
  ASSURANCE_BASES,
  FOUNDATIONAL_REQUIREMENTS,
  type TAssetLocation,
  type TAssuranceBasis,
  ZConduitInput,
  ZSiteAssetInput,
  ZSiteAssetPatch,
  ZSiteCountermeasureInput,
  ZSiteInput,
  ZZoneInput,
} from "@assure/shared";
import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState, useTransition } from "react";
import type { z } from "zod";
import { type FormResult, issuesToFieldErrors } from "@/lib/form-result";
import { siteMutation } from "./actions";

const BASIS_LABELS: Record<TAssuranceBasis, string> = {
  self_declared: "Self-declared",
  third_party_assessed: "Third-party assessed",
  certified: "Certified",
};

/** Lets a form inside an EditDialog close it once saved. */
const DialogContext = createContext<{ close: () => void } | null>(null);

function useSubmit() {
  const [result, setResult] = useState<FormResult | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const dialog = useContext(DialogContext);
  const submit = (run: () => Promise<FormResult>, onOk?: () => void) =>
    start(async () => {
      const answer = await run();
      setResult(answer);
      if (answer.ok) {
        onOk?.();
        dialog?.close();
        router.refresh();
      }
    });
  return { result, setResult, pending, submit };
}

/** An "Edit" button that opens its form in a modal dialog (native <dialog>: focus stays inside, Esc closes). */
export function EditDialog({
  label,
  title,
  children,
  className = "btn-secondary px-2 py-1 text-xs",
}: {
  label: string;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const close = () => {
    ref.current?.close();
    setOpen(false);
  };
  // showModal() focuses the first control it finds, the Close button, because the form renders only once open:
  // move focus to the form's first field, where the person starts typing.
  useEffect(() => {
    if (!open) return;
    body.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
  }, [open]);
  return (
    <>
      <button
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          ref.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog
        ref={ref}
        aria-label={title}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(46rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 className="text-base">{title}</h2>
          <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={close}>
            Close
          </button>
        </div>
        <div className="p-5" ref={body}>
          {open ? <DialogContext.Provider value={{ close }}>{children}</DialogContext.Provider> : null}
        </div>
      </dialog>
    </>
  );
}

/** Validates with the API's own schema first; server errors come back keyed by the same JSON pointers. */
function clientErrors(schema: z.ZodType, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value);
  return parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
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

function FieldError({ errors, path, id }: { errors: Record<string, string>; path: string; id?: string }) {
  const message = Object.entries(errors).find(([p]) => p === path || p.startsWith(`${path}/`))?.[1];
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
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
  // `open` is where it starts; afterwards the reader decides (a page refresh must not fold a form away).
  const [isOpen, setOpen] = useState(open);
  return (
    <details className="card" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)}>
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

export interface ZoneValues {
  id: string;
  version: number;
  name: string;
  description: string;
  slT: number[];
  minimumBasis: TAssuranceBasis;
}

/** Adds a zone, or (with `existing`) edits one with If-Match; validated inline with the API's schema. */
export function ZoneForm({
  siteId,
  existing,
  open = false,
}: {
  siteId: string;
  existing?: ZoneValues;
  /** Start with the "Add a zone" disclosure open (an empty site). */
  open?: boolean;
}) {
  const initial = {
    name: existing?.name ?? "",
    description: existing?.description ?? "",
    slT: existing?.slT ?? [2, 2, 2, 1, 2, 1, 2],
    minimumBasis: existing?.minimumBasis ?? ("self_declared" as TAssuranceBasis),
  };
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const { result, pending, submit } = useSubmit();
  const errors = { ...clientErrors(ZZoneInput, values), ...(result && !result.ok ? result.fieldErrors : {}) };
  const show = (field: string) => submitted || touched[field];
  const prefix = existing ? `zone-edit-${existing.id}` : "zone";
  const form = (
    <form
      noValidate
      aria-label={existing ? `Edit zone ${existing.name}` : "New zone"}
      className="grid gap-3 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.keys(clientErrors(ZZoneInput, values)).length) return;
        submit(
          () =>
            siteMutation({
              method: existing ? "PATCH" : "POST",
              path: existing ? `/v1/sites/${siteId}/zones/${existing.id}` : `/v1/sites/${siteId}/zones`,
              body: values,
              ...(existing ? { version: existing.version } : {}),
              siteId,
              message: existing ? "Zone saved." : "Zone added.",
            }),
          () => {
            if (!existing) {
              setValues({ ...values, name: "", description: "" });
              setSubmitted(false);
              setTouched({});
            }
          },
        );
      }}
    >
      <div>
        <label className="label" htmlFor={`${prefix}-name`}>
          Zone name
        </label>
        <input
          id={`${prefix}-name`}
          className="input"
          value={values.name}
          aria-invalid={Boolean(show("name") && errors["/name"])}
          aria-describedby={`${prefix}-name-error`}
          onBlur={() => setTouched({ ...touched, name: true })}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
        />
        {show("name") ? <FieldError errors={errors} path="/name" id={`${prefix}-name-error`} /> : null}
        <label className="label mt-3" htmlFor={`${prefix}-description`}>
          Description
        </label>
        <input
          id={`${prefix}-description`}
          className="input"
          value={values.description}
          onChange={(e) => setValues({ ...values, description: e.target.value })}
        />
        <label className="label mt-3" htmlFor={`${prefix}-basis`}>
          Minimum assurance basis
        </label>
        <select
          id={`${prefix}-basis`}
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
      <div>
        <SlInputs
          label="SL-T"
          testId={existing ? "zone-edit-slt" : "zone-slt"}
          value={values.slT}
          onChange={(slT) => setValues({ ...values, slT })}
        />
        <p className="mt-2 text-xs text-slate-500">
          The target security level per foundational requirement, from the zone's risk assessment (IEC
          62443-3-2).
        </p>
      </div>
      <div className="flex items-center gap-3 md:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {existing ? "Save zone" : "Add zone"}
        </button>
        <Message result={result} />
      </div>
    </form>
  );
  return existing ? (
    form
  ) : (
    <Disclosure label="Add a zone" open={open}>
      {form}
    </Disclosure>
  );
}

export interface ConduitValues {
  id: string;
  version: number;
  name: string;
  fromZoneId: string;
  toZoneId: string;
  protocols: string[];
  description: string;
  slT?: number[] | undefined;
}

/** Adds a conduit between two zones, or (with `existing`) edits one with If-Match. */
export function ConduitForm({
  siteId,
  zones,
  existing,
}: {
  siteId: string;
  zones: { id: string; name: string }[];
  existing?: ConduitValues;
}) {
  const [values, setValues] = useState({
    name: existing?.name ?? "",
    fromZoneId: existing?.fromZoneId ?? zones[0]?.id ?? "",
    toZoneId: existing?.toZoneId ?? zones[1]?.id ?? "",
    protocols: existing?.protocols.join(", ") ?? "",
    description: existing?.description ?? "",
    inherit: existing ? !existing.slT : true,
    slT: existing?.slT ?? [2, 2, 2, 2, 2, 2, 2],
  });
  const [touched, setTouched] = useState<Record<string, boolean>>({});
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
    description: values.description,
    ...(values.inherit ? {} : { slT: values.slT }),
  };
  const errors = {
    ...clientErrors(ZConduitInput, body),
    ...(result && !result.ok ? result.fieldErrors : {}),
  };
  const show = (field: string) => submitted || touched[field];
  const prefix = existing ? `conduit-edit-${existing.id}` : "conduit";
  const form = (
    <form
      noValidate
      aria-label={existing ? `Edit conduit ${existing.name}` : "New conduit"}
      className="grid gap-3 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.keys(clientErrors(ZConduitInput, body)).length) return;
        submit(
          () =>
            siteMutation({
              method: existing ? "PATCH" : "POST",
              path: existing ? `/v1/sites/${siteId}/conduits/${existing.id}` : `/v1/sites/${siteId}/conduits`,
              // Editing back to inherited SL-T sends null, which clears the conduit's own SL-T.
              body: existing && values.inherit ? { ...body, slT: null } : body,
              ...(existing ? { version: existing.version } : {}),
              siteId,
              message: existing ? "Conduit saved." : "Conduit added.",
            }),
          () => {
            if (!existing) {
              setValues({ ...values, name: "", protocols: "", description: "" });
              setSubmitted(false);
              setTouched({});
            }
          },
        );
      }}
    >
      <div className="space-y-3">
        <div>
          <label className="label" htmlFor={`${prefix}-name`}>
            Conduit name
          </label>
          <input
            id={`${prefix}-name`}
            className="input"
            value={values.name}
            aria-invalid={Boolean(show("name") && errors["/name"])}
            onBlur={() => setTouched({ ...touched, name: true })}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
          />
          {show("name") ? <FieldError errors={errors} path="/name" /> : null}
        </div>
        {(["fromZoneId", "toZoneId"] as const).map((end) => (
          <div key={end}>
            <label className="label" htmlFor={`${prefix}-${end}`}>
              {end === "fromZoneId" ? "From zone" : "To zone"}
            </label>
            <select
              id={`${prefix}-${end}`}
              className="input"
              value={values[end]}
              aria-invalid={Boolean(errors[`/${end}`])}
              onChange={(e) => setValues({ ...values, [end]: e.target.value })}
            >
              {zones.map((zone) => (
                <option key={zone.id} value={zone.id}>
                  {zone.name}
                </option>
              ))}
            </select>
            {/* A conduit to its own zone is flagged at once, not only on submit. */}
            <FieldError errors={errors} path={`/${end}`} />
          </div>
        ))}
        <div>
          <label className="label" htmlFor={`${prefix}-protocols`}>
            Protocols
          </label>
          <input
            id={`${prefix}-protocols`}
            className="input"
            placeholder="OPC UA, Modbus/TCP"
            aria-describedby={`${prefix}-protocols-hint`}
            value={values.protocols}
            onChange={(e) => setValues({ ...values, protocols: e.target.value })}
          />
          <p id={`${prefix}-protocols-hint`} className="mt-1 text-xs text-slate-500">
            Separate with commas.
          </p>
          {show("protocols") || submitted ? <FieldError errors={errors} path="/protocols" /> : null}
        </div>
        <div>
          <label className="label" htmlFor={`${prefix}-description`}>
            Description
          </label>
          <input
            id={`${prefix}-description`}
            className="input"
            value={values.description}
            onChange={(e) => setValues({ ...values, description: e.target.value })}
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
          <div className="mt-2">
            <SlInputs
              label="Conduit SL-T"
              testId={existing ? "conduit-edit-slt" : "conduit-slt"}
              value={values.slT}
              onChange={(slT) => setValues({ ...values, slT })}
            />
          </div>
        )}
      </div>
      <div className="flex items-center gap-3 md:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending || zones.length < 2}>
          {existing ? "Save conduit" : "Add conduit"}
        </button>
        {zones.length < 2 ? <span className="text-sm text-slate-500">A conduit needs two zones.</span> : null}
        <Message result={result} />
      </div>
    </form>
  );
  return existing ? form : <Disclosure label="Add a conduit">{form}</Disclosure>;
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
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const show = (field: string) => submitted || touched[field];
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
  const errors: Record<string, string> = {
    ...clientErrors(ZSiteAssetInput, body),
    ...(values.componentId ? {} : { "/componentId": "choose a catalog component" }),
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
            () => {
              setValues({ name: "", componentId: "", version: "", count: 1, role: "" });
              setSubmitted(false);
              setTouched({});
            },
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
            aria-invalid={Boolean(show("name") && errors["/name"])}
            onBlur={() => setTouched({ ...touched, name: true })}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
          />
          {show("name") ? <FieldError errors={errors} path="/name" /> : null}
        </div>
        <div>
          <label className="label" htmlFor="asset-component">
            Catalog component
          </label>
          <select
            id="asset-component"
            className="input"
            value={values.componentId}
            aria-invalid={Boolean(show("componentId") && errors["/componentId"])}
            onBlur={() => setTouched({ ...touched, componentId: true })}
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
          {show("componentId") ? <FieldError errors={errors} path="/componentId" /> : null}
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
            aria-invalid={Boolean(show("version") && errors["/version"])}
            onBlur={() => setTouched({ ...touched, version: true })}
            onChange={(e) => setValues({ ...values, version: e.target.value })}
          />
          <datalist id="asset-versions">
            {component?.versions.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          {show("version") ? <FieldError errors={errors} path="/version" /> : null}
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
          {show("count") ? <FieldError errors={errors} path="/count" /> : null}
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

export interface CountermeasureValues {
  id: string;
  version: number;
  name: string;
  description: string;
  scope: { kind: "asset" | "zone" | "conduit"; id: string };
  frs: number[];
  raisesTo: number;
  kind: "technical" | "procedural";
  responsibleParty: "asset_owner" | "integrator" | "supplier";
  evidence: string;
}

/** Records a compensating countermeasure, or (with `existing`) edits one with If-Match. */
export function CountermeasureForm({
  siteId,
  targets,
  initial,
  existing,
  bare = false,
}: {
  siteId: string;
  targets: { kind: "asset" | "zone" | "conduit"; id: string; label: string }[];
  initial?: { target?: string; frs?: number[]; raisesTo?: number };
  existing?: CountermeasureValues;
  /** Without the disclosure around it (inside a dialog). */
  bare?: boolean;
}) {
  const [values, setValues] = useState({
    name: existing?.name ?? "",
    description: existing?.description ?? "",
    target: existing
      ? `${existing.scope.kind}:${existing.scope.id}`
      : (initial?.target ?? (targets[0] ? `${targets[0].kind}:${targets[0].id}` : "")),
    frs: existing?.frs ?? initial?.frs ?? ([] as number[]),
    raisesTo: existing?.raisesTo ?? initial?.raisesTo ?? 2,
    kind: existing?.kind ?? ("technical" as "technical" | "procedural"),
    responsibleParty:
      existing?.responsibleParty ?? ("asset_owner" as "asset_owner" | "integrator" | "supplier"),
    evidence: existing?.evidence ?? "",
  });
  const [touched, setTouched] = useState<Record<string, boolean>>({});
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
  const show = (field: string) => submitted || touched[field];
  const prefix = existing ? `cm-edit-${existing.id}` : bare ? "cm-gap" : "cm";
  const form = (
    <form
      noValidate
      aria-label={existing ? `Edit countermeasure ${existing.name}` : "New countermeasure"}
      className="grid gap-3 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.keys(clientErrors(ZSiteCountermeasureInput, body)).length) return;
        submit(
          () =>
            siteMutation({
              method: existing ? "PATCH" : "POST",
              path: existing
                ? `/v1/sites/${siteId}/countermeasures/${existing.id}`
                : `/v1/sites/${siteId}/countermeasures`,
              body,
              ...(existing ? { version: existing.version } : {}),
              siteId,
              message: existing ? "Countermeasure saved." : "Countermeasure recorded.",
            }),
          () => {
            if (!existing) {
              setValues({ ...values, name: "", description: "", evidence: "", frs: [] });
              setSubmitted(false);
              setTouched({});
            }
          },
        );
      }}
    >
      <div>
        <label className="label" htmlFor={`${prefix}-name`}>
          Countermeasure
        </label>
        <input
          id={`${prefix}-name`}
          className="input"
          value={values.name}
          placeholder="e.g. Jump host with MFA for engineering access"
          aria-invalid={Boolean(show("name") && errors["/name"])}
          onBlur={() => setTouched({ ...touched, name: true })}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
        />
        {show("name") ? <FieldError errors={errors} path="/name" /> : null}
      </div>
      <div>
        <label className="label" htmlFor={`${prefix}-target`}>
          Applies to
        </label>
        <select
          id={`${prefix}-target`}
          className="input"
          value={values.target}
          onChange={(e) => setValues({ ...values, target: e.target.value })}
        >
          {targets.map((t) => (
            <option key={`${t.kind}:${t.id}`} value={`${t.kind}:${t.id}`}>
              {t.kind === "asset" ? "Asset" : t.kind === "zone" ? "Zone" : "Conduit"}: {t.label}
            </option>
          ))}
        </select>
        {show("scope") ? <FieldError errors={errors} path="/scope" /> : null}
      </div>
      <fieldset className="md:col-span-2">
        <legend className="label">Foundational requirements it compensates</legend>
        <div className="flex flex-wrap gap-x-3 gap-y-1">
          {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
            <label key={fr.fr} className="flex items-center gap-1 text-sm" title={fr.name}>
              <input
                type="checkbox"
                aria-label={`FR${fr.fr} ${fr.code}`}
                checked={values.frs.includes(fr.fr)}
                onChange={(e) => {
                  setTouched({ ...touched, frs: true });
                  setValues({
                    ...values,
                    frs: e.target.checked
                      ? [...values.frs, fr.fr].sort()
                      : values.frs.filter((x) => x !== fr.fr),
                  });
                }}
              />
              FR{fr.fr} {fr.code}
            </label>
          ))}
        </div>
        {show("frs") ? <FieldError errors={errors} path="/frs" /> : null}
      </fieldset>
      <div className="grid grid-cols-3 gap-3 md:col-span-2">
        <div>
          <label className="label" htmlFor={`${prefix}-raises`}>
            Raises to
          </label>
          <select
            id={`${prefix}-raises`}
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
          <label className="label" htmlFor={`${prefix}-kind`}>
            Kind
          </label>
          <select
            id={`${prefix}-kind`}
            className="input"
            value={values.kind}
            onChange={(e) => setValues({ ...values, kind: e.target.value as "technical" })}
          >
            <option value="technical">Technical</option>
            <option value="procedural">Procedural</option>
          </select>
        </div>
        <div>
          <label className="label" htmlFor={`${prefix}-party`}>
            Responsible
          </label>
          <select
            id={`${prefix}-party`}
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
        <label className="label" htmlFor={`${prefix}-description`}>
          Description
        </label>
        <input
          id={`${prefix}-description`}
          className="input"
          value={values.description}
          onChange={(e) => setValues({ ...values, description: e.target.value })}
        />
      </div>
      <div>
        <label className="label" htmlFor={`${prefix}-evidence`}>
          Evidence
        </label>
        <input
          id={`${prefix}-evidence`}
          className="input"
          placeholder="Document, test report or ticket"
          value={values.evidence}
          onChange={(e) => setValues({ ...values, evidence: e.target.value })}
        />
      </div>
      <div className="flex items-center gap-3 md:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {existing ? "Save countermeasure" : "Record countermeasure"}
        </button>
        <Message result={result} />
      </div>
    </form>
  );
  return existing || bare ? (
    form
  ) : (
    <Disclosure label="Record a countermeasure" open={Boolean(initial?.target)}>
      {form}
    </Disclosure>
  );
}

export interface AssetValues {
  id: string;
  revision: number;
  /** Where the asset sits, as `zone:<id>` or `conduit:<id>`. */
  location: string;
  name: string;
  version: string;
  count: number;
  role: string;
  notes: string;
}

/** `zone:<id>` / `conduit:<id>` as the API's asset location. */
function parseLocation(value: string): TAssetLocation {
  const [kind, id = ""] = value.split(":");
  return kind === "conduit" ? { kind: "conduit", conduitId: id } : { kind: "zone", zoneId: id };
}

/**
 * Edits an asset's name, deployed version, count and role, or moves it to another zone or conduit of the site
 * (If-Match with its revision). Countermeasures recorded on the asset move with it.
 */
export function AssetEditForm({
  siteId,
  asset,
  versions,
  locations,
}: {
  siteId: string;
  asset: AssetValues;
  versions: string[];
  /** The site's zones and conduits the asset can sit in. */
  locations: { value: string; label: string }[];
}) {
  const [values, setValues] = useState({
    name: asset.name,
    version: asset.version,
    count: asset.count,
    role: asset.role,
    notes: asset.notes,
  });
  const [location, setLocation] = useState(asset.location);
  const moved = location !== asset.location;
  const body = moved ? { ...values, location: parseLocation(location) } : values;
  const [submitted, setSubmitted] = useState(false);
  const { result, pending, submit } = useSubmit();
  const errors = {
    ...clientErrors(ZSiteAssetPatch, values),
    ...(result && !result.ok ? result.fieldErrors : {}),
  };
  const prefix = `asset-edit-${asset.id}`;
  return (
    <form
      noValidate
      aria-label={`Edit asset ${asset.name}`}
      className="grid gap-3 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.keys(clientErrors(ZSiteAssetPatch, values)).length) return;
        submit(() =>
          siteMutation({
            method: "PATCH",
            path: `/v1/sites/${siteId}/assets/${asset.id}`,
            body,
            version: asset.revision,
            siteId,
            message: moved
              ? `Asset moved to ${locations.find((l) => l.value === location)?.label ?? "its new place"}.`
              : "Asset saved.",
            // A moved asset leaves this page: follow it to where it went, which says so and links back.
            ...(moved
              ? {
                  redirectTo: `/sites/${siteId}/zones/${location.split(":")[1]}?moved=${encodeURIComponent(values.name || asset.name)}&from=${asset.location.split(":")[1]}`,
                }
              : {}),
          }),
        );
      }}
    >
      <div>
        <label className="label" htmlFor={`${prefix}-name`}>
          Asset name or tag
        </label>
        <input
          id={`${prefix}-name`}
          className="input"
          value={values.name}
          aria-invalid={Boolean(errors["/name"])}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
        />
        <FieldError errors={errors} path="/name" />
      </div>
      <div>
        <label className="label" htmlFor={`${prefix}-version`}>
          Deployed version
        </label>
        <input
          id={`${prefix}-version`}
          className="input"
          list={`${prefix}-versions`}
          value={values.version}
          aria-invalid={Boolean(errors["/version"])}
          onChange={(e) => setValues({ ...values, version: e.target.value })}
        />
        <datalist id={`${prefix}-versions`}>
          {versions.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <FieldError errors={errors} path="/version" />
      </div>
      <div>
        <label className="label" htmlFor={`${prefix}-count`}>
          Count
        </label>
        <input
          id={`${prefix}-count`}
          type="number"
          min={1}
          className="input"
          value={values.count}
          aria-invalid={Boolean(errors["/count"])}
          onChange={(e) => setValues({ ...values, count: Number(e.target.value) })}
        />
        <FieldError errors={errors} path="/count" />
      </div>
      <div>
        <label className="label" htmlFor={`${prefix}-role`}>
          Role
        </label>
        <input
          id={`${prefix}-role`}
          className="input"
          value={values.role}
          onChange={(e) => setValues({ ...values, role: e.target.value })}
        />
      </div>
      <div className="md:col-span-2">
        <label className="label" htmlFor={`${prefix}-location`}>
          Zone or conduit
        </label>
        <select
          id={`${prefix}-location`}
          className="input"
          value={location}
          onChange={(e) => setLocation(e.target.value)}
        >
          {locations.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {moved ? (
          <p className="mt-1 text-xs text-slate-500">
            Saving moves the asset, with its countermeasures, and re-evaluates both places.
          </p>
        ) : null}
      </div>
      <div className="flex items-center gap-3 md:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {moved ? "Move asset" : "Save asset"}
        </button>
        {submitted && Object.keys(errors).length ? null : <Message result={result} />}
      </div>
    </form>
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
