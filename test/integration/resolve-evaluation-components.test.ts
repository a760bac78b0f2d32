import { listComponentRequirements } from "@assure/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { createCertification } from "../../functions/src/repos/certifications";
import { createComponent } from "../../functions/src/repos/components";
import { createTenant } from "../../functions/src/repos/tenants";
import {
  componentRefKey,
  resolveEvaluationComponents,
} from "../../functions/src/usecases/resolve-evaluation-components";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createTestDb } from "../support/db";

const now = new Date("2026-06-01T00:00:00Z");
let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  db = await createTestDb("resolve");
});

describe("resolveEvaluationComponents", () => {
  it("gives the published claim to those who may see it, and no claim otherwise", async () => {
    const supplier = await createTenant(db, {
      slug: "sup-r",
      name: "Sup",
      kinds: ["supplier"],
      actor: "t",
      now,
    });
    const owner = await createTenant(db, {
      slug: "own-r",
      name: "Own",
      kinds: ["asset_owner"],
      actor: "t",
      now,
    });
    const stranger = await createTenant(db, {
      slug: "str-r",
      name: "Str",
      kinds: ["asset_owner"],
      actor: "t",
      now,
    });
    const draft = await createComponent(db, {
      supplier,
      component: buildComponentInput({ name: "Draft PLC" }),
      actor: "t",
      now,
    });
    const restricted = await createPublishedComponent(db, {
      supplier,
      component: buildComponentInput({
        name: "NDA PLC",
        visibility: { kind: "restricted", tenantIds: [owner.id] },
        slC: [3, 3, 3, 3, 3, 3, 3],
      }),
      now,
    });
    const refs = [
      { supplierTenantId: supplier.id, componentId: draft.id },
      { supplierTenantId: supplier.id, componentId: restricted.id, version: "2.1" },
      { supplierTenantId: supplier.id, componentId: "01jzzzzzzzzzzzzzzzzzzzzzzz" },
    ];
    const forOwner = await resolveEvaluationComponents(db, owner.id, refs);
    const forStranger = await resolveEvaluationComponents(db, stranger.id, refs);
    expect(forOwner.get(componentRefKey(refs[0]!))?.claim).toBeUndefined();
    expect(forOwner.get(componentRefKey(refs[1]!))?.claim).toEqual({
      slC: [3, 3, 3, 3, 3, 3, 3],
      basis: "self_declared",
    });
    expect(forOwner.get(componentRefKey(refs[1]!))?.name).toBe("NDA PLC 2.1");
    expect(forStranger.get(componentRefKey(refs[1]!))?.claim).toBeUndefined();
    expect(forOwner.get(componentRefKey(refs[2]!))?.claim).toBeUndefined();
  });

  it("names no component the viewer may not see: a draft, or a restricted one not shared with it", async () => {
    const tenant = (slug: string, kinds: ("supplier" | "asset_owner")[]) =>
      createTenant(db, { slug, name: slug, kinds, actor: "t", now });
    const supplier = await tenant("sup-hidden", ["supplier"]);
    const named = await tenant("own-hidden", ["asset_owner"]);
    const other = await tenant("str-hidden", ["asset_owner"]);
    const draft = await createComponent(db, {
      supplier,
      component: buildComponentInput({ name: "Secret Draft PLC", vendor: "Hidden Vendor" }),
      actor: "t",
      now,
    });
    const restricted = await createPublishedComponent(db, {
      supplier,
      component: buildComponentInput({
        name: "Secret NDA PLC",
        vendor: "Hidden Vendor",
        visibility: { kind: "restricted", tenantIds: [named.id] },
      }),
      now,
    });
    const cases = [
      { viewer: other.id, componentId: restricted.id, shown: "Restricted component" },
      { viewer: named.id, componentId: draft.id, shown: "Restricted component" },
      { viewer: named.id, componentId: restricted.id, shown: "Secret NDA PLC 1.0" },
      { viewer: supplier.id, componentId: draft.id, shown: "Secret Draft PLC 1.0" },
    ];
    for (const { viewer, componentId, shown } of cases) {
      const ref = { supplierTenantId: supplier.id, componentId, version: "1.0" };
      const resolved = (await resolveEvaluationComponents(db, viewer, [ref])).get(componentRefKey(ref));
      expect(resolved?.name, `${viewer} ${componentId}`).toBe(shown);
      if (shown === "Restricted component") {
        expect(resolved?.claim).toBeUndefined();
        expect(JSON.stringify(resolved)).not.toMatch(/Secret|Hidden/);
      }
    }
  });

  const fr1Level1 = Object.fromEntries(
    listComponentRequirements({ componentType: "EDR", fr: 1, sl: 1 }).map((row) => [row.id, true]),
  );

  it("resolves the published claim covering each referenced version, with certificate and security context", async () => {
    const supplier = await createTenant(db, {
      slug: "sup-v",
      name: "Sup V",
      kinds: ["supplier"],
      actor: "t",
      now,
    });
    const owner = await createTenant(db, {
      slug: "own-v",
      name: "Own V",
      kinds: ["asset_owner"],
      actor: "t",
      now,
    });
    const certification = await createCertification(db, {
      supplierTenantId: supplier.id,
      certification: {
        scheme: "ISASecure CSA",
        body: "exida",
        certificateNo: "CSA-1",
        standardPart: "4-2",
        issued: "2025-01-01",
        expires: "2027-01-01",
        evidenceIds: [],
      },
      evidence: new Map(),
      actor: "t",
      now,
    });
    const component = await createPublishedComponent(db, {
      supplier,
      component: buildComponentInput({
        name: "Versioned PLC",
        slC: undefined,
        versions: [{ version: "3.2" }, { version: "4.0", supersedes: "3.2" }],
        claims: [
          { versionRange: ">= 3.0, < 4.0", slC: [1, 1, 1, 1, 1, 1, 1], securityContext: [] },
          {
            versionRange: ">= 4.0",
            slC: [1, 0, 0, 0, 0, 0, 0],
            requirements: fr1Level1,
            basis: "certified",
            certificationId: certification.id,
            securityContext: [
              { fr: 5, assumption: "Needs an external firewall", expectedParty: "integrator" },
            ],
          },
        ],
      }),
      now,
    });
    const refs = [
      { supplierTenantId: supplier.id, componentId: component.id, version: "3.2" },
      { supplierTenantId: supplier.id, componentId: component.id, version: "4.0" },
      { supplierTenantId: supplier.id, componentId: component.id, version: "2.0" },
      { supplierTenantId: supplier.id, componentId: component.id },
    ];
    const resolved = await resolveEvaluationComponents(db, owner.id, refs);
    expect(resolved.get(componentRefKey(refs[0]!))?.claim).toEqual({
      slC: [1, 1, 1, 1, 1, 1, 1],
      basis: "self_declared",
    });
    expect(resolved.get(componentRefKey(refs[1]!))?.claim).toEqual({
      slC: [1, 0, 0, 0, 0, 0, 0],
      basis: "certified",
      requirements: fr1Level1,
      // Part, number and (when the certification states them) levels: the engine checks and caps with them.
      certificate: {
        number: "CSA-1",
        standardPart: "4-2",
        scheme: "ISASecure CSA",
        body: "exida",
        status: "valid",
        issued: "2025-01-01",
        expires: "2027-01-01",
      },
      securityContext: [{ fr: 5, assumption: "Needs an external firewall", expectedParty: "integrator" }],
    });
    // A version no claim covers is unknown (a gap), never a pass.
    expect(resolved.get(componentRefKey(refs[2]!))?.claim).toBeUndefined();
    // Without a version: the claim covering the newest version.
    expect(resolved.get(componentRefKey(refs[3]!))?.claim?.basis).toBe("certified");
  });
});
