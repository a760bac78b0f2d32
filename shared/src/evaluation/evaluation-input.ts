import { z } from "zod";
import { ZAssuranceBasis, ZComponentType } from "../domain/component";
import { COUNTERMEASURE_KINDS } from "../domain/countermeasure";
import { ZIsoDate } from "../domain/ids";
import { ZSecurityLevel, ZSlVector } from "../domain/sl-vector";
import { ADVISORY_STATUSES, REMEDIATION_CATEGORIES } from "../engine/assess-advisories";
import { ZResponsibleParty } from "../engine/collect-obligations";
import { ZCertificateStandardPart, ZCertificateStatus } from "../engine/verdict-reason";

/**
 * The evaluation document (docs/engine.md): one self-contained JSON input, no database. Unknown keys are
 * ignored and everything the design marks optional may be left out, so documents written for this version
 * stay valid. Cross-references (asset → component, countermeasure → target, conduit → zones) are checked.
 */

const ZDocumentId = z.string().min(1, "must not be empty").max(200);
const ZFrNumber = z.number().int().min(1, "FR numbers are 1 to 7").max(7, "FR numbers are 1 to 7");

export const ZEvaluationCertificate = z.object({
  certificateNo: z.string().optional().describe("The certificate's number (older name of `number`)."),
  number: z.string().optional().describe("The certificate's number, named in reasons."),
  scheme: z.string().optional().describe('Certification scheme, e.g. "ISASecure CSA".'),
  body: z.string().optional().describe("Certification body that issued it."),
  standardPart: ZCertificateStandardPart.optional().describe(
    'IEC 62443 part it is issued against; absent means "4-2". Only a 4-2 (component) certificate certifies a claim; a 4-1 (development process) or 3-3 (system) certificate never does.',
  ),
  slC: ZSlVector.optional().describe(
    "Levels the certificate covers, FR1 first. Where lower than the claim, the claim is capped to them (reported as an inconsistency).",
  ),
  status: ZCertificateStatus.optional().describe(
    "Absent means valid unless the dates say otherwise; suspended counts as revoked.",
  ),
  issued: ZIsoDate.optional().describe("Required for the claim to count as certified."),
  expires: ZIsoDate.optional().describe(
    "Required for the claim to count as certified: a certificate without an expiry date certifies nothing.",
  ),
});

export const ZEvaluationSecurityContext = z.object({
  fr: ZFrNumber,
  assumption: z.string().min(1),
  expectedParty: ZResponsibleParty,
});

export const ZRequirementResult = z.union([z.boolean(), z.literal("n/a")], {
  error: 'must be true (met), false (not met) or "n/a" (feature absent, counts as met)',
});

export const ZEvaluationClaim = z.object({
  slC: ZSlVector.describe("Declared SL-C, FR1 first."),
  requirements: z
    .record(z.string(), ZRequirementResult)
    .optional()
    .describe(
      'Per IEC 62443-4-2 requirement id ("CR 1.1", "CR 1.1 RE(1)", "EDR 2.4") the result; omitted = slC as declared. Once any applicable row is listed, the list is complete: every applicable row not listed counts as not met, in every FR. "n/a" counts as met; an FR whose rows up to the claimed level are mostly "n/a" is reported as an inconsistency.',
    ),
  basis: ZAssuranceBasis.optional().describe("Defaults to self_declared."),
  certificate: ZEvaluationCertificate.optional(),
  securityContext: z.array(ZEvaluationSecurityContext).optional(),
});
export type TEvaluationClaim = z.infer<typeof ZEvaluationClaim>;

export const ZEvaluationComponent = z
  .object({
    id: ZDocumentId,
    componentType: ZComponentType,
    name: z.string().optional(),
    endOfSupport: ZIsoDate.optional().describe(
      "Last day the supplier supports the component. After it, its assets are at risk and owe a replacement plan (asset owner); levels and compliance are unchanged.",
    ),
    claim: ZEvaluationClaim.optional().describe(
      'Omitted = unknown capability: every FR is a gap ("no claim"), and no countermeasure covers it.',
    ),
  })
  .meta({ id: "EvaluationComponent" });
export type TEvaluationComponent = z.infer<typeof ZEvaluationComponent>;

export const ZEvaluationRemediation = z.object({
  category: z.enum(REMEDIATION_CATEGORIES),
  details: z.string().optional(),
  responsibleParty: ZResponsibleParty.optional(),
});

export const ZEvaluationAdvisory = z.object({
  id: ZDocumentId,
  status: z
    .enum(ADVISORY_STATUSES)
    .optional()
    .describe("Status of the deployed version; defaults to known_affected."),
  fixApplied: z.boolean().optional().describe("True once the fix is deployed on this asset."),
  title: z.string().optional(),
  cves: z.array(z.string()).optional(),
  remediations: z.array(ZEvaluationRemediation).optional(),
});
export type TEvaluationAdvisory = z.infer<typeof ZEvaluationAdvisory>;

export const ZEvaluationAsset = z
  .object({
    id: ZDocumentId,
    componentId: ZDocumentId,
    name: z.string().optional(),
    advisories: z.array(ZEvaluationAdvisory).optional(),
  })
  .meta({ id: "EvaluationAsset" });
export type TEvaluationAsset = z.infer<typeof ZEvaluationAsset>;

