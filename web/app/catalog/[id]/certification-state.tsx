import { certificationState, type TCertificationView } from "@assure/shared";

const STYLES = {
  valid: "bg-emerald-100 text-emerald-900",
  expiring_soon: "bg-amber-100 text-amber-900",
  expired: "bg-red-100 text-red-800",
  not_yet_valid: "bg-slate-100 text-slate-700",
  suspended: "bg-red-100 text-red-800",
  revoked: "bg-red-100 text-red-800",
} as const;

/** A certification's state on a date: valid, expiring soon (90 days), expired, not yet valid, suspended, revoked. */
export function CertificationStateBadge({
  certification,
  today,
}: {
  certification: Pick<TCertificationView, "status" | "issued" | "expires">;
  today: string;
}) {
  const { state, daysLeft } = certificationState(certification, today);
  const label =
    state === "expiring_soon"
      ? `Expiring soon (${daysLeft} days)`
      : state === "not_yet_valid"
        ? "Not yet valid"
        : state.charAt(0).toUpperCase() + state.slice(1);
  return (
    <span className={`badge ${STYLES[state]}`} data-testid="certification-state">
      {label}
    </span>
  );
}
