import {
  decideForProducts,
  matchStateFor,
  REMEDIATION_CATEGORIES,
  type TAdvisory,
  type TAdvisoryImpact,
  type TAdvisoryMatch,
  type TEvaluationAdvisory,
  type TSite,
  ZAdvisory,
  ZSite,
} from "@assure/shared";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import type { Notifier } from "../notify/notifier";
import type { Logger } from "../observability/logger";
import { decisionKey, getMatchDecisions, listMatchesForComponent } from "../repos/advisories";
import {
  AssetChanged,
  getImpacts,
  impactKey,
  listAssetsUsingComponent,
  listImpactsOfAsset,
  putImpacts,
  setAssetAdvisories,
  type TUsedAsset,
  ZUsedAsset,
} from "../repos/advisories-impact";
import type { EvidenceStore } from "../storage/evidence-store";
import { syncSiteObligations } from "./sync-site-obligations";

/**
 * Advisory impact (docs/adr/0051): when a match between an advisory and a catalog component appears, changes or
 * goes, or when an asset's component or version changes, decide per asset whether the deployed version is
 * affected, record the impact in the asset owner's partition, put the advisory on the asset (the engine then
 * marks it at risk and the site's obligations are regenerated: apply/mitigate for the asset owner, provide a fix
 * for the supplier, validate for the site's integrator), and notify. Every step is idempotent, so a retried
 * stream record changes nothing twice. Each tenant only ever sees its own assets.
 */

export interface ImpactDeps {
  db: Db;
  now: () => Date;
  notifier: Notifier;
  logger?: Logger | undefined;
  /**
   * The advisory document store, for matching components published after an advisory (match-published-
   * component.ts); without it that matching is skipped (logged), and happens at the advisory's next import.
   */
  documents?: EvidenceStore | undefined;
}

export const IMPACT_ACTOR = "system:advisory-impact";

export interface MatchChange {
  advisoryId: string;
  componentId: string;
  /** null: the match is gone (the advisory no longer names the component). */
  match: TAdvisoryMatch | null;
}

export interface ImpactSummary {
  assets: number;
  opened: number;
  review: number;
  resolved: number;
  sitesSynced: number;
}

/** A match appeared, changed or disappeared: every asset running the component (or one tenant's). */
export async function applyMatchChange(
  deps: ImpactDeps,
  change: MatchChange,
  onlyTenantId?: string,
): Promise<ImpactSummary> {
  if (change.match && !onlyTenantId) await requestFix(deps, change.match);
  const assets = await listAssetsUsingComponent(deps.db, change.componentId, onlyTenantId);
  return refreshImpacts(deps, assets, [change]);
}

/** An asset was added, or its component or version changed: every match of its (old and new) component. */
export async function applyAssetChange(deps: ImpactDeps, asset: TUsedAsset): Promise<ImpactSummary> {
  const [matches, existing] = await Promise.all([
    listMatchesForComponent(deps.db, asset.componentId),
    listImpactsOfAsset(deps.db, asset.ownerTenantId, asset.siteId, asset.id),
  ]);
  const changes: MatchChange[] = matches.map((match) => ({
    advisoryId: match.advisoryId,
    componentId: match.componentId,
    match,
  }));
  for (const impact of existing) {
    if (impact.componentId !== asset.componentId) {
      changes.push({ advisoryId: impact.advisory.id, componentId: impact.componentId, match: null });
    }
  }
  return refreshImpacts(deps, [asset], changes);
}

/** The supplier of a matched component owes a fix for someone else's advisory about it. */
async function requestFix(deps: ImpactDeps, match: TAdvisoryMatch) {
  if (match.state !== "active") return;
  if (match.owner.kind === "supplier" && match.owner.tenantId === match.supplierTenantId) return;
  await deps.notifier.notify({
    tenantId: match.supplierTenantId,
    kind: "advisory_fix_requested",
    title: `${match.advisory.trackingId} names your ${match.componentName}`,
    body:
      `Advisory ${match.advisory.trackingId} (“${match.advisory.title}”) matches your component ` +
      `${match.componentName} (${match.method}, confidence ${match.confidence}). Customers running affected ` +
      "versions owe remediation; you owe them a fix or a documented mitigation.",
    link: `/advisories/${match.advisoryId}`,
    subject: `advisory:${match.advisoryId}:component:${match.componentId}`,
  });
}

const ADVISORY_STATUS = { open: "known_affected", review: "under_investigation" } as const;

