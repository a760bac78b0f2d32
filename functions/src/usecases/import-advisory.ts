import { createHash } from "node:crypto";
import {
  compareTrackingVersions,
  isPublicTlp,
  listAdvisoryProducts,
  matchAdvisoryToComponents,
  matchStateFor,
  summarizeCsaf,
  type TAdvisory,
  type TAdvisoryImportResult,
  type TAdvisoryMatch,
  type TAdvisoryOwner,
  type TAdvisoryProduct,
  type TAdvisoryVisibility,
  type TAuthoredAdvisory,
  type TConformanceWarning,
  type TTenant,
  vendorsMatch,
  ZAdvisory,
  ZAdvisoryListItem,
} from "@assure/shared";
import { COSMETIC_TESTS, classifyForImport } from "../csaf/classify-for-import";
import type { MatchCandidateSource } from "../csaf/import/match-candidates";
import type { TCsafFailure } from "../csaf/types";
import type { Db } from "../db/client";
import {
  AdvisoryOwnedElsewhere,
  AdvisoryVersionMismatch,
  advisoryIdOf,
  advisorySharePuts,
  csafDocumentPath,
  type DisplacedAdvisory,
  documentIdOf,
  getAdvisory,
  getAdvisoryAndClaim,
  getProviderEntry,
  listAdvisoryMatches,
  listAdvisoryRevisions,
  ownerTenantId,
  ProviderPathTaken,
  saveAdvisoryRevision,
  writeMatchItems,
} from "../repos/advisories";
import { getTenant, getTenantBySlug } from "../repos/tenants";
import type { EvidenceStore } from "../storage/evidence-store";
import { holdsNamespace, namespacesOf } from "./publisher-namespaces";

/** The largest CSAF document accepted (the largest real CISA advisory is about 1 MB). */
export const DEFAULT_MAX_CSAF_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** The document is not acceptable CSAF 2.0: every failure, nothing stored. */
export class CsafRejected extends Error {
  constructor(readonly failures: TCsafFailure[]) {
    super(`the document failed ${new Set(failures.map((f) => f.test)).size} CSAF check(s)`);
  }
}

/** A supplier may import advisories about its own products only. */
export class ImportNotAllowed extends Error {}

/** The same revision is stored with other content; a changed document needs a new revision. */
export class RevisionConflict extends Error {}

/**
 * Who imports: the platform (operator, feed poller, local bulk load: any publisher) or a supplier (documents
 * published under its own namespaces about its own products; `vendorNames`: its name and the vendors of its
 * published components).
 */
export type AdvisoryImporter =
  | { kind: "platform"; actor: string; auditTenantId: string }
  | { kind: "supplier"; actor: string; tenant: TTenant; vendorNames: readonly string[] };

export interface ImportAdvisoryDeps {
  db: Db;
  documents: EvidenceStore;
  candidates: MatchCandidateSource;
  now: () => Date;
}

export interface ImportAdvisoryInput {
  importer: AdvisoryImporter;
  /** The document exactly as received; stored unchanged. */
  bytes: Uint8Array;
  /** Reject cosmetic failures too (query flag or tenant setting). */
  strict: boolean;
  /** Authored advisories: product id → the supplier's component it describes. */
  declared?: ReadonlyMap<string, string>;
  /** Authored advisories start as drafts; imports are published at once. */
  state?: "draft" | "published";
  /** Readers of a restricted (not TLP:CLEAR) supplier advisory. */
  restrictedTo?: readonly string[];
  source?: "import" | "authored";
  /** What the supplier wrote, kept with authored advisories. */
  authored?: TAuthoredAdvisory;
}

const sha = (algorithm: "sha256" | "sha512", bytes: Uint8Array) =>
  createHash(algorithm).update(bytes).digest("hex");

/**
 * Parses and validates; throws CsafRejected with every failure. Returns the document and its warnings.
 * The validator (csaf-validator-lib, ajv and the CSAF/CVSS schemas, ~1.1 MB) is loaded on first use, so
 * processes that never import an advisory do not pay for it at cold start (docs/adr/0026).
 */
export async function checkCsafDocument(
  bytes: Uint8Array,
  strict: boolean,
): Promise<{ document: unknown; warnings: TConformanceWarning[] }> {
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new CsafRejected([{ test: "input", path: "", message: `not JSON: ${(error as Error).message}` }]);
  }
  const { validateCsaf } = await import("../csaf/validate-csaf");
  const result = validateCsaf(document);
  const decision = classifyForImport(result, { strict });
  if (decision === "reject") throw new CsafRejected(result.errors);
  return { document, warnings: result.errors.filter((e) => COSMETIC_TESTS.includes(e.test)) };
}

/** Vendors named by the document that are not the importing supplier's. */
export function foreignVendors(vendors: readonly string[], own: readonly string[]): string[] {
  return vendors.filter((vendor) => !own.some((mine) => vendorsMatch(vendor, mine)));
}

