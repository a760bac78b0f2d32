import {
  listAdvisoryProducts,
  matchAdvisoryToComponents,
  matchStateFor,
  type TAdvisory,
  type TAdvisoryMatch,
  type TComponent,
  vendorCandidates,
} from "@assure/shared";
import { toCandidate } from "../csaf/import/match-candidates";
import type { Db } from "../db/client";
import type { Logger } from "../observability/logger";
import {
  countLateMatch,
  listMatchesForComponent,
  listOwnAdvisories,
  listPlatformAdvisoriesByVendor,
  writeMatchItems,
} from "../repos/advisories";
import type { EvidenceStore } from "../storage/evidence-store";

export interface LateMatchDeps {
  db: Db;
  /** Where advisory documents are stored (the evidence store): matching needs their product trees. */
  documents: EvidenceStore;
  now: () => Date;
  logger?: Logger | undefined;
}

/**
 * A component published after advisories about it were imported is matched against them here, so impact reaches
 * whoever deploys it (the match items go through the stream like an import's). The same rules as at import:
 * platform advisories match public components, a supplier's own advisories match its components (restricted
 * ones too). Platform advisories are found by vendor (`vendorText`): a purl, CPE or model number under another
 * vendor's name is matched when the advisory is next imported, not here. Existing matches (and the decisions
 * on them) are left alone, so this is idempotent.
 */
export async function matchPublishedComponent(
  deps: LateMatchDeps,
  component: TComponent,
): Promise<{ checked: number; matched: string[]; unreadable: string[] }> {
  if (component.status !== "published" || !component.published)
    return { checked: 0, matched: [], unreadable: [] };
  const restricted = component.visibility.kind === "restricted";
  const [platform, own, existing] = await Promise.all([
    restricted ? [] : listPlatformAdvisoriesByVendor(deps.db, vendorCandidates(component.vendor)),
    listOwnAdvisories(deps.db, component.supplierTenantId),
    // One query for the component's existing matches, instead of a read per advisory.
    listMatchesForComponent(deps.db, component.id),
  ]);
  const alreadyMatched = new Set(existing.map((match) => match.advisoryId));
  const advisories = [...platform, ...own.filter((a) => a.state === "published")];
  const candidate = toCandidate(component);
  const at = deps.now().toISOString();
  const matched: string[] = [];
  const unreadable: string[] = [];
  for (const advisory of advisories) {
    if (alreadyMatched.has(advisory.id)) continue;
    let document: unknown;
    try {
      document = await readAdvisoryDocument(deps.documents, advisory);
    } catch (error) {
      // One unreadable document must not hold up the stream; the advisory's next import matches it.
      deps.logger?.warn("advisory document unreadable: not matched to a newly published component", {
        advisoryId: advisory.id,
        componentId: component.id,
        error,
      });
      unreadable.push(advisory.trackingId);
      continue;
    }
    const products = listAdvisoryProducts(document);
    const [found] = matchAdvisoryToComponents({ advisory, products, components: [candidate], now: at });
    if (!found) continue;
    const match: TAdvisoryMatch = {
      ...found,
      createdAt: at,
      decision: null,
      state: matchStateFor({ ambiguous: found.ambiguous, decision: null }, null),
    };
    await writeMatchItems(deps.db, { put: [match], remove: [] });
    if (!restricted) await countLateMatch(deps.db, advisory);
    matched.push(advisory.trackingId);
  }
  if (matched.length > 0) {
    deps.logger?.info("published component matched to existing advisories", {
      componentId: component.id,
      advisories: matched,
    });
  }
  return { checked: advisories.length, matched, unreadable };
}

/** The stored document of an advisory's current revision, parsed. */
export async function readAdvisoryDocument(documents: EvidenceStore, advisory: TAdvisory): Promise<unknown> {
  const [tenantId, evidenceId] = advisory.document.key.split("/");
  const object = tenantId && evidenceId ? await documents.get({ tenantId, evidenceId }) : undefined;
  if (!object) throw new Error(`the document of advisory ${advisory.id} is missing from the store`);
  return JSON.parse(await new Response(object.body).text());
}
