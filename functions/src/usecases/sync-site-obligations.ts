import { createHash } from "node:crypto";
import {
  planSiteObligations,
  type TObligationHistoryEntry,
  type TPlannedObligation,
  type TSite,
  type TSiteObligation,
  ZSiteObligation,
} from "@assure/shared";
import type { Db } from "../db/client";
import { getTenantsById } from "../repos/components";
import { listSiteObligations, writeObligationChanges } from "../repos/obligations";
import { StaleWrite } from "../repos/site-items";
import { evaluateSite, loadSiteModel } from "./evaluate-site";

const BASE32 = "0123456789abcdefghijklmnopqrstuv";

/** A stable obligation id: the same site and source always give the same id (26 base32 characters). */
export function obligationIdFor(siteId: string, sourceKey: string): string {
  const bytes = createHash("sha256").update(`${siteId}|${sourceKey}`).digest();
  let bits = 0;
  let value = 0;
  let id = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && id.length < 26) {
      id += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (id.length === 26) break;
  }
  return id;
}

const MAX_HISTORY = 200;

function withHistory(
  obligation: TSiteObligation,
  entries: TObligationHistoryEntry[],
): TSiteObligation["history"] {
  return [...obligation.history, ...entries].slice(-MAX_HISTORY);
}

/** Compares what the site now gives rise to with what is tracked; keeps status, due date, evidence, history. */
export function reconcileObligations(input: {
  site: TSite;
  planned: TPlannedObligation[];
  stored: TSiteObligation[];
  actor: string;
  now: Date;
}): { obligation: TSiteObligation; expectedVersion: number | undefined }[] {
  const at = input.now.toISOString();
  const stored = new Map(input.stored.map((obligation) => [obligation.id, obligation]));
  const seen = new Set<string>();
  const changes: { obligation: TSiteObligation; expectedVersion: number | undefined }[] = [];
  for (const plan of input.planned) {
    const id = obligationIdFor(input.site.id, plan.sourceKey);
    if (seen.has(id)) continue;
    seen.add(id);
    const before = stored.get(id);
    const generated = {
      sourceKey: plan.sourceKey,
      source: plan.source,
      reference: plan.reference,
      subject: plan.subject,
      text: plan.text,
      frs: plan.frs,
      responsibleParty: plan.responsibleParty,
      obligeeTenantId: plan.obligeeTenantId,
      obligeeName: plan.obligeeName,
    };
    if (!before) {
      changes.push({
        expectedVersion: undefined,
        obligation: ZSiteObligation.parse({
          id,
          siteId: input.site.id,
          ownerTenantId: input.site.tenantId,
          ...generated,
          active: true,
          status: "open",
          evidence: [],
          history: [{ at, actor: input.actor, action: "created", to: "open" }],
          version: 1,
          createdAt: at,
          updatedAt: at,
        }),
      });
      continue;
    }
    const entries: TObligationHistoryEntry[] = [];
    if (!before.active)
      entries.push({ at, actor: input.actor, action: "reactivated", note: "its source is back" });
    if (
      before.obligeeTenantId !== plan.obligeeTenantId ||
      before.responsibleParty !== plan.responsibleParty
    ) {
      entries.push({
        at,
        actor: input.actor,
        action: "reassigned",
        from: before.obligeeName ?? before.responsibleParty,
        to: plan.obligeeName ?? plan.responsibleParty,
      });
    }
    if (
      before.text !== plan.text ||
      before.subject.label !== plan.subject.label ||
      before.frs.join() !== plan.frs.join()
    ) {
      entries.push({
        at,
        actor: input.actor,
        action: "regenerated",
        note: "the site changed; the text was updated",
      });
    }
    if (
      entries.length === 0 &&
      before.obligeeName === plan.obligeeName &&
      before.reference === plan.reference
    )
      continue;
    changes.push({
      expectedVersion: before.version,
      obligation: ZSiteObligation.parse({
        ...before,
        ...generated,
        active: true,
        history: withHistory(before, entries),
        version: before.version + 1,
        updatedAt: at,
      }),
    });
  }
  for (const before of input.stored) {
    if (seen.has(before.id) || !before.active) continue;
    changes.push({
      expectedVersion: before.version,
      obligation: ZSiteObligation.parse({
        ...before,
        active: false,
        history: withHistory(before, [
          { at, actor: input.actor, action: "retired", note: "its source is no longer part of the site" },
        ]),
        version: before.version + 1,
        updatedAt: at,
      }),
    });
  }
  return changes;
}

/**
 * Regenerates a site's obligations from the engine and the role baselines, as the asset owner sees the catalog.
 * Idempotent; retried once when a concurrent edit wins a version race. Returns how many obligations changed.
 */
export async function syncSiteObligations(
  db: Db,
  input: { site: TSite; actor: string; now: Date },
): Promise<{ changed: number }> {
  for (let attempt = 0; ; attempt++) {
    const model = await loadSiteModel(db, input.site);
    const [{ document, result }, stored] = await Promise.all([
      evaluateSite(db, { viewerTenantId: input.site.tenantId, model, now: input.now }),
      listSiteObligations(db, input.site.tenantId, input.site.id),
    ]);
    const tenantIds = new Set<string>([input.site.tenantId]);
    if (input.site.integratorTenantId) tenantIds.add(input.site.integratorTenantId);
    for (const component of document.components) tenantIds.add(component.ref.supplierTenantId);
    const tenants = await getTenantsById(db, [...tenantIds]);
    const planned = planSiteObligations({
      site: input.site,
      ownerName: tenants.get(input.site.tenantId)?.name ?? "Asset owner",
      document,
      result,
      tenantNames: new Map([...tenants].map(([id, tenant]) => [id, tenant.name])),
    });
    const changes = reconcileObligations({
      site: input.site,
      planned,
      stored,
      actor: input.actor,
      now: input.now,
    });
    try {
      await writeObligationChanges(db, {
        ownerTenantId: input.site.tenantId,
        siteId: input.site.id,
        changes,
        actor: input.actor,
        now: input.now,
      });
      return { changed: changes.length };
    } catch (error) {
      if (error instanceof StaleWrite && attempt === 0) continue;
      throw error;
    }
  }
}