/**
 * Imports one CSAF 2.0 document: validate (strict schema + mandatory tests; cosmetic failures become a
 * conformance warning unless strict), check the importer may publish it, store the original bytes, summarise,
 * match its products to catalog components and store summary + matches. Idempotent on (publisher namespace,
 * tracking id, revision): the same revision changes nothing, a newer one supersedes, an older one is ignored.
 */
export async function importAdvisory(
  deps: ImportAdvisoryDeps,
  input: ImportAdvisoryInput,
): Promise<TAdvisoryImportResult> {
  const { document, warnings } = await checkCsafDocument(input.bytes, input.strict);
  const products = listAdvisoryProducts(document);
  const summary = summarizeCsaf(document, products);
  const { importer } = input;
  const owner: TAdvisoryOwner =
    importer.kind === "platform" ? { kind: "platform" } : { kind: "supplier", tenantId: importer.tenant.id };
  if (importer.kind === "supplier") {
    if (!holdsNamespace(importer.tenant, summary.publisher.namespace)) {
      throw new ImportNotAllowed(namespaceRefusal(importer.tenant, summary.publisher.namespace));
    }
    const reservedFor = await authoringPrefixOwner(deps.db, summary.trackingId);
    if (reservedFor && reservedFor.id !== importer.tenant.id) {
      throw new ImportNotAllowed(
        `Tracking ids of the form ${reservedFor.slug.toUpperCase()}-SA-<year>-<n> are the portal advisories of ` +
          `"${reservedFor.name}": they name that supplier's files on the portal's CSAF provider. Give your ` +
          `advisory a tracking id of your own (e.g. ${importer.tenant.slug.toUpperCase()}-…).`,
      );
    }
    if (summary.vendors.length === 0) {
      throw new ImportNotAllowed(
        "the product tree names no vendor; suppliers import advisories for their own products",
      );
    }
    const foreign = foreignVendors(summary.vendors, importer.vendorNames);
    if (foreign.length > 0) {
      throw new ImportNotAllowed(
        `the document names products of ${foreign.map((v) => `"${v}"`).join(", ")}, which are not yours ` +
          `(your organisation's name and the vendors of your published components: ` +
          `${importer.vendorNames.map((v) => `"${v}"`).join(", ")}); only the platform operator imports other vendors' advisories`,
      );
    }
  }
  const id = advisoryIdOf(summary.publisher.namespace, summary.trackingId);
  const sha256 = sha("sha256", input.bytes);

  for (let attempt = 0; ; attempt++) {
    try {
      return await storeRevision();
    } catch (error) {
      // Another import of the same advisory won the race: decide again against what it stored.
      if (error instanceof AdvisoryVersionMismatch && attempt < 2) continue;
      throw error;
    }
  }

  async function storeRevision(): Promise<TAdvisoryImportResult> {
    const { db } = deps;
    const { advisory: before, claim } = await getAdvisoryAndClaim(db, owner, id);
    let displaced: DisplacedAdvisory | undefined;
    if (!before) {
      if (claim && ownerTenantId(claim) !== ownerTenantId(owner)) {
        // The id is held elsewhere: the namespace's legitimate holder keeps it; anyone else's copy (the
        // platform's, or a supplier's stored under a namespace it does not hold) gives way.
        if (await claimantHolds(claim)) throw new AdvisoryOwnedElsewhere(claim, summary.publisher.namespace);
        displaced = { owner: claim, advisory: await getAdvisory(db, claim, id) };
      }
    } else {
      const order = compareTrackingVersions(summary.revision, before.revision);
      if (order < 0) return result("older", before, warnings);
      if (order === 0) {
        if (before.document.sha256 !== sha256) {
          throw new RevisionConflict(
            `revision ${before.revision} of ${before.trackingId} is already stored with different content; ` +
              "publish the change as a new revision (document/tracking/version)",
          );
        }
        return result("unchanged", before, before.conformanceWarnings);
      }
    }

    const state = input.state ?? "published";
    const provided = owner.kind === "supplier" && state === "published" && isPublicTlp(summary.tlp);
    if (provided) await ensureProviderPath(summary, displaced);

    const now = deps.now();
    const at = now.toISOString();
    const stored = await deps.documents.put({
      tenantId: ownerTenantId(owner),
      evidenceId: documentIdOf(id, summary.revision),
      bytes: input.bytes,
      contentType: "application/json",
    });
    const visibility: TAdvisoryVisibility = isPublicTlp(summary.tlp)
      ? { kind: "public" }
      : { kind: "restricted", tenantIds: [...(input.restrictedTo ?? [])] };
    const draftAdvisory: TAdvisory = {
      ...summary,
      id,
      owner,
      source: input.source ?? before?.source ?? "import",
      state,
      visibility,
      conformanceWarnings: warnings,
      document: {
        key: `${ownerTenantId(owner)}/${stored.evidenceId}`,
        size: input.bytes.byteLength,
        sha256: stored.sha256,
        sha512: sha("sha512", input.bytes),
      },
      ...(input.authored ? { authored: input.authored } : {}),
      matchedComponents: 0,
      importedBy: importer.actor,
      createdAt: before?.createdAt ?? at,
      updatedAt: at,
      version: (before?.version ?? 0) + 1,
    };

    // Matches first (deterministic keys, safe to repeat); the summary last, so an interrupted import is
    // redone by the next attempt instead of being reported unchanged with matches missing.
    const previous = before ? await listAdvisoryMatches(db, before) : [];
    const { matches, publicCount } =
      state === "published"
        ? await computeMatches(deps, draftAdvisory, products, previous, input.declared, at)
        : { matches: [], publicCount: 0 };
    const advisory = ZAdvisory.parse({ ...draftAdvisory, matchedComponents: publicCount });
    const kept = new Set(matches.map((m) => m.componentId));
    // The displaced copy's matches go first: should the takeover fail, that copy merely matches nothing.
    const displacedMatches = displaced?.advisory ? await listAdvisoryMatches(db, displaced.advisory) : [];
    await writeMatchItems(db, {
      put: matches,
      remove: [...previous.filter((m) => !kept.has(m.componentId)), ...displacedMatches],
    });
    // Counted, not assumed: an owner that was displaced earlier and takes the id back keeps its old revisions.
    const sequence = (await listAdvisoryRevisions(db, advisory)).length + 1;
    await saveAdvisoryRevision(db, {
      before,
      after: advisory,
      sequence,
      actor: importer.actor,
      auditTenantId: importer.kind === "platform" ? importer.auditTenantId : importer.tenant.id,
      now,
      displaced,
      extra: advisorySharePuts(db, advisory),
    });
    return result(before ? "updated" : "created", advisory, warnings);
  }

  /** Whether the current holder of the id legitimately publishes under the document's namespace. */
  async function claimantHolds(claim: TAdvisoryOwner): Promise<boolean> {
    if (claim.kind === "platform") return false;
    const tenant = await getTenant(deps.db, claim.tenantId);
    return tenant !== undefined && holdsNamespace(tenant, summary.publisher.namespace);
  }

  /** Refused before anything is stored; the provider entry's write condition guards the race. */
  async function ensureProviderPath(
    document: Pick<TAdvisory, "trackingId" | "initialReleaseDate">,
    displacing: DisplacedAdvisory | undefined,
  ) {
    const path = csafDocumentPath(document);
    const entry = await getProviderEntry(deps.db, path);
    const mayReplace = [ownerTenantId(owner), ...(displacing ? [ownerTenantId(displacing.owner)] : [])];
    if (entry && !(entry.advisoryId === id && mayReplace.includes(entry.ownerTenantId))) {
      throw new ProviderPathTaken(path);
    }
  }
}

