import { listDevelopmentRequirements } from "../catalog/development-lifecycle";
import { serviceProviderAreaRows } from "../catalog/service-provider-requirements";
import type { TResponsibleParty } from "../engine/resolve-component-capability";
import type { TEvaluationResult } from "../evaluation/evaluation-result";
import type { TObligationSubject, TSiteObligationSource } from "./obligation";
import type { TSite } from "./site";
import type { TSiteDocument } from "./site-document";

/** An obligation as generated from the site; tracking state (status, due, evidence, history) is added on store. */
export type TPlannedObligation = {
  sourceKey: string;
  source: TSiteObligationSource;
  reference?: string;
  subject: TObligationSubject;
  text: string;
  frs: number[];
  responsibleParty: TResponsibleParty;
  obligeeTenantId?: string;
  obligeeName?: string;
};

/** What IEC 62443-2-4 asks of the integrator per functional area, in one line each (our paraphrase). */
const SERVICE_PROVIDER_ACTIONS: Record<string, string> = {
  "SP.01": "assign security-trained staff and subcontractors to the solution and keep their training records",
  "SP.02":
    "show that the solution's security capabilities meet the zones' SL-T, with documentation and tests",
  "SP.03": "design and document the zone and conduit architecture, segmentation and hardening",
  "SP.04": "secure and document every wireless network of the solution",
  "SP.05": "keep the safety instrumented system separated and its security documented",
  "SP.06": "keep a configuration baseline of the solution and control changes to it",
  "SP.07": "provide remote access that is approved, secured and logged",
  "SP.08": "configure security event logging and reporting for the solution",
  "SP.09": "manage accounts: no shared or default accounts, least privilege, prompt removal",
  "SP.10": "provide and maintain malware protection for the solution's hosts",
  "SP.11": "qualify, approve and deliver security patches for the solution",
  "SP.12": "provide and test backup and restore of the solution's configuration and data",
};

/** 62443-4-1 practices every supplier of a deployed product owes its customers. */
const SUPPLIER_PRACTICES: { practice: string; title: string; action: string }[] = [
  {
    practice: "SUM",
    title: "Security update management",
    action:
      "qualify security updates for the deployed versions, document them and announce their availability",
  },
  {
    practice: "DM",
    title: "Management of security-related issues",
    action: "receive, assess and disclose security issues of the products, with advisories and fixes",
  },
  {
    practice: "SG",
    title: "Security guidelines",
    action: "provide hardening, defence-in-depth and secure operation guidelines for the products",
  },
];

/** The asset owner's own baseline (IEC 62443-2-1, 3-2, 2-3), kept short on purpose. */
const ASSET_OWNER_BASELINE: { reference: string; text: string }[] = [
  {
    reference: "IEC 62443-3-2",
    text: "Keep the zone and conduit model and each zone's SL-T current after every change (risk assessment)",
  },
  {
    reference: "IEC 62443-2-3",
    text: "Run patch management: evaluate and install the security updates suppliers qualify",
  },
  {
    reference: "IEC 62443-2-1",
    text: "Review the user and service accounts of the site's control systems at least once a year",
  },
  {
    reference: "IEC 62443-2-1",
    text: "Maintain and exercise an incident response plan that covers the site's control systems",
  },
];

const idRange = (ids: string[]) => (ids.length > 1 ? `${ids[0]} … ${ids.at(-1)}` : (ids[0] ?? ""));

/**
 * Every obligation the site gives rise to: those the engine found (security-context assumptions,
 * countermeasures, advisory remediations) and the role baselines of the asset owner, the site's integrator
 * and each supplier whose products run there. `sourceKey` is stable for the same source, so regeneration
 * finds the tracked obligation again. Pure.
 */
