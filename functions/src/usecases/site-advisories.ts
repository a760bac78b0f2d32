import type { TAdvisoryImpact, TAsset, TEvaluationAdvisory, TSiteModel } from "@assure/shared";

const STATUS_OF = { open: "known_affected", review: "under_investigation" } as const;

/**
 * The advisories the engine sees on each asset: what the asset records, corrected by the site's impact items
 * (docs/adr/0040, "Advisory impact in the evaluation"). An impact is the current decision for one advisory on one
 * asset: `open` puts it on the asset as `known_affected` (the asset is at risk and remediation obligations
 * follow), `review` as `under_investigation`, `resolved` takes it off. The richer entry the impact writer put on
 * the asset (remediations, CVEs) is kept when there is one; advisories no impact speaks about stay as recorded.
 * Impacts of another component than the asset runs now are stale and ignored. Pure: the caller reads the impacts
 * with one Query per site.
 */
export function withImpactAdvisories(model: TSiteModel, impacts: readonly TAdvisoryImpact[]): TSiteModel {
  if (impacts.length === 0) return model;
  const byAsset = new Map<string, TAdvisoryImpact[]>();
  for (const impact of impacts) {
    if (impact.siteId !== model.site.id) continue;
    byAsset.set(impact.assetId, [...(byAsset.get(impact.assetId) ?? []), impact]);
  }
  if (byAsset.size === 0) return model;
  return { ...model, assets: model.assets.map((asset) => assetWithImpacts(asset, byAsset.get(asset.id))) };
}

function assetWithImpacts(asset: TAsset, impacts: TAdvisoryImpact[] | undefined): TAsset {
  const current = impacts?.filter((impact) => impact.componentId === asset.componentId) ?? [];
  if (current.length === 0) return asset;
  const decided = new Map(current.map((impact) => [impact.advisory.trackingId, impact]));
  const recorded = new Map(asset.advisories.map((advisory) => [advisory.id, advisory]));
  const advisories: TEvaluationAdvisory[] = asset.advisories.filter((advisory) => !decided.has(advisory.id));
  for (const [id, impact] of [...decided].sort(([a], [b]) => a.localeCompare(b))) {
    if (impact.state === "resolved") continue;
    const known = recorded.get(id);
    advisories.push({
      ...(known ?? {}),
      id,
      status: STATUS_OF[impact.state],
      title: known?.title ?? impact.advisory.title,
      cves: known?.cves ?? impact.advisory.cves,
    });
  }
  return { ...asset, advisories };
}
