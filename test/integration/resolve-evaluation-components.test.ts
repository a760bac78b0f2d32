import { beforeAll, describe, expect, it } from "vitest";
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
});
