import {
  FOUNDATIONAL_REQUIREMENTS,
  GROUP_STATUS_LABELS,
  groupStatus,
  type TGroupStatus,
} from "@assure/shared";

const LEVEL_STYLES = [
  "bg-slate-100 text-slate-600",
  "bg-amber-100 text-amber-900",
  "bg-sky-100 text-sky-900",
  "bg-blue-200 text-blue-950",
  "bg-indigo-300 text-indigo-950",
];

/** The seven levels of an SL vector as compact labelled cells (FR1 … FR7). */
export function SlVector({ levels, label }: { levels: readonly number[]; label: string }) {
  return (
    <ol className="flex gap-1" aria-label={label}>
      {FOUNDATIONAL_REQUIREMENTS.map((fr, i) => (
        <li
          key={fr.fr}
          title={`FR${fr.fr} ${fr.name}: SL ${levels[i]}`}
          className={`grid w-8 place-items-center rounded py-0.5 text-xs font-semibold ${LEVEL_STYLES[levels[i] ?? 0]}`}
        >
          <span className="sr-only">
            FR{fr.fr} {fr.code}:{" "}
          </span>
          {levels[i]}
        </li>
      ))}
    </ol>
  );
}

export function FrHeader() {
  return (
    <div className="flex gap-1 text-[10px] font-medium text-slate-500" aria-hidden>
      {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
        <span key={fr.fr} className="w-8 text-center">
          {fr.code}
        </span>
      ))}
    </div>
  );
}

const BASIS_LABELS = {
  self_declared: { label: "Self-declared", style: "bg-slate-100 text-slate-700" },
  third_party_assessed: { label: "Third-party assessed", style: "bg-teal-100 text-teal-900" },
  certified: { label: "Certified", style: "bg-emerald-100 text-emerald-900" },
} as const;

export function BasisBadge({ basis }: { basis: keyof typeof BASIS_LABELS }) {
  const { label, style } = BASIS_LABELS[basis];
  return <span className={`badge ${style}`}>{label}</span>;
}

export function VerifiedBadge({ verified }: { verified: boolean }) {
  return verified ? (
    <span
      className="badge bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200"
      title="Identity verified by the platform"
    >
      ✓ Verified supplier
    </span>
  ) : (
    <span className="badge bg-slate-50 text-slate-500 ring-1 ring-slate-200">Unverified supplier</span>
  );
}

const STATUS_STYLES = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-emerald-100 text-emerald-900",
  withdrawn: "bg-slate-200 text-slate-700",
} as const;

export function StatusBadge({ status }: { status: keyof typeof STATUS_STYLES }) {
  return <span className={`badge ${STATUS_STYLES[status]}`}>{status}</span>;
}

const GROUP_STATUS_STYLES: Record<TGroupStatus, string> = {
  compliant: "bg-emerald-100 text-emerald-900",
  not_compliant: "bg-red-100 text-red-800",
  empty: "bg-slate-100 text-slate-700",
};

/** A zone's or conduit's standing; a zone without assets is neither compliant nor failing. */
export function GroupStatusBadge({
  group,
  notCompliantLabel = GROUP_STATUS_LABELS.not_compliant,
}: {
  group: { compliant: boolean; empty?: boolean };
  notCompliantLabel?: string;
}) {
  const state = groupStatus(group);
  return (
    <span className={`badge ${GROUP_STATUS_STYLES[state]}`}>
      {state === "not_compliant" ? notCompliantLabel : GROUP_STATUS_LABELS[state]}
    </span>
  );
}