export function planSiteObligations(input: {
  site: TSite;
  ownerName: string;
  document: TSiteDocument;
  result: TEvaluationResult;
  tenantNames: ReadonlyMap<string, string>;
}): TPlannedObligation[] {
  const { site, document, result } = input;
  const componentById = new Map(document.components.map((component) => [component.id, component]));
  const assetById = new Map(
    [...document.zones, ...document.conduits].flatMap((group) =>
      group.assets.map((asset) => [asset.id, asset] as const),
    ),
  );
  const countermeasureById = new Map(
    document.countermeasures.map((countermeasure) => [countermeasure.id, countermeasure]),
  );
  const groupName = new Map([...document.zones, ...document.conduits].map((group) => [group.id, group.name]));
  const supplierOfComponent = (componentId: string | undefined) =>
    componentId ? componentById.get(componentId)?.ref.supplierTenantId : undefined;
  const componentName = (componentId: string) => {
    const component = componentById.get(componentId);
    return component?.name ?? componentId;
  };

  const obligee = (party: TResponsibleParty, supplierTenantId?: string) => {
    const tenantId =
      party === "asset_owner"
        ? site.tenantId
        : party === "integrator"
          ? site.integratorTenantId
          : supplierTenantId;
    if (!tenantId) return {};
    const name = tenantId === site.tenantId ? input.ownerName : input.tenantNames.get(tenantId);
    return { obligeeTenantId: tenantId, ...(name ? { obligeeName: name } : {}) };
  };

  const planned: TPlannedObligation[] = [];
  for (const group of [...result.zones, ...result.conduits]) {
    const isConduit = "from" in group;
    for (const obligation of group.obligations) {
      const location: TObligationSubject = {
        kind: isConduit ? "conduit" : "zone",
        id: group.id,
        label: groupName.get(group.id) ?? group.id,
      };
      const firstAsset = obligation.assetIds[0] ? assetById.get(obligation.assetIds[0]) : undefined;
      let text = obligation.text;
      let subject = location;
      let supplierTenantId: string | undefined;
      if (obligation.source === "security_context" && obligation.componentId) {
        text = text.replace(`component ${obligation.componentId}`, componentName(obligation.componentId));
        supplierTenantId = supplierOfComponent(obligation.componentId);
      } else if (obligation.source === "countermeasure" && obligation.countermeasureId) {
        const countermeasure = countermeasureById.get(obligation.countermeasureId);
        if (countermeasure) {
          text = text.replace(
            `countermeasure ${countermeasure.id}`,
            `countermeasure "${countermeasure.name}"`,
          );
          subject = { kind: "countermeasure", id: countermeasure.id, label: countermeasure.name };
          supplierTenantId =
            countermeasure.responsibleTenantId ?? supplierOfComponent(firstAsset?.componentId);
        }
      } else if (obligation.source === "advisory_remediation") {
        supplierTenantId = supplierOfComponent(firstAsset?.componentId);
      }
      if (obligation.assetIds.length > 0 && obligation.source !== "countermeasure") {
        const names = obligation.assetIds.map((id) => assetById.get(id)?.name ?? id);
        text = `${text} (${location.label}: ${names.join(", ")})`;
      }
      planned.push({
        sourceKey: obligation.id,
        source: obligation.source,
        subject,
        text,
        frs: [...obligation.frs],
        responsibleParty: obligation.responsibleParty,
        ...obligee(obligation.responsibleParty, supplierTenantId),
      });
    }
  }

  const siteSubject: TObligationSubject = { kind: "site", id: site.id, label: site.name };
  ASSET_OWNER_BASELINE.forEach((item, index) => {
    planned.push({
      sourceKey: `baseline:asset_owner:${index + 1}`,
      source: "role_baseline",
      reference: item.reference,
      subject: siteSubject,
      text: item.text,
      frs: [],
      responsibleParty: "asset_owner",
      ...obligee("asset_owner"),
    });
  });

  if (site.integratorTenantId) {
    for (const area of serviceProviderAreaRows) {
      const action = SERVICE_PROVIDER_ACTIONS[area.id] ?? "meet the requirements of this functional area";
      planned.push({
        sourceKey: `baseline:integrator:${area.id}`,
        source: "role_baseline",
        reference: `IEC 62443-2-4 ${area.id}`,
        subject: siteSubject,
        text: `${area.title} (${area.id}): ${action}`,
        frs: [],
        responsibleParty: "integrator",
        ...obligee("integrator"),
      });
    }
  }

  const productsBySupplier = new Map<string, Set<string>>();
  for (const component of document.components) {
    if (component.candidate) continue;
    const names = productsBySupplier.get(component.ref.supplierTenantId) ?? new Set<string>();
    names.add(component.name ?? component.id);
    productsBySupplier.set(component.ref.supplierTenantId, names);
  }
  for (const [supplierTenantId, products] of [...productsBySupplier].sort(([a], [b]) => a.localeCompare(b))) {
    const supplierName = input.tenantNames.get(supplierTenantId) ?? "Supplier";
    for (const practice of SUPPLIER_PRACTICES) {
      const ids = listDevelopmentRequirements(practice.practice).map((row) => row.id);
      planned.push({
        sourceKey: `baseline:supplier:${supplierTenantId}:${practice.practice}`,
        source: "role_baseline",
        reference: `IEC 62443-4-1 ${practice.practice} (${idRange(ids)})`,
        subject: { kind: "site", id: site.id, label: site.name },
        text: `${practice.title} for ${[...products].sort().join(", ")}: ${practice.action}`,
        frs: [],
        responsibleParty: "supplier",
        obligeeTenantId: supplierTenantId,
        obligeeName: supplierName,
      });
    }
  }
  return planned;
}
