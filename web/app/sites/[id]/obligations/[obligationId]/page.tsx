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
import { EvidenceForm, WaiverForm } from "./obligation-forms";

export const metadata = { title: "Obligation" };

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
        <h1 className="mt-1">{o.text}</h1>
        <div className="mt-2 flex flex-wrap gap-2 text-sm">
          <span className="badge bg-slate-100">{OBLIGATION_STATUS_LABELS[o.status]}</span>
          <span className="badge bg-slate-100">{o.obligeeName ?? PARTY_LABELS[o.responsibleParty]}</span>
          {o.due ? (
            <span className={`badge ${isOverdue(o, today) ? "bg-red-600 text-white" : "bg-slate-100"}`}>
              due {o.due}
            </span>
          ) : null}
          {!o.active ? <span className="badge bg-slate-300">retired</span> : null}
        </div>
      </div>
      {canWork ? (
        <div className="flex flex-wrap gap-2">
          {(["open", "in_progress", "met"] as const)
            .filter((s) => s !== o.status)
            .map((s) => (
              <ActionButton
                key={s}
                label={`Set ${OBLIGATION_STATUS_LABELS[s].toLowerCase()}`}
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
      <section className="card">
        <h2>Evidence</h2>
        {o.evidence.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            No evidence yet. Marking the obligation met needs at least one piece.
          </p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {o.evidence.map((e) => (
              <li key={e.id}>
                {e.url ? (
                  <a href={e.url} rel="noreferrer noopener" target="_blank">
                    {e.title}
                  </a>
                ) : (
                  <strong>{e.title}</strong>
                )}
                {e.note ? ` — ${e.note}` : ""}{" "}
                <span className="text-xs text-slate-500">({e.addedAt.slice(0, 10)})</span>
              </li>
            ))}
          </ul>
        )}
        {canWork ? <EvidenceForm path={path} version={o.version} siteId={id} /> : null}
      </section>
      {canWork && o.status !== "waived" && o.waiver?.state !== "requested" ? (
        <WaiverForm path={path} version={o.version} siteId={id} />
      ) : null}
      <section className="card">
        <h2>History</h2>
        <ol className="mt-2 space-y-1 text-sm" data-testid="obligation-history">
          {[...o.history].reverse().map((h) => (
            <li key={`${h.at}-${h.action}-${h.to ?? ""}`}>
              <span className="text-slate-500">{h.at.slice(0, 16).replace("T", " ")}</span> ·{" "}
              {h.action.replaceAll("_", " ")}
              {h.from || h.to ? ` ${h.from ?? ""} → ${h.to ?? ""}` : ""}
              {h.note ? ` — ${h.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
