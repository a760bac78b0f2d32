import {
  isOverdue,
  OBLIGATION_SOURCE_LABELS,
  OBLIGATION_STATUS_LABELS,
  PARTY_LABELS,
  ZSiteObligation,
} from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { api, isNotFound } from "@/lib/api";
import { ActionButton } from "../../../site-forms";
import { DueForm, EvidenceForm, WaiverForm } from "./obligation-forms";

export const metadata = { title: "Obligation" };

const STATUS_STYLES = {
  open: "bg-slate-100 text-slate-800",
  in_progress: "bg-sky-100 text-sky-900",
  met: "bg-emerald-100 text-emerald-900",
  waived: "bg-amber-100 text-amber-900",
} as const;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export default async function ObligationPage({
  params,
}: {
  params: Promise<{ id: string; obligationId: string }>;
}) {
  const { id, obligationId } = await params;
  let o: z.infer<typeof ZSiteObligation> & { role: string };
  try {
    o = (
      await api(ZSiteObligation.extend({ role: z.string() }), `/v1/sites/${id}/obligations/${obligationId}`)
    ).data;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const today = new Date().toISOString().slice(0, 10);
  const canWork = o.role !== "read" && o.active;
  const path = `/v1/sites/${id}/obligations/${o.id}`;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        {o.role === "obligee" ? (
          <Link href="/obligations">Obligations owed</Link>
        ) : (
          <Link href={`/sites/${id}/obligations`}>Site obligations</Link>
        )}
      </nav>
      <div>
        <div className="text-xs uppercase tracking-wide text-slate-500">
          {OBLIGATION_SOURCE_LABELS[o.source]}
          {o.reference ? ` · ${o.reference}` : ""} · {o.subject.label}
        </div>
        <h1 className="mt-1 text-xl leading-snug">{o.text}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <span className={`badge ${STATUS_STYLES[o.status]}`} data-testid="obligation-status">
            {OBLIGATION_STATUS_LABELS[o.status]}
          </span>
          <span className="text-slate-600">
            Responsible:{" "}
            <strong>{o.obligeeName ?? `${PARTY_LABELS[o.responsibleParty]} (not named yet)`}</strong>
          </span>
          {o.due ? (
            <span className={`badge ${isOverdue(o, today) ? "bg-red-600 text-white" : "bg-slate-100"}`}>
              due {o.due}
            </span>
          ) : null}
          {!o.active ? <span className="badge bg-slate-300">retired</span> : null}
        </div>
      </div>
      {canWork ? (
        <section className="card space-y-4" aria-label="Work on this obligation">
          <div className="flex flex-wrap gap-2">
            {(["open", "in_progress", "met"] as const)
              // Work can start only on an open obligation; a met or waived one can be reopened, not started.
              .filter(
                (s) => (NEXT_STATUSES[o.status] ?? []).includes(s) && (s !== "met" || o.evidence.length > 0),
              )
              .map((s) => (
                <ActionButton
                  key={s}
                  label={{ open: "Reopen", in_progress: "Start work", met: "Mark met" }[s]}
                  className={s === "met" ? "btn-primary" : "btn-secondary"}
                  method="PATCH"
                  path={path}
                  body={{ status: s }}
                  version={o.version}
                  siteId={id}
                />
              ))}
            {o.waiver?.state === "requested" && o.role === "owner" ? (
              <>
                <ActionButton
                  label="Approve waiver"
                  className="btn-primary"
                  method="POST"
                  path={`${path}/waiver/decision`}
                  body={{ approve: true }}
                  version={o.version}
                  siteId={id}
                />
                <ActionButton
                  label="Reject waiver"
                  className="btn-danger"
                  method="POST"
                  path={`${path}/waiver/decision`}
                  body={{ approve: false }}
                  version={o.version}
                  siteId={id}
                />
              </>
            ) : null}
          </div>
          {o.status !== "met" && o.evidence.length === 0 ? (
            <p className="text-sm text-slate-600">Attach evidence below to mark it met.</p>
          ) : null}
          {o.role === "owner" || o.role === "write" ? (
            <DueForm path={path} version={o.version} siteId={id} due={o.due} />
          ) : null}
        </section>
      ) : null}
      {o.waiver ? (
        <section className="card text-sm">
          <h2>Waiver ({o.waiver.state})</h2>
          <p className="mt-1">{o.waiver.justification}</p>
          <p className="mt-1 text-xs text-slate-500">
            Requested by {o.waiver.requestedBy}
            {o.waiver.approvedBy ? `; approved by ${o.waiver.approvedBy}` : ""}
          </p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">Evidence</h2>
        {o.evidence.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            No evidence yet.{" "}
            {canWork
              ? "Upload a file, link a document or write a note; marking the obligation met needs at least one piece."
              : "Marking the obligation met needs at least one piece."}
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="evidence-list">
            {o.evidence.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div>
                  {e.kind === "file" ? (
                    <a href={`/sites/${id}/obligations/${o.id}/evidence/${e.id}`} download>
                      {e.title}
                    </a>
                  ) : e.url ? (
                    <a href={e.url} rel="noreferrer noopener" target="_blank">
                      {e.title}
                    </a>
                  ) : (
                    <strong>{e.title}</strong>
                  )}
                  <span className="ml-2 badge bg-slate-100 text-slate-700">
                    {e.kind === "file" ? "file" : e.kind === "link" ? "link" : "note"}
                  </span>
                  {e.note ? <span className="text-slate-700"> — {e.note}</span> : null}
                  <div className="text-xs text-slate-500">
                    {e.kind === "file" && e.size !== undefined ? `${formatBytes(e.size)} · ` : ""}
                    {e.sha256 ? (
                      <span title={`SHA-256 ${e.sha256}`}>SHA-256 {e.sha256.slice(0, 12)}… · </span>
                    ) : null}
                    added {e.addedAt.slice(0, 10)} by{" "}
                    {e.addedByTenantId === o.ownerTenantId
                      ? "the asset owner"
                      : e.addedByTenantId === o.obligeeTenantId
                        ? (o.obligeeName ?? "the obligee")
                        : "a partner"}
                  </div>
                </div>
                {canWork ? (
                  <ActionButton
                    label="Remove"
                    className="btn-danger px-2 py-1 text-xs"
                    confirm={`Remove “${e.title}” from this obligation?`}
                    method="DELETE"
                    path={`${path}/evidence/${e.id}`}
                    version={o.version}
                    siteId={id}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canWork ? <EvidenceForm path={path} version={o.version} siteId={id} obligationId={o.id} /> : null}
      </section>
      {canWork && o.status !== "waived" && o.status !== "met" && o.waiver?.state !== "requested" ? (
        <WaiverForm path={path} version={o.version} siteId={id} />
      ) : null}
      <section className="card">
        <h2>History</h2>
        <ol className="mt-2 space-y-1 text-sm" data-testid="obligation-history">
          {[...o.history].reverse().map((h) => (
            <li key={`${h.at}-${h.action}-${h.to ?? ""}`}>
              <span className="text-slate-500">{h.at.slice(0, 16).replace("T", " ")}</span> ·{" "}
              <strong className="font-medium">{h.actorName ?? "someone"}</strong> {historyText(h)}
              {h.note ? ` — ${h.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** Which status changes make sense from each status: start work only on open work. */
const NEXT_STATUSES: Record<string, readonly string[]> = {
  open: ["in_progress", "met"],
  in_progress: ["open", "met"],
  met: ["open"],
  waived: ["open"],
};

const HISTORY_VERBS: Record<string, string> = {
  created: "created it",
  status: "changed the status",
  due: "changed the due date",
  evidence_added: "added evidence",
  evidence_removed: "removed evidence",
  waiver_requested: "requested a waiver",
  waiver_approved: "approved the waiver",
  waiver_rejected: "rejected the waiver",
  regenerated: "updated it from the site model",
  reassigned: "reassigned it",
  retired: "retired it",
  reactivated: "reactivated it",
};

/** A history entry in words: statuses by their labels, never the stored names ("in_progress"). */
function historyText(entry: { action: string; from?: string | undefined; to?: string | undefined }): string {
  const word = (value: string | undefined) =>
    value === undefined
      ? "—"
      : (OBLIGATION_STATUS_LABELS[value as keyof typeof OBLIGATION_STATUS_LABELS] ??
        value.replaceAll("_", " "));
  const verb = HISTORY_VERBS[entry.action] ?? entry.action.replaceAll("_", " ");
  if (entry.action === "status") return `${verb}: ${word(entry.from)} → ${word(entry.to)}`;
  if (entry.from || entry.to) return `${verb}: ${entry.from ?? "—"} → ${entry.to ?? "—"}`;
  return verb;
}
