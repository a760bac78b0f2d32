import { z } from "zod";
import type { TEvaluationComponent, TEvaluationInput } from "../evaluation/evaluation-input";
import {
  ZEvaluationAsset,
  ZEvaluationComponent,
  ZEvaluationConduit,
  ZEvaluationCountermeasure,
  ZEvaluationInput,
  ZEvaluationZone,
} from "../evaluation/evaluation-input";
import { type TAsset, ZComponentVersion } from "./asset";
import type { TConduit } from "./conduit";
import type { TSiteCountermeasure } from "./countermeasure";
import { ZId } from "./ids";
import type { TSite, TZone } from "./site";
import { multiLine, singleLine } from "./text";

/**
 * A site as an evaluation document (docs/engine.md) plus what it takes to recreate the site: names, counts,
 * roles, protocols, and for each component the catalog reference it came from. Extra keys are ignored by the
 * engine, so the export runs through `assure evaluate` unchanged and imports back as a new site.
 */
export const SITE_DOCUMENT_FORMAT = "assure-site/1";

export const ZComponentRef = z.object({
  supplierTenantId: ZId,
  componentId: ZId,
  version: ZComponentVersion.optional(),
});
export type TComponentRefInput = z.infer<typeof ZComponentRef>;

export type TSiteModel = {
  site: TSite;
  zones: readonly TZone[];
  conduits: readonly TConduit[];
  assets: readonly TAsset[];
  countermeasures: readonly TSiteCountermeasure[];
};

export type TSiteDocumentComponent = TEvaluationComponent & { ref: TComponentRefInput; candidate?: boolean };

/** The site document: an evaluation document with what it takes to recreate the site. */
export type TSiteDocument = z.infer<typeof ZSiteDocumentView>;

export type TComponentRefKey = (ref: {
  supplierTenantId: string;
  componentId: string;
  version?: string;
}) => string;

/**
 * Builds the site's evaluation document. `components` are the evaluation components resolved for the assets'
 * references (keyed by `keyOf`); `candidates` are extra catalog components the engine may suggest.
 * Countermeasures whose target is gone are left out rather than failing the document.
 */
export function buildSiteDocument(
  model: TSiteModel,
  options: {
    components: ReadonlyMap<string, TEvaluationComponent>;
    keyOf: TComponentRefKey;
    evaluationDate: string;
    candidates?: readonly { component: TEvaluationComponent; ref: TComponentRefInput }[];
    suggestions?: number;
  },
): TSiteDocument {
  const components = new Map<string, TSiteDocumentComponent>();
  const docAsset = (asset: TAsset): TSiteDocument["zones"][number]["assets"][number] => {
    const ref = {
      supplierTenantId: asset.supplierTenantId,
      componentId: asset.componentId,
      version: asset.version,
    };
    const key = options.keyOf(ref);
    if (!components.has(key)) {
      const resolved = options.components.get(key) ?? {
        id: key,
        componentType: "EDR" as const,
        name: `Unknown component ${asset.componentId}`,
      };
      components.set(key, { ...resolved, id: key, ref });
    }
    return {
      id: asset.id,
      componentId: key,
      name: asset.name,
      count: asset.count,
      role: asset.role,
      notes: asset.notes,
      ...(asset.advisories.length ? { advisories: asset.advisories } : {}),
    };
  };
  const byName = <T extends { name: string; id: string }>(items: readonly T[]) =>
    [...items].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const zoneIds = new Set(model.zones.map((zone) => zone.id));
  const assetsIn = (kind: "zone" | "conduit", id: string) =>
    byName(
      model.assets.filter((asset) =>
        kind === "zone"
          ? asset.location.kind === "zone" && asset.location.zoneId === id
          : asset.location.kind === "conduit" && asset.location.conduitId === id,
      ),
    ).map(docAsset);

  const zones = byName(model.zones).map((zone) => ({
    id: zone.id,
    name: zone.name,
    description: zone.description,
    slT: [...zone.slT],
    minimumBasis: zone.minimumBasis,
    assets: assetsIn("zone", zone.id),
  }));
  const conduits = byName(
    model.conduits.filter((conduit) => zoneIds.has(conduit.fromZoneId) && zoneIds.has(conduit.toZoneId)),
  ).map((conduit) => ({
    id: conduit.id,
    name: conduit.name,
    from: conduit.fromZoneId,
    to: conduit.toZoneId,
    ...(conduit.slT ? { slT: [...conduit.slT] } : {}),
    minimumBasis: conduit.minimumBasis,
    protocols: [...conduit.protocols],
    description: conduit.description,
    assets: assetsIn("conduit", conduit.id),
  }));
  const targets = {
    asset: new Set([...zones, ...conduits].flatMap((group) => group.assets.map((asset) => asset.id))),
    zone: new Set(zones.map((zone) => zone.id)),
    conduit: new Set(conduits.map((conduit) => conduit.id)),
  };
  const countermeasures = byName(
    model.countermeasures.filter((countermeasure) =>
      targets[countermeasure.scope.kind].has(countermeasure.scope.id),
    ),
  ).map((countermeasure) => ({
    id: countermeasure.id,
    name: countermeasure.name,
    scope: { [countermeasure.scope.kind]: countermeasure.scope.id } as
      | { asset: string }
      | { zone: string }
      | { conduit: string },
    frs: [...countermeasure.frs].sort((a, b) => a - b),
    raisesTo: countermeasure.raisesTo,
    kind: countermeasure.kind,
    responsibleParty: countermeasure.responsibleParty,
    ...(countermeasure.responsibleTenantId
      ? { responsibleTenantId: countermeasure.responsibleTenantId }
      : {}),
    description: countermeasure.description
      ? `${countermeasure.name}: ${countermeasure.description}`
      : countermeasure.name,
    evidence: countermeasure.evidence,
  }));
  for (const candidate of options.candidates ?? []) {
    if (!components.has(candidate.component.id)) {
      components.set(candidate.component.id, { ...candidate.component, ref: candidate.ref, candidate: true });
    }
  }
  return {
    format: SITE_DOCUMENT_FORMAT,
    evaluationDate: options.evaluationDate,
    site: {
      id: model.site.id,
      name: model.site.name,
      location: model.site.location,
      description: model.site.description,
    },
    components: [...components.values()],
    zones,
    conduits,
    countermeasures,
    ...(options.suggestions === undefined ? {} : { options: { suggestions: options.suggestions } }),
  };
}

