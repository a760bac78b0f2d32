import type { TSeverity } from "@assure/shared";

const STYLES: Record<TSeverity, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-red-100 text-red-800",
  medium: "bg-amber-100 text-amber-900",
  low: "bg-sky-100 text-sky-900",
  none: "bg-slate-100 text-slate-700",
};

/** CVSS v3 rating with the score, e.g. "critical 9.8". */
export function SeverityBadge({ severity, score }: { severity: TSeverity | null; score: number | null }) {
  if (!severity) return <span className="badge bg-slate-100 text-slate-600">no CVSS</span>;
  return (
    <span className={`badge ${STYLES[severity]}`} title={`CVSS base score ${score ?? "?"}`}>
      {severity} {score === null ? "" : score.toFixed(1)}
    </span>
  );
}

export const formatDate = (iso: string) => iso.slice(0, 10);
