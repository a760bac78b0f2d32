import type { TSite, TTenant } from "@assure/shared";
import type { Db } from "../db/client";
import { createAsset } from "../repos/assets";
import { createConduit } from "../repos/conduits";
import { createCountermeasure } from "../repos/countermeasures";
import { putGrant } from "../repos/grants";
import { listSiteObligations, saveObligation } from "../repos/obligations";
import { updateSite } from "../repos/sites";
import { syncSiteObligations } from "../usecases/sync-site-obligations";
import { demoSiteModel } from "./demo-data";

/**
 * The Kaiserau site as an asset owner would model it: assets in the zones (some gaps, one covered by a
 * countermeasure), conduits with a firewall and the NDA safety gateway, a write grant to the integrator that
 * owes the integrator's obligations, and obligations in several states (one overdue, one met with evidence).
 */
export async function seedSiteModel(
  db: Db,
  input: {
    owner: TTenant;
    site: TSite;
    zoneIds: ReadonlyMap<string, string>;
    components: ReadonlyMap<string, { id: string; supplierTenantId: string }>;
    integrator: TTenant;
    actor: string;
    now: Date;
  },
): Promise<void> {
  const { site, actor, now } = input;
  const context = { ownerTenantId: input.owner.id, siteId: site.id, actor, now };
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`demo site model names an unknown ${what}`);
    return value;
  };
  const componentRef = (name: string) => {
    const component = need(input.components.get(name), `component ${name}`);
    return { supplierTenantId: component.supplierTenantId, componentId: component.id };
  };
  const assetIds = new Map<string, string>();
  for (const spec of demoSiteModel.assets) {
    const asset = await createAsset(db, context, {
      name: spec.name,
      location: { kind: "zone", zoneId: need(input.zoneIds.get(spec.zone), `zone ${spec.zone}`) },
      ...componentRef(spec.component),
      version: spec.version,
      count: spec.count,
      role: spec.role,
      notes: "",
    });
    assetIds.set(spec.name, asset.id);
  }
  for (const spec of demoSiteModel.conduits) {
    const conduit = await createConduit(db, context, {
      name: spec.name,
      fromZoneId: need(input.zoneIds.get(spec.from), `zone ${spec.from}`),
      toZoneId: need(input.zoneIds.get(spec.to), `zone ${spec.to}`),
      minimumBasis: "self_declared",
      protocols: spec.protocols,
      description: spec.description,
    });
    for (const asset of spec.assets) {
      await createAsset(db, context, {
        name: asset.name,
        location: { kind: "conduit", conduitId: conduit.id },
        ...componentRef(asset.component),
        version: asset.version,
        count: asset.count,
        role: asset.role,
        notes: "",
      });
    }
  }
  const cm = demoSiteModel.countermeasure;
  await createCountermeasure(db, context, {
    name: cm.name,
    description: cm.description,
    scope: { kind: "asset", id: need(assetIds.get(cm.asset), `asset ${cm.asset}`) },
    frs: cm.frs,
    raisesTo: cm.raisesTo,
    kind: cm.kind,
    responsibleParty: cm.responsibleParty,
    evidence: cm.evidence,
  });

  await putGrant(db, {
    site,
    grantee: input.integrator,
    access: demoSiteModel.integrator.access,
    before: undefined,
    actor,
    now,
  });
  const withIntegrator = await updateSite(db, {
    before: site,
    patch: { integratorTenantId: input.integrator.id },
    expectedVersion: site.version,
    actor,
    now,
  });
  await syncSiteObligations(db, { site: withIntegrator, actor, now });

  // A few obligations in motion: the integrator's firewall assumption overdue, the countermeasure evidenced.
  const obligations = await listSiteObligations(db, input.owner.id, site.id);
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const at = now.toISOString();
  const adjust = async (
    find: (o: (typeof obligations)[number]) => boolean,
    change: (o: (typeof obligations)[number]) => Partial<(typeof obligations)[number]>,
  ) => {
    const before = obligations.find(find);
    if (!before) return;
    const patch = change(before);
    await saveObligation(db, {
      before,
      after: {
        ...before,
        ...patch,
        history: [...before.history, ...(patch.history ?? [])],
        version: before.version + 1,
        updatedAt: at,
      },
      expectedVersion: before.version,
      action: "obligation.update",
      actor,
      now,
    });
  };
  await adjust(
    (o) => o.source === "security_context" && o.responsibleParty === "integrator",
    () => ({
      status: "in_progress",
      due: day(-14),
      history: [
        { at, actor, action: "status", from: "open", to: "in_progress" },
        { at, actor, action: "due", to: day(-14) },
      ],
    }),
  );
  await adjust(
    (o) => o.source === "countermeasure",
    (o) => ({
      status: "met",
      evidence: [
        {
          id: "01jd0000000000000000000001",
          kind: "link",
          title: "Port-security export of 2026-03-02",
          url: "https://docs.rheinwasser.example/kaiserau/nd-kai-104",
          addedBy: actor,
          addedByTenantId: input.integrator.id,
          addedAt: at,
        },
      ],
      history: [
        { at, actor, action: "evidence_added", to: "Port-security export of 2026-03-02" },
        { at, actor, action: "status", from: o.status, to: "met" },
      ],
    }),
  );
  await adjust(
    (o) => o.source === "role_baseline" && o.responsibleParty === "supplier" && o.sourceKey.endsWith(":SUM"),
    () => ({ due: day(45), history: [{ at, actor, action: "due", to: day(45) }] }),
  );
}
