import { planSiteImport, type TSite, ZSiteCountermeasure } from "@assure/shared";
import { ulid } from "ulid";
import { AppError, invalidFields } from "../app-error";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { assetItem, newAsset } from "../repos/assets";
import { newConduit } from "../repos/conduits";
import { newCountermeasure } from "../repos/countermeasures";
import { batchWrite } from "../repos/site-items";
import { createSite } from "../repos/sites";
import { componentRefKey, resolveEvaluationComponents } from "./resolve-evaluation-components";

/**
 * Creates a site from a site document (an export, or any evaluation document with site names and catalog
 * references). Everything is validated first; the children are written, then the site item as the commit point:
 * until it exists nothing of the import is reachable, and a failure removes what was written. docs/adr/0040.
 */
export async function importSite(
  db: Db,
  input: { tenantId: string; document: unknown; actor: string; now: Date },
): Promise<TSite> {
  const planned = planSiteImport(input.document);
  if (!planned.ok) {
    if (planned.tooLarge) {
      throw new AppError(
        "payload_too_large",
        `A site document may list at most ${planned.tooLarge.limit} ${planned.tooLarge.name}.`,
        { limit: planned.tooLarge },
      );
    }
    throw invalidFields(
      planned.issues.map((issue) => ({ ...issue, in: "body" as const })),
      "The site document is not valid. ",
    );
  }
  const { plan } = planned;
  const resolved = await resolveEvaluationComponents(
    db,
    input.tenantId,
    plan.assets.map((asset) => asset.ref),
  );
  const errors: { path: string; message: string; in: "body" }[] = [];
  for (const asset of plan.assets) {
    if (!resolved.get(componentRefKey(asset.ref))?.claim) {
      errors.push({
        path: asset.path,
        message: `component ${asset.ref.componentId} is not a published catalog component you can see`,
        in: "body",
      });
    }
  }
  const suppliers = new Set(plan.assets.map((asset) => asset.ref.supplierTenantId));
  plan.countermeasures.forEach((countermeasure, index) => {
    if (countermeasure.responsibleTenantId && !suppliers.has(countermeasure.responsibleTenantId)) {
      errors.push({
        path: `/countermeasures/${index}/responsibleTenantId`,
        message: "must be the supplier of one of the site's components",
        in: "body",
      });
    }
  });
  if (errors.length > 0) {
    throw invalidFields(errors, "The site document is not valid. ");
  }

  const siteId = ulid().toLowerCase();
  const ids = new Map<string, string>();
  const idFor = (kind: string, key: string) => {
    const mapKey = `${kind}:${key}`;
    let id = ids.get(mapKey);
    if (!id) {
      id = ulid().toLowerCase();
      ids.set(mapKey, id);
    }
    return id;
  };
  const at = input.now.toISOString();
  const owner = input.tenantId;
  const puts: { put: Record<string, unknown> }[] = [];
  for (const zone of plan.zones) {
    const id = idFor("zone", zone.key);
    puts.push({
      put: {
        ...keys.zone(owner, siteId, id),
        type: "zone",
        id,
        siteId,
        name: zone.name,
        description: zone.description,
        slT: zone.slT,
        minimumBasis: zone.minimumBasis,
        version: 1,
        createdAt: at,
        updatedAt: at,
      },
    });
  }
  for (const conduit of plan.conduits) {
    const item = newConduit(
      siteId,
      {
        name: conduit.name,
        fromZoneId: idFor("zone", conduit.from),
        toZoneId: idFor("zone", conduit.to),
        ...(conduit.slT ? { slT: conduit.slT } : {}),
        minimumBasis: conduit.minimumBasis,
        protocols: conduit.protocols,
        description: conduit.description,
      },
      input.now,
      idFor("conduit", conduit.key),
    );
    puts.push({ put: { ...keys.conduit(owner, siteId, item.id), type: "conduit", ...item } });
  }
  for (const asset of plan.assets) {
    const item = newAsset(
      siteId,
      {
        name: asset.name,
        location:
          asset.location.kind === "zone"
            ? { kind: "zone", zoneId: idFor("zone", asset.location.key) }
            : { kind: "conduit", conduitId: idFor("conduit", asset.location.key) },
        supplierTenantId: asset.ref.supplierTenantId,
        componentId: asset.ref.componentId,
        version: asset.ref.version,
        count: asset.count,
        role: asset.role,
        notes: asset.notes,
      },
      input.now,
      idFor("asset", asset.key),
    );
    puts.push({ put: assetItem(owner, item) });
  }
  for (const countermeasure of plan.countermeasures) {
    const item = newCountermeasure(
      siteId,
      ZSiteCountermeasure.pick({
        name: true,
        description: true,
        scope: true,
        frs: true,
        raisesTo: true,
        kind: true,
        responsibleParty: true,
        responsibleTenantId: true,
        evidence: true,
      }).parse({
        name: countermeasure.name,
        description: countermeasure.description,
        scope: {
          kind: countermeasure.target.kind,
          id: idFor(countermeasure.target.kind, countermeasure.target.key),
        },
        frs: countermeasure.frs,
        raisesTo: countermeasure.raisesTo,
        kind: countermeasure.kind,
        responsibleParty: countermeasure.responsibleParty,
        ...(countermeasure.responsibleTenantId
          ? { responsibleTenantId: countermeasure.responsibleTenantId }
          : {}),
        evidence: countermeasure.evidence,
      }),
      input.now,
      idFor("countermeasure", countermeasure.key),
    );
    puts.push({ put: { ...keys.countermeasure(owner, siteId, item.id), type: "countermeasure", ...item } });
  }
  try {
    await batchWrite(db, puts);
    return await createSite(db, {
      tenantId: owner,
      id: siteId,
      name: plan.site.name,
      location: plan.site.location,
      description: plan.site.description,
      actor: input.actor,
      now: input.now,
    });
  } catch (error) {
    await batchWrite(
      db,
      puts.map(({ put }) => ({ delete: { pk: String(put.pk), sk: String(put.sk) } })),
    ).catch(() => undefined);
    throw error;
  }
}
