import { listComponentRequirements } from "../../shared/src/catalog/component-requirements";
import { COMPONENT_TYPES } from "../../shared/src/domain/component";
import type {
  TEvaluationAdvisory,
  TEvaluationAsset,
  TEvaluationComponent,
  TEvaluationConduit,
  TEvaluationCountermeasure,
  TEvaluationInput,
  TEvaluationZone,
} from "../../shared/src/evaluation/evaluation-input";

export type TPlantSize = {
  zones: number;
  assetsPerZone: number;
  components: number;
  countermeasures: number;
  advisories: number;
};

/** The plant: 200 zones × 50 assets, 500 component types, 1,000 countermeasures, 2,000 advisories. */
export const FULL_PLANT: TPlantSize = {
  zones: 200,
  assetsPerZone: 50,
  components: 500,
  countermeasures: 1_000,
  advisories: 2_000,
};

/** The same plant with `zones` zones: countermeasures and advisories scale with the assets, components do not. */
export function scaledPlant(zones: number): TPlantSize {
  const factor = zones / FULL_PLANT.zones;
  return {
    ...FULL_PLANT,
    zones,
    countermeasures: Math.round(FULL_PLANT.countermeasures * factor),
    advisories: Math.round(FULL_PLANT.advisories * factor),
  };
}

/** mulberry32: small, fast and deterministic, so every run measures the same plant. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, integer, pick };
}

/**
 * A realistic-looking plant: most components declare SL-C, a third list per-requirement results (some not met,
 * so derivation lowers them), certified claims with valid, expired and revoked certificates, security-context
 * assumptions, a chain of conduits with a few cross links, countermeasures on assets, zones and conduits, and
 * advisories spread over the assets (some fixed).
 */
export function generatePlant(size: TPlantSize, seed = 62443): TEvaluationInput {
  const random = createRandom(seed);
  const vector = (min: number, max: number) => Array.from({ length: 7 }, () => random.integer(min, max));

  const components: TEvaluationComponent[] = Array.from({ length: size.components }, (_, index) => {
    const componentType = COMPONENT_TYPES[index % COMPONENT_TYPES.length] ?? "EDR";
    const id = `component-${index}`;
    if (random.next() < 0.02) return { id, componentType };
    const slC = vector(1, 4);
    const basisRoll = random.next();
    const basis = basisRoll < 0.4 ? "self_declared" : basisRoll < 0.6 ? "third_party_assessed" : "certified";
    const claim: NonNullable<TEvaluationComponent["claim"]> = { slC, basis };
    if (basis === "certified") {
      const statusRoll = random.next();
      claim.certificate = {
        certificateNo: `CERT-${index}`,
        issued: "2024-01-01",
        expires: statusRoll < 0.15 ? "2025-12-31" : "2028-12-31",
        status: statusRoll > 0.95 ? "revoked" : "valid",
      };
    }
    if (random.next() < 0.33) {
      const requirements: Record<string, boolean | "n/a"> = {};
      for (const row of listComponentRequirements({ componentType })) {
        if (row.minSl !== null && row.minSl <= (slC[row.fr - 1] ?? 0)) {
          const roll = random.next();
          requirements[row.id] = roll < 0.03 ? false : roll < 0.08 ? "n/a" : true;
        }
      }
      claim.requirements = requirements;
    }
    if (random.next() < 0.2) {
      claim.securityContext = [
        {
          fr: 5,
          assumption: "Place behind a zone firewall",
          expectedParty: random.next() < 0.5 ? "integrator" : "asset_owner",
        },
      ];
    }
    return { id, componentType, claim };
  });

  const assetIds: string[] = [];
  const zones: TEvaluationZone[] = Array.from({ length: size.zones }, (_, zoneIndex) => {
    const assets: TEvaluationAsset[] = Array.from({ length: size.assetsPerZone }, (_, assetIndex) => {
      const id = `asset-${zoneIndex}-${assetIndex}`;
      assetIds.push(id);
      return { id, componentId: random.pick(components).id, advisories: [] };
    });
    const basisRoll = random.next();
    return {
      id: `zone-${zoneIndex}`,
      slT: vector(1, 3),
      minimumBasis:
        basisRoll < 0.7 ? "self_declared" : basisRoll < 0.9 ? "third_party_assessed" : "certified",
      assets,
    };
  });

  const conduits: TEvaluationConduit[] = [];
  for (let index = 1; index < zones.length; index++) {
    conduits.push({ id: `conduit-${index}`, from: `zone-${index - 1}`, to: `zone-${index}` });
  }
  for (let index = 0; index < Math.floor(zones.length / 4); index++) {
    const from = random.integer(0, zones.length - 1);
    const to = (from + random.integer(2, Math.max(2, zones.length - 1))) % zones.length;
    if (from !== to)
      conduits.push({ id: `cross-${index}`, from: `zone-${from}`, to: `zone-${to}`, slT: vector(1, 3) });
  }

  const countermeasures: TEvaluationCountermeasure[] = Array.from(
    { length: size.countermeasures },
    (_, index) => {
      const roll = random.next();
      const scope =
        roll < 0.6
          ? { zone: random.pick(zones).id }
          : roll < 0.9
            ? { asset: random.pick(assetIds) }
            : { conduit: random.pick(conduits).id };
      const frs = [...new Set([random.integer(1, 7), random.integer(1, 7)])];
      return {
        id: `countermeasure-${index}`,
        scope,
        frs,
        raisesTo: random.integer(1, 4),
        kind: random.next() < 0.7 ? "technical" : "procedural",
      };
    },
  );

  const assetsById = new Map(
    zones.flatMap((zone) => (zone.assets ?? []).map((asset) => [asset.id, asset] as const)),
  );
  for (let index = 0; index < size.advisories; index++) {
    const asset = assetsById.get(random.pick(assetIds));
    const roll = random.next();
    const advisory: TEvaluationAdvisory = {
      id: `ADV-${index}`,
      status: roll < 0.8 ? "known_affected" : "fixed",
      fixApplied: random.next() < 0.3,
      cves: [`CVE-2026-${10000 + index}`],
      remediations: [{ category: random.next() < 0.7 ? "vendor_fix" : "none_available" }],
    };
    asset?.advisories?.push(advisory);
  }

  return {
    evaluationDate: "2026-06-01",
    components,
    zones,
    conduits,
    countermeasures,
    options: { suggestions: 3 },
  };
}

export function countPlant(document: TEvaluationInput) {
  const assets = document.zones.reduce((total, zone) => total + (zone.assets?.length ?? 0), 0);
  const advisories = document.zones.reduce(
    (total, zone) =>
      total + (zone.assets ?? []).reduce((sum, asset) => sum + (asset.advisories?.length ?? 0), 0),
    0,
  );
  return {
    zones: document.zones.length,
    assets,
    components: document.components.length,
    conduits: document.conduits?.length ?? 0,
    countermeasures: document.countermeasures?.length ?? 0,
    advisories,
  };
}