function visibleTo(match: TAdvisoryMatch, tenantId: string): boolean {
  if (match.visibility.kind === "public") return true;
  if (match.owner.kind === "supplier" && match.owner.tenantId === tenantId) return true;
  return match.visibility.tenantIds.includes(tenantId);
}

function decide(
  asset: TUsedAsset,
  match: TAdvisoryMatch | null,
  tenantVerdict: "confirmed" | "rejected" | undefined,
): { state: "open" | "review"; affected: boolean | null; reason: string } | null {
  if (!match || !visibleTo(match, asset.ownerTenantId)) return null;
  const state = matchStateFor(match, tenantVerdict);
  if (state === "rejected") return null;
  const decision = decideForProducts(match.products, asset.version);
  if (decision.affected === false) return null;
  if (state === "review") {
    return {
      state: "review",
      affected: decision.affected,
      reason: `Possible match (${match.method}, confidence ${match.confidence}): confirm or reject it. ${decision.reason}`,
    };
  }
  return decision.affected === true
    ? { state: "open", affected: true, reason: decision.reason }
    : { state: "review", affected: null, reason: decision.reason };
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The advisory as the asset records it: status, CVEs and the remediations that name the matched products. */
function assetAdvisory(
  advisory: TAdvisory,
  match: TAdvisoryMatch,
  impact: TAdvisoryImpact,
  site: TSite | undefined,
): TEvaluationAdvisory {
  const productIds = new Set(match.products.map((p) => p.productId));
  const categories = new Set<string>(REMEDIATION_CATEGORIES);
  const remediations: NonNullable<TEvaluationAdvisory["remediations"]> = [];
  const seen = new Set<string>();
  for (const r of advisory.remediations) {
    if (!categories.has(r.category)) continue;
    if (r.productIds.length > 0 && !r.productIds.some((id) => productIds.has(id))) continue;
    const details = cut(r.details.replace(/\s+/g, " ").trim(), 300);
    const key = `${r.category}|${details}`;
    if (seen.has(key) || remediations.length >= 4) continue;
    seen.add(key);
    remediations.push({ category: r.category as (typeof REMEDIATION_CATEGORIES)[number], details });
  }
  if (!remediations.some((r) => r.category === "vendor_fix")) {
    remediations.push({
      category: "none_available",
      details: `the advisory lists no fix for ${match.componentName}${impact.assetVersion ? ` ${impact.assetVersion}` : ""}`,
    });
  }
  if (site?.integratorTenantId) {
    remediations.push({
      category: "mitigation",
      responsibleParty: "integrator",
      details:
        "validate the fix or mitigation on the site's systems before it is deployed (IEC 62443-2-4 SP.11)",
    });
  }
  return {
    id: advisory.trackingId,
    status: ADVISORY_STATUS[impact.state === "open" ? "open" : "review"],
    title: cut(advisory.title, 200),
    cves: advisory.cves.slice(0, 50),
    remediations,
  };
}

const sameImpact = (a: TAdvisoryImpact | undefined, b: TAdvisoryImpact) =>
  a !== undefined &&
  a.state === b.state &&
  a.affected === b.affected &&
  a.reason === b.reason &&
  a.advisory.revision === b.advisory.revision &&
  a.assetVersion === b.assetVersion &&
  a.componentId === b.componentId;

export async function refreshImpacts(
  deps: ImpactDeps,
  assets: TUsedAsset[],
  changes: MatchChange[],
): Promise<ImpactSummary> {
  const { db } = deps;
  const summary: ImpactSummary = { assets: assets.length, opened: 0, review: 0, resolved: 0, sitesSynced: 0 };
  if (assets.length === 0 || changes.length === 0) return summary;
  const tenants = [...new Set(assets.map((a) => a.ownerTenantId))];
  const pairs = changes.map((c) => ({ advisoryId: c.advisoryId, componentId: c.componentId }));
  const live = changes.flatMap((c) => (c.match ? [c.match] : []));
  const [decisions, existingList, advisoryItems, siteItems] = await Promise.all([
    getMatchDecisions(db, tenants, pairs),
    getImpacts(
      db,
      assets.flatMap((a) =>
        changes.map((c) => ({
          tenantId: a.ownerTenantId,
          siteId: a.siteId,
          assetId: a.id,
          advisoryId: c.advisoryId,
        })),
      ),
    ),
    batchGetItems(
      db,
      live.map((m) => keys.advisory(m.owner, m.advisoryId)),
    ),
    batchGetItems(
      db,
      assets.map((a) => keys.site(a.ownerTenantId, a.siteId)),
    ),
  ]);
  const existing = new Map(
    existingList.map((i) => [JSON.stringify(impactKey({ ...i, advisoryId: i.advisory.id })), i]),
  );
  const advisories = new Map(parseItems(ZAdvisory, advisoryItems).map((a) => [a.id, a]));
  const sites = new Map(parseItems(ZSite, siteItems).map((s) => [`${s.tenantId}#${s.id}`, s]));
  const at = deps.now().toISOString();

  const writes: TAdvisoryImpact[] = [];
  const assetAdvisoryChanges = new Map<string, AssetAdvisoryChange>();
  const newlyOpen: TAdvisoryImpact[] = [];
  const newlyReview: TAdvisoryImpact[] = [];

  for (const asset of assets) {
    const site = sites.get(`${asset.ownerTenantId}#${asset.siteId}`);
    for (const change of changes) {
      const key = JSON.stringify(
        impactKey({
          tenantId: asset.ownerTenantId,
          siteId: asset.siteId,
          assetId: asset.id,
          advisoryId: change.advisoryId,
        }),
      );
      const before = existing.get(key);
      const verdict = decisions.get(
        decisionKey(asset.ownerTenantId, change.advisoryId, change.componentId),
      )?.verdict;
      const matchForAsset =
        change.match && change.match.componentId === asset.componentId ? change.match : null;
      const decided = decide(asset, matchForAsset, verdict);
      const advisory = matchForAsset ? advisories.get(matchForAsset.advisoryId) : undefined;
      let next: TAdvisoryImpact | undefined;
      if (decided && matchForAsset && advisory) {
        next = {
          tenantId: asset.ownerTenantId,
          advisory: matchForAsset.advisory,
          componentId: asset.componentId,
          componentName: matchForAsset.componentName,
          siteId: asset.siteId,
          zoneId: asset.location.kind === "zone" ? asset.location.zoneId : null,
          assetId: asset.id,
          assetName: asset.name,
          assetVersion: asset.version,
          affected: decided.affected,
          reason: decided.reason,
          state: decided.state,
          method: matchForAsset.method,
          confidence: matchForAsset.confidence,
          obligationIds: before?.obligationIds ?? [],
          detectedAt: before && before.state !== "resolved" ? before.detectedAt : at,
          updatedAt: at,
        };
      } else if (before && before.state !== "resolved") {
        next = {
          ...before,
          state: "resolved",
          reason: matchForAsset
            ? "No longer affected: the decision or the version changed."
            : "The advisory no longer names this component.",
          updatedAt: at,
        };
      }
      if (!next || sameImpact(before, next)) continue;
      writes.push(next);
      const entry = assetAdvisoryChanges.get(asset.id) ?? { asset, upsert: [], remove: [] };
      if (next.state === "resolved") {
        summary.resolved += 1;
        entry.remove.push(next.advisory.trackingId);
      } else {
        if (next.state === "open") {
          summary.opened += 1;
          if (before?.state !== "open") newlyOpen.push(next);
        } else {
          summary.review += 1;
          if (before?.state !== "review") newlyReview.push(next);
        }
        if (advisory && matchForAsset) entry.upsert.push(assetAdvisory(advisory, matchForAsset, next, site));
      }
      assetAdvisoryChanges.set(asset.id, entry);
    }
  }

  await putImpacts(db, writes);
  const changedAssets = await recordOnAssets(deps, [...assetAdvisoryChanges.values()]);
  const touchedSites = new Map<string, TSite>();
  for (const asset of changedAssets) {
    const site = sites.get(`${asset.ownerTenantId}#${asset.siteId}`);
    if (site) touchedSites.set(`${site.tenantId}#${site.id}`, site);
  }
  for (const site of touchedSites.values()) {
    await syncSiteObligations(db, { site, actor: IMPACT_ACTOR, now: deps.now() });
    summary.sitesSynced += 1;
  }
  await notifyTenants(deps, newlyOpen, newlyReview, sites);
  return summary;
}

type AssetAdvisoryChange = { asset: TUsedAsset; upsert: TEvaluationAdvisory[]; remove: string[] };

function nextAdvisories(asset: TUsedAsset, change: AssetAdvisoryChange): TEvaluationAdvisory[] | undefined {
  const replaced = new Set([...change.upsert.map((a) => a.id), ...change.remove]);
  const advisories = [...asset.advisories.filter((a) => !replaced.has(a.id)), ...change.upsert];
  return JSON.stringify(advisories) === JSON.stringify(asset.advisories) ? undefined : advisories;
}

/**
 * Puts/removes advisories on the asset items (transactions of 50). When an asset changed meanwhile, the
 * assets are read again (one BatchGet) and the write is retried. Returns the assets that changed.
 */
async function recordOnAssets(deps: ImpactDeps, changes: AssetAdvisoryChange[]): Promise<TUsedAsset[]> {
  let pending = changes;
  for (let attempt = 0; ; attempt++) {
    const writes = pending.flatMap((change) => {
      const advisories = nextAdvisories(change.asset, change);
      return advisories
        ? [{ ownerTenantId: change.asset.ownerTenantId, asset: change.asset, advisories }]
        : [];
    });
    if (writes.length === 0) return [];
    try {
      await setAssetAdvisories(deps.db, writes, { actor: IMPACT_ACTOR, now: deps.now() });
      const written = new Set(writes.map((w) => w.asset.id));
      return pending.filter((c) => written.has(c.asset.id)).map((c) => c.asset);
    } catch (error) {
      if (!(error instanceof AssetChanged) || attempt >= 2) throw error;
      const fresh = parseItems(
        ZUsedAsset,
        await batchGetItems(
          deps.db,
          pending.map((c) => keys.asset(c.asset.ownerTenantId, c.asset.siteId, c.asset.id)),
        ),
      );
      const byId = new Map(fresh.map((a) => [a.id, a]));
      pending = pending.flatMap((c) => {
        const asset = byId.get(c.asset.id);
        return asset ? [{ ...c, asset }] : [];
      });
    }
  }
}

async function notifyTenants(
  deps: ImpactDeps,
  open: TAdvisoryImpact[],
  review: TAdvisoryImpact[],
  sites: Map<string, TSite>,
) {
  const group = (impacts: TAdvisoryImpact[]) => {
    const out = new Map<string, TAdvisoryImpact[]>();
    for (const i of impacts) {
      const key = `${i.tenantId}#${i.advisory.id}`;
      out.set(key, [...(out.get(key) ?? []), i]);
    }
    return [...out.values()];
  };
  const names = (impacts: TAdvisoryImpact[]) => {
    const list = impacts.map((i) => i.assetName ?? i.assetId);
    return list.length > 5 ? `${list.slice(0, 5).join(", ")} and ${list.length - 5} more` : list.join(", ");
  };
  for (const impacts of group(open)) {
    const first = impacts[0]!;
    const siteNames = [
      ...new Set(impacts.map((i) => sites.get(`${i.tenantId}#${i.siteId}`)?.name ?? i.siteId)),
    ];
    await deps.notifier.notify({
      tenantId: first.tenantId,
      kind: "advisory_impact",
      title: `${first.advisory.trackingId} affects ${impacts.length} of your assets`,
      body:
        `${first.advisory.title} (${first.advisory.severity ?? "no CVSS"}${first.advisory.cvssMax === null ? "" : ` ${first.advisory.cvssMax}`}) ` +
        `affects ${names(impacts)} at ${siteNames.join(", ")}. Remediation obligations were added to the site.`,
      link: `/advisories/${first.advisory.id}`,
      subject: `advisory:${first.advisory.id}:rev:${first.advisory.revision}`,
    });
    // The site's integrator validates fixes where the asset owner shares the site with it.
    for (const site of new Set(impacts.map((i) => sites.get(`${i.tenantId}#${i.siteId}`)))) {
      if (!site?.integratorTenantId) continue;
      await deps.notifier.notify({
        tenantId: site.integratorTenantId,
        kind: "advisory_validation_requested",
        title: `${first.advisory.trackingId}: validate the remediation at ${site.name}`,
        body: `${first.advisory.title} affects components at ${site.name}. Validate the fix or mitigation before it is deployed.`,
        link: `/advisories/${first.advisory.id}`,
        subject: `advisory:${first.advisory.id}:site:${site.id}:rev:${first.advisory.revision}`,
      });
    }
  }
  for (const impacts of group(review)) {
    const first = impacts[0]!;
    await deps.notifier.notify({
      tenantId: first.tenantId,
      kind: "advisory_review",
      title: `${first.advisory.trackingId} may affect ${impacts.length} of your assets`,
      body: `${first.advisory.title} possibly names ${first.componentName}, which runs as ${names(impacts)}. Confirm or reject the match.`,
      link: `/advisories/${first.advisory.id}`,
      subject: `advisory:${first.advisory.id}:review:rev:${first.advisory.revision}`,
    });
  }
}
