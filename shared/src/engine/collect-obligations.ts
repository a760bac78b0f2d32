import { z } from "zod";
import { credibleRaise, type TCountermeasure } from "./apply-countermeasures";
import { remediationParty, remediationText, type TAssetAdvisory } from "./assess-advisories";
import { RESPONSIBLE_PARTIES, type TComponentCapability } from "./resolve-component-capability";
import { frLabel } from "./security-levels";

export const ZResponsibleParty = z.enum(RESPONSIBLE_PARTIES);
export const OBLIGATION_SOURCES = [
  "security_context",
  "countermeasure",
  "advisory_remediation",
  "end_of_support",
] as const;
export const ZObligationSource = z.enum(OBLIGATION_SOURCES);

/** Something a party must do for the verdicts to hold, with the subject it concerns. */
export const ZObligation = z
  .object({
    /** Stable for the same document, so repeated evaluations can be matched to tracked obligations. */
    id: z.string(),
    source: ZObligationSource,
    responsibleParty: ZResponsibleParty,
    text: z.string(),
    frs: z.array(z.number().int().min(1).max(7)),
    zoneId: z.string().optional(),
    conduitId: z.string().optional(),
    assetIds: z.array(z.string()),
    componentId: z.string().optional(),
    countermeasureId: z.string().optional(),
    advisoryId: z.string().optional(),
  })
  .meta({ id: "EvaluationObligation" });
export type TObligation = z.infer<typeof ZObligation>;

export type TObligationLocation = { zoneId: string } | { conduitId: string };

/**
 * Collects the obligations of one zone or conduit. Assets sharing a component or an advisory share one
 * obligation that lists them, so a zone of fifty identical PLCs gets one line per assumption, not fifty.
 */
export class ObligationCollector {
  private readonly byKey = new Map<string, TObligation>();
  private readonly securityContextByComponent = new Map<TComponentCapability, TObligation[]>();
  /** Per advisory id its remediation obligations, so repeat assets skip building keys. */
  private readonly byAdvisory = new Map<string, TObligation[]>();
  private readonly locationKey: string;

  constructor(private readonly location: TObligationLocation) {
    this.locationKey = "zoneId" in location ? `zone:${location.zoneId}` : `conduit:${location.conduitId}`;
  }

  private addForAsset(
    key: string,
    assetId: string | undefined,
    create: () => Omit<TObligation, "id" | "assetIds">,
  ) {
    let obligation = this.byKey.get(key);
    if (!obligation) {
      obligation = { id: key, ...create(), ...this.location, assetIds: [] };
      this.byKey.set(key, obligation);
    }
    if (assetId !== undefined) obligation.assetIds.push(assetId);
  }

  /** The component's assumptions become obligations of this zone or conduit, resolved once per component. */
  addSecurityContext(capability: TComponentCapability, assetId: string) {
    let obligations = this.securityContextByComponent.get(capability);
    if (!obligations) {
      obligations = capability.securityContext.map((assumption, index) => {
        const id = `${this.locationKey}:security_context:${capability.componentId}:${index}`;
        const obligation: TObligation = {
          id,
          source: "security_context",
          responsibleParty: assumption.expectedParty,
          text: `Provide what component ${capability.componentId} assumes for ${frLabel(assumption.fr)}: ${assumption.assumption}`,
          frs: [assumption.fr],
          ...this.location,
          assetIds: [],
          componentId: capability.componentId,
        };
        this.byKey.set(id, obligation);
        return obligation;
      });
      this.securityContextByComponent.set(capability, obligations);
    }
    for (const obligation of obligations) obligation.assetIds.push(assetId);
  }

  addCountermeasure(countermeasure: TCountermeasure, assetId?: string) {
    this.addForAsset(`${this.locationKey}:countermeasure:${countermeasure.id}`, assetId, () => {
      const frs = [...new Set(countermeasure.frs)].sort((left, right) => left - right);
      const description = countermeasure.description ? `: ${countermeasure.description}` : "";
      const raisesTo = credibleRaise(countermeasure);
      const capped =
        raisesTo < countermeasure.raisesTo
          ? ` (procedural: SL${raisesTo} at most, although it states SL${countermeasure.raisesTo})`
          : "";
      return {
        source: "countermeasure",
        responsibleParty: countermeasure.responsibleParty ?? "asset_owner",
        text: `Keep countermeasure ${countermeasure.id} in place and evidenced; it raises ${frs.map(frLabel).join(", ")} to SL${raisesTo}${capped}${description}`,
        frs,
        countermeasureId: countermeasure.id,
      };
    });
  }

  /** An unsupported component: the asset owner plans its replacement, one obligation per component here. */
  addEndOfSupport(capability: TComponentCapability, assetId: string) {
    const since = capability.endOfSupport ?? "";
    this.addForAsset(`${this.locationKey}:end_of_support:${capability.componentId}`, assetId, () => ({
      source: "end_of_support",
      responsibleParty: "asset_owner",
      text: `Plan the replacement of component ${capability.componentId}: unsupported since ${since}, it gets no more security updates`,
      frs: [],
      componentId: capability.componentId,
    }));
  }

  addAdvisory(advisory: TAssetAdvisory, assetId: string) {
    const remediations = advisory.remediations?.length ? advisory.remediations : [undefined];
    let obligations = this.byAdvisory.get(advisory.id);
    if (!obligations) {
      obligations = [];
      this.byAdvisory.set(advisory.id, obligations);
    }
    // One obligation per remediation index; the first asset to bring an index words it.
    for (let index = 0; index < remediations.length; index++) {
      let obligation = obligations[index];
      if (!obligation) {
        const remediation = remediations[index];
        obligation = {
          id: `${this.locationKey}:advisory:${advisory.id}:${index}`,
          source: "advisory_remediation",
          responsibleParty: remediationParty(remediation),
          text: remediationText(advisory, remediation),
          frs: [],
          ...this.location,
          assetIds: [],
          advisoryId: advisory.id,
        };
        obligations[index] = obligation;
        this.byKey.set(obligation.id, obligation);
      }
      obligation.assetIds.push(assetId);
    }
  }

  list(): TObligation[] {
    return [...this.byKey.values()];
  }
}