export const ZEvaluationZone = z.object({
  id: ZDocumentId,
  name: z.string().optional(),
  slT: ZSlVector.describe("Target SL-T, FR1 first."),
  minimumBasis: ZAssuranceBasis.optional().describe("Defaults to self_declared."),
  assets: z.array(ZEvaluationAsset).optional(),
});
export type TEvaluationZone = z.infer<typeof ZEvaluationZone>;

export const ZEvaluationConduit = z.object({
  id: ZDocumentId,
  name: z.string().optional(),
  from: ZDocumentId,
  to: ZDocumentId,
  slT: ZSlVector.optional().describe("Omitted = the element-wise maximum of the two zones' SL-T."),
  minimumBasis: ZAssuranceBasis.optional(),
  assets: z.array(ZEvaluationAsset).optional().describe("Devices on the conduit (firewalls, gateways)."),
});
export type TEvaluationConduit = z.infer<typeof ZEvaluationConduit>;

export const ZEvaluationCountermeasureScope = z.union(
  [
    z.strictObject({ asset: ZDocumentId }),
    z.strictObject({ zone: ZDocumentId }),
    z.strictObject({ conduit: ZDocumentId }),
  ],
  { error: 'must name exactly one target: {"asset": id}, {"zone": id} or {"conduit": id}' },
);

export const ZEvaluationCountermeasure = z
  .object({
    id: ZDocumentId,
    scope: ZEvaluationCountermeasureScope,
    frs: z.array(ZFrNumber).min(1, "name at least one FR"),
    raisesTo: ZSecurityLevel,
    kind: z
      .enum(COUNTERMEASURE_KINDS)
      .optional()
      .describe(
        "Defaults to technical. A procedural countermeasure raises an FR to SL 1 at most, whatever raisesTo says.",
      ),
    responsibleParty: ZResponsibleParty.optional().describe(
      "Who keeps it in place; defaults to asset_owner.",
    ),
    description: z.string().optional(),
  })
  .meta({ id: "EvaluationCountermeasure" });
export type TEvaluationCountermeasure = z.infer<typeof ZEvaluationCountermeasure>;

export const ZEvaluationOptions = z.object({
  suggestions: z
    .number()
    .int()
    .min(0)
    .max(50)
    .optional()
    .describe(
      "Replacement suggestions per asset with a gap, from the document's components; default 3, 0 = off.",
    ),
});

const ZEvaluationDocument = z.object({
  evaluationDate: ZIsoDate.describe("Certificates are judged on this date (YYYY-MM-DD)."),
  components: z.array(ZEvaluationComponent),
  zones: z.array(ZEvaluationZone),
  conduits: z.array(ZEvaluationConduit).optional(),
  countermeasures: z.array(ZEvaluationCountermeasure).optional(),
  options: ZEvaluationOptions.optional(),
});

type TEvaluationDocument = z.infer<typeof ZEvaluationDocument>;
type TIssueSink = (path: (string | number)[], message: string) => void;

/** Ids must be unique per kind (asset ids across zones and conduits) and every reference must resolve. */
function checkReferences(document: TEvaluationDocument, report: TIssueSink) {
  const firstIndex = <T extends { id: string }>(items: readonly T[], path: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      if (seen.has(item.id))
        report([path, index, "id"], `duplicate id "${item.id}" (also at ${path}[${seen.get(item.id)}])`);
      else seen.set(item.id, index);
    });
    return seen;
  };
  const components = firstIndex(document.components, "components");
  const zones = firstIndex(document.zones, "zones");
  const conduits = firstIndex(document.conduits ?? [], "conduits");
  firstIndex(document.countermeasures ?? [], "countermeasures");

  const assets = new Set<string>();
  const checkAssets = (group: readonly TEvaluationAsset[] | undefined, path: (string | number)[]) => {
    group?.forEach((asset, index) => {
      if (assets.has(asset.id))
        report(
          [...path, index, "id"],
          `duplicate asset id "${asset.id}" (asset ids are unique across zones and conduits)`,
        );
      assets.add(asset.id);
      if (!components.has(asset.componentId)) {
        report(
          [...path, index, "componentId"],
          `unknown component "${asset.componentId}" (not in components)`,
        );
      }
    });
  };
  for (const [index, zone] of document.zones.entries()) checkAssets(zone.assets, ["zones", index, "assets"]);
  document.conduits?.forEach((conduit, index) => {
    for (const end of ["from", "to"] as const) {
      if (!zones.has(conduit[end]))
        report(["conduits", index, end], `unknown zone "${conduit[end]}" (not in zones)`);
    }
    if (conduit.from === conduit.to) report(["conduits", index, "to"], "a conduit joins two different zones");
    checkAssets(conduit.assets, ["conduits", index, "assets"]);
  });
  document.countermeasures?.forEach((countermeasure, index) => {
    const { scope } = countermeasure;
    const [kind, target, known] =
      "asset" in scope
        ? (["asset", scope.asset, assets] as const)
        : "zone" in scope
          ? (["zone", scope.zone, zones] as const)
          : (["conduit", scope.conduit, conduits] as const);
    if (!known.has(target)) report(["countermeasures", index, "scope", kind], `unknown ${kind} "${target}"`);
  });
}

export const ZEvaluationInput = ZEvaluationDocument.superRefine((document, context) =>
  checkReferences(document, (path, message) => context.addIssue({ code: "custom", path, message })),
).meta({
  title: "Evaluation input",
  description: "IEC 62443 evaluation document (assure evaluate, POST /v1/evaluate).",
});
export type TEvaluationInput = z.infer<typeof ZEvaluationInput>;