/**
 * The supplier whose portal authoring scheme (`<SLUG>-SA-<year>-<n>`) this tracking id follows, if any: those ids
 * (and so their provider paths) are predictable, and another supplier must not take them first.
 */
async function authoringPrefixOwner(db: Db, trackingId: string): Promise<TTenant | undefined> {
  const scheme = /^([a-z0-9-]+)-sa-\d{4}-\d+$/.exec(trackingId.trim().toLowerCase());
  return scheme?.[1] ? getTenantBySlug(db, scheme[1]) : undefined;
}

/** Why a supplier may not import under this namespace, and what it may use instead. */
function namespaceRefusal(tenant: TTenant, namespace: string): string {
  const [portal, ...verified] = namespacesOf(tenant);
  const others = verified.length
    ? ` or a namespace verified for you (${verified.map((n) => `"${n}"`).join(", ")})`
    : "";
  return (
    `The document is published under "${namespace}" (document/publisher/namespace), which is not yours. ` +
    `You may import advisories published under your portal namespace "${portal}"${others}. To publish under ` +
    "your own domain, ask the platform operator to verify that namespace for your organisation; advisories of " +
    "other publishers (e.g. CISA) are imported by the platform operator."
  );
}

/** Matches the advisory's products to catalog components, keeping the supplier's earlier decisions. */
async function computeMatches(
  deps: ImportAdvisoryDeps,
  advisory: TAdvisory,
  products: TAdvisoryProduct[],
  previous: TAdvisoryMatch[],
  declared: ReadonlyMap<string, string> | undefined,
  at: string,
): Promise<{ matches: TAdvisoryMatch[]; publicCount: number }> {
  const components = await deps.candidates(advisory.owner);
  const restricted = new Set(components.filter((c) => c.restricted).map((c) => c.id));
  const found = matchAdvisoryToComponents({
    advisory,
    products,
    components,
    declared,
    now: at,
  });
  const earlier = new Map(previous.map((m) => [m.componentId, m]));
  const matches = found.map((m) => {
    const old = earlier.get(m.componentId);
    const decision = old?.decision ?? null;
    return {
      ...m,
      createdAt: old?.createdAt ?? at,
      decision,
      state: matchStateFor({ ambiguous: m.ambiguous, decision }, null),
    };
  });
  return { matches, publicCount: matches.filter((m) => !restricted.has(m.componentId)).length };
}

function result(
  outcome: TAdvisoryImportResult["outcome"],
  advisory: TAdvisory,
  conformanceWarnings: TConformanceWarning[],
): TAdvisoryImportResult {
  return { outcome, advisory: ZAdvisoryListItem.parse(advisory), conformanceWarnings };
}