/** The document's components used by its assets, without suggestion candidates: what an export contains. */
export function withoutCandidates(document: TSiteDocument): TSiteDocument {
  const { options: _options, ...rest } = document;
  return {
    ...rest,
    components: document.components
      .filter((component) => !component.candidate)
      .map(({ candidate: _candidate, ...component }) => component),
  };
}

/** Replaces the component of one asset (what-if): pure, returns a new document. */
export function replaceAssetComponent(
  document: TSiteDocument,
  assetId: string,
  componentId: string,
): TSiteDocument {
  const swap = <A extends { id: string; componentId: string }>(assets: A[]) =>
    assets.map((asset) => (asset.id === assetId ? { ...asset, componentId } : asset));
  return {
    ...document,
    zones: document.zones.map((zone) => ({ ...zone, assets: swap(zone.assets) })),
    conduits: document.conduits.map((conduit) => ({ ...conduit, assets: swap(conduit.assets) })),
  };
}

export const SITE_IMPORT_LIMITS = { zones: 100, conduits: 300, assets: 2000, countermeasures: 500 } as const;

const ZImportAssetExtras = z.object({
  name: singleLine("Name").min(1).max(120).optional(),
  count: z.number().int().min(1).max(100_000).optional(),
  role: singleLine("Role").max(120).optional(),
  notes: multiLine("Notes").max(2000).optional(),
});

/** What import needs beyond a valid evaluation document. */
const ZSiteDocumentExtras = z.object({
  site: z.object(
    {
      name: singleLine("Name").min(1, "give the site a name").max(120),
      location: singleLine("Location").max(200).optional(),
      description: multiLine("Description").max(2000).optional(),
    },
    { error: 'name the site: {"site": {"name": …}}' },
  ),
  components: z.array(
    z.object({
      ref: z.object(
        { supplierTenantId: ZId, componentId: ZId, version: ZComponentVersion },
        { error: "reference a catalog component version: {supplierTenantId, componentId, version}" },
      ),
    }),
  ),
  zones: z
    .array(
      z.object({
        name: singleLine("Name").min(1).max(120).optional(),
        description: multiLine("Description").max(2000).optional(),
        assets: z.array(ZImportAssetExtras).optional(),
      }),
    )
    .max(SITE_IMPORT_LIMITS.zones),
  conduits: z
    .array(
      z.object({
        name: singleLine("Name").min(1).max(120).optional(),
        description: multiLine("Description").max(2000).optional(),
        protocols: z.array(singleLine("Protocol").min(1).max(40)).max(30).optional(),
        assets: z.array(ZImportAssetExtras).optional(),
      }),
    )
    .max(SITE_IMPORT_LIMITS.conduits)
    .optional(),
  countermeasures: z
    .array(
      z.object({
        name: singleLine("Name").min(1).max(120).optional(),
        raisesTo: z.number().min(1, "a countermeasure raises to SL 1 or more"),
        evidence: multiLine("Evidence").max(2000).optional(),
        responsibleTenantId: ZId.optional(),
      }),
    )
    .max(SITE_IMPORT_LIMITS.countermeasures)
    .optional(),
});

