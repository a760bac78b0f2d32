import type { DEVELOPMENT_PRACTICES, TAssuranceBasis, TComponent, TComponentType } from "@assure/shared";

/** The editor's state: strings where people type, converted to the API's input by `toInput`. */
export type RequirementValue = true | false | "n/a";

export interface ClaimValues {
  versionRange: string;
  slC: number[];
  basis: TAssuranceBasis;
  certificationId: string;
  listRequirements: boolean;
  requirements: Record<string, RequirementValue>;
  securityContext: { fr: number; assumption: string; expectedParty: "asset_owner" | "integrator" }[];
  maturity: Partial<Record<(typeof DEVELOPMENT_PRACTICES)[number], number>>;
}

export interface VersionValues {
  version: string;
  releaseDate: string;
  supersedes: string;
  endOfSupport: string;
}

export interface CustomerTenant {
  id: string;
  slug: string;
  name: string;
}

export interface EditorValues {
  name: string;
  vendor: string;
  productLine: string;
  componentType: TComponentType;
  description: string;
  modelNumbers: string;
  purl: string;
  cpe: string;
  restricted: boolean;
  customers: CustomerTenant[];
  versions: VersionValues[];
  claims: ClaimValues[];
}

export const emptyClaim = (): ClaimValues => ({
  versionRange: "*",
  slC: [1, 1, 1, 1, 1, 1, 1],
  basis: "self_declared",
  certificationId: "",
  listRequirements: false,
  requirements: {},
  securityContext: [],
  maturity: {},
});

export const emptyEditorValues = (): EditorValues => ({
  name: "",
  vendor: "",
  productLine: "",
  componentType: "EDR",
  description: "",
  modelNumbers: "",
  purl: "",
  cpe: "",
  restricted: false,
  customers: [],
  versions: [],
  claims: [emptyClaim()],
});

/** The editor's values for a stored component's draft; customer names come from the lookup the page did. */
export function valuesOf(component: TComponent, customers: CustomerTenant[]): EditorValues {
  return {
    name: component.name,
    vendor: component.vendor,
    productLine: component.productLine,
    componentType: component.componentType,
    description: component.description,
    modelNumbers: component.identifiers.modelNumbers.join(", "),
    purl: component.identifiers.purl ?? "",
    cpe: component.identifiers.cpe ?? "",
    restricted: component.visibility.kind === "restricted",
    customers,
    versions: component.draft.versions.map((v) => ({
      version: v.version,
      releaseDate: v.releaseDate ?? "",
      supersedes: v.supersedes ?? "",
      endOfSupport: v.endOfSupport ?? "",
    })),
    claims: component.draft.claims.map((claim) => ({
      versionRange: claim.versionRange,
      slC: [...claim.slC],
      basis: claim.basis,
      certificationId: claim.certificationId ?? "",
      listRequirements: claim.requirements !== undefined,
      requirements: { ...(claim.requirements ?? {}) },
      securityContext: claim.securityContext.map((entry) => ({ ...entry })),
      maturity: { ...(claim.maturity ?? {}) },
    })),
  };
}

const present = (value: string) => (value.trim() ? value.trim() : undefined);

/** The component input the API takes (ZComponentInput), from the editor's values. */
export function toInput(values: EditorValues) {
  return {
    name: values.name,
    ...(values.vendor.trim() ? { vendor: values.vendor } : {}),
    productLine: values.productLine,
    componentType: values.componentType,
    description: values.description,
    identifiers: {
      modelNumbers: values.modelNumbers
        .split(/[,\n]/)
        .map((m) => m.trim())
        .filter(Boolean),
      ...(present(values.purl) ? { purl: present(values.purl) } : {}),
      ...(present(values.cpe) ? { cpe: present(values.cpe) } : {}),
    },
    visibility: values.restricted
      ? { kind: "restricted" as const, tenantIds: values.customers.map((c) => c.id) }
      : { kind: "public" as const },
    versions: values.versions.map((v) => ({
      version: v.version,
      ...(present(v.releaseDate) ? { releaseDate: present(v.releaseDate) } : {}),
      ...(present(v.supersedes) ? { supersedes: present(v.supersedes) } : {}),
      ...(present(v.endOfSupport) ? { endOfSupport: present(v.endOfSupport) } : {}),
    })),
    claims: values.claims.map((claim) => ({
      versionRange: claim.versionRange,
      slC: claim.slC,
      basis: claim.basis,
      ...(claim.certificationId ? { certificationId: claim.certificationId } : {}),
      ...(claim.listRequirements ? { requirements: claim.requirements } : {}),
      securityContext: claim.securityContext,
      ...(Object.keys(claim.maturity).length > 0 ? { maturity: claim.maturity } : {}),
    })),
  };
}