export type TSiteImportPlan = {
  site: { name: string; location: string; description: string };
  zones: {
    key: string;
    name: string;
    description: string;
    slT: number[];
    minimumBasis: TZone["minimumBasis"];
  }[];
  conduits: {
    key: string;
    name: string;
    from: string;
    to: string;
    slT?: number[];
    minimumBasis: TConduit["minimumBasis"];
    protocols: string[];
    description: string;
  }[];
  assets: {
    key: string;
    location: { kind: "zone" | "conduit"; key: string };
    name: string;
    ref: { supplierTenantId: string; componentId: string; version: string };
    count: number;
    role: string;
    notes: string;
    /** JSON path of the asset's componentId, for errors about its catalog reference. */
    path: string;
  }[];
  countermeasures: {
    key: string;
    target: { kind: "asset" | "zone" | "conduit"; key: string };
    name: string;
    description: string;
    frs: number[];
    raisesTo: number;
    kind: TSiteCountermeasure["kind"];
    responsibleParty: TSiteCountermeasure["responsibleParty"];
    responsibleTenantId?: string;
    evidence: string;
  }[];
};

export type TSiteImportResult =
  | { ok: true; plan: TSiteImportPlan }
  | { ok: false; tooLarge?: { name: string; limit: number }; issues: { path: string; message: string }[] };

const pointer = (path: readonly PropertyKey[]) =>
  `/${path.map((part) => String(part).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;

/**
 * Checks an uploaded site document: the evaluation document rules (ids, references, vectors) and what a site
 * needs (a name, a catalog reference with a version for each component, sizes). Issues carry JSON pointers.
 * The components' claims in the document are not trusted: the live catalog claims are used after import.
 */
export function planSiteImport(document: unknown): TSiteImportResult {
  if (typeof document === "object" && document !== null) {
    const raw = document as Record<string, unknown>;
    const assetCount = ["zones", "conduits"].reduce((total, key) => {
      const groups = raw[key];
      if (!Array.isArray(groups)) return total;
      return (
        total +
        groups.reduce(
          (sum: number, group: unknown) =>
            sum +
            (typeof group === "object" &&
            group !== null &&
            Array.isArray((group as { assets?: unknown }).assets)
              ? ((group as { assets: unknown[] }).assets.length ?? 0)
              : 0),
          0,
        )
      );
    }, 0);
    for (const [name, limit] of Object.entries(SITE_IMPORT_LIMITS)) {
      const count =
        name === "assets" ? assetCount : Array.isArray(raw[name]) ? (raw[name] as unknown[]).length : 0;
      if (count > limit)
        return {
          ok: false,
          tooLarge: { name, limit },
          issues: [{ path: `/${name}`, message: `at most ${limit} ${name}` }],
        };
    }
  }
  const engine = ZEvaluationInput.safeParse(document);
  const extras = ZSiteDocumentExtras.safeParse(document);
  const issues = [
    ...(engine.success ? [] : engine.error.issues),
    ...(extras.success ? [] : extras.error.issues),
  ].map((issue) => ({ path: pointer(issue.path), message: issue.message }));
  if (!engine.success || !extras.success) {
    const unique = new Map(issues.map((issue) => [`${issue.path} ${issue.message}`, issue]));
    return { ok: false, issues: [...unique.values()] };
  }
  const input = engine.data;
  const more = extras.data;
  const refs = new Map(input.components.map((component, i) => [component.id, more.components[i]?.ref]));
  const assets: TSiteImportPlan["assets"] = [];
  const addAssets = (
    group: { id: string; assets?: TEvaluationInput["zones"][number]["assets"] },
    extra: { assets?: z.infer<typeof ZImportAssetExtras>[] | undefined } | undefined,
    kind: "zone" | "conduit",
    path: string,
  ) => {
    group.assets?.forEach((asset, i) => {
      const ref = refs.get(asset.componentId);
      const details = extra?.assets?.[i];
      if (!ref) return;
      assets.push({
        key: asset.id,
        location: { kind, key: group.id },
        name: details?.name ?? asset.name ?? asset.id,
        ref: { supplierTenantId: ref.supplierTenantId, componentId: ref.componentId, version: ref.version },
        count: details?.count ?? 1,
        role: details?.role ?? "",
        notes: details?.notes ?? "",
        path: `${path}/assets/${i}/componentId`,
      });
    });
  };
  for (const [i, zone] of input.zones.entries()) addAssets(zone, more.zones[i], "zone", `/zones/${i}`);
  for (const [i, conduit] of (input.conduits ?? []).entries())
    addAssets(conduit, more.conduits?.[i], "conduit", `/conduits/${i}`);
  return {
    ok: true,
    plan: {
      site: {
        name: more.site.name,
        location: more.site.location ?? "",
        description: more.site.description ?? "",
      },
      zones: input.zones.map((zone, i) => ({
        key: zone.id,
        name: more.zones[i]?.name ?? zone.name ?? zone.id,
        description: more.zones[i]?.description ?? "",
        slT: [...zone.slT],
        minimumBasis: zone.minimumBasis ?? "self_declared",
      })),
      conduits: (input.conduits ?? []).map((conduit, i) => ({
        key: conduit.id,
        name: more.conduits?.[i]?.name ?? conduit.name ?? conduit.id,
        from: conduit.from,
        to: conduit.to,
        ...(conduit.slT ? { slT: [...conduit.slT] } : {}),
        minimumBasis: conduit.minimumBasis ?? "self_declared",
        protocols: more.conduits?.[i]?.protocols ?? [],
        description: more.conduits?.[i]?.description ?? "",
      })),
      assets,
      countermeasures: (input.countermeasures ?? []).map((countermeasure, i) => {
        const scope = countermeasure.scope;
        const target =
          "asset" in scope
            ? { kind: "asset" as const, key: scope.asset }
            : "zone" in scope
              ? { kind: "zone" as const, key: scope.zone }
              : { kind: "conduit" as const, key: scope.conduit };
        const extra = more.countermeasures?.[i];
        return {
          key: countermeasure.id,
          target,
          name: extra?.name ?? countermeasure.id,
          description: countermeasure.description ?? "",
          frs: [...new Set(countermeasure.frs)].sort((a, b) => a - b),
          raisesTo: countermeasure.raisesTo,
          kind: countermeasure.kind ?? "technical",
          responsibleParty: countermeasure.responsibleParty ?? "asset_owner",
          ...(extra?.responsibleTenantId ? { responsibleTenantId: extra.responsibleTenantId } : {}),
          evidence: extra?.evidence ?? "",
        };
      }),
    },
  };
}

const ZDocumentAssetView = ZEvaluationAsset.extend({
  name: z.string(),
  count: z.number().int(),
  role: z.string(),
  notes: z.string(),
});

/** The site document as the API answers it (evaluation endpoint, export). */
export const ZSiteDocumentView = z.looseObject({
  format: z.literal(SITE_DOCUMENT_FORMAT),
  evaluationDate: z.string(),
  site: z.object({
    id: z.string().optional(),
    name: z.string(),
    location: z.string(),
    description: z.string(),
  }),
  components: z.array(ZEvaluationComponent.extend({ ref: ZComponentRef, candidate: z.boolean().optional() })),
  zones: z.array(
    ZEvaluationZone.extend({
      name: z.string(),
      description: z.string(),
      assets: z.array(ZDocumentAssetView),
    }),
  ),
  conduits: z.array(
    ZEvaluationConduit.extend({
      name: z.string(),
      protocols: z.array(z.string()),
      description: z.string(),
      assets: z.array(ZDocumentAssetView),
    }),
  ),
  countermeasures: z.array(
    ZEvaluationCountermeasure.extend({
      name: z.string(),
      evidence: z.string(),
      responsibleTenantId: z.string().optional(),
    }),
  ),
  options: z.object({ suggestions: z.number().int().optional() }).optional(),
});
