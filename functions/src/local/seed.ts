import type { TTenant } from "@assure/shared";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { createComponent, publishComponent } from "../repos/components";
import { createSite, createZone } from "../repos/sites";
import { createTenant, setSupplierVerification } from "../repos/tenants";
import { addMembership, createUser } from "../repos/users";
import { hashPassword } from "../usecases/sign-in-with-password";
import { DEMO_PASSWORD, demoComponents, demoSite, demoTenants, demoUsers } from "./demo-data";

const SEED_MARKER = keys.meta("seed");

/**
 * Seeds the demo data once. A marker item is claimed first with a conditional write, so a second
 * `npm start` (or two at once) never seeds twice.
 */
export async function seedDemoData(db: Db, now = new Date()): Promise<{ seeded: boolean }> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...SEED_MARKER, type: "meta", startedAt: now.toISOString() },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { seeded: false };
    throw error;
  }

  const actor = "seed";
  const tenants = new Map<string, TTenant>();
  for (const spec of demoTenants) {
    let tenant = await createTenant(db, { slug: spec.slug, name: spec.name, kinds: spec.kinds, actor, now });
    if (spec.verified) {
      tenant = await setSupplierVerification(db, {
        tenantId: tenant.id,
        verified: true,
        method: spec.verified,
        actor,
        now,
      });
    }
    tenants.set(spec.slug, tenant);
  }
  const tenantOf = (slug: string) => {
    const tenant = tenants.get(slug);
    if (!tenant) throw new Error(`demo data names an unknown tenant ${slug}`);
    return tenant;
  };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const spec of demoUsers) {
    const user = await createUser(db, {
      email: spec.email,
      name: spec.name,
      passwordHash,
      platformOperator: spec.operator ?? false,
      now,
    });
    for (const membership of spec.memberships) {
      await addMembership(db, {
        tenant: tenantOf(membership.tenant),
        user,
        role: membership.role,
        actor,
        now,
      });
    }
  }

  for (const spec of demoComponents) {
    const supplier = tenantOf(spec.supplier);
    const component = await createComponent(db, {
      supplier,
      component: {
        name: spec.name,
        productLine: spec.productLine,
        componentType: spec.componentType,
        description: spec.description,
        identifiers: { modelNumbers: spec.modelNumbers },
        visibility: { kind: "public" },
        slC: spec.slC,
        basis: spec.basis,
      },
      actor,
      now,
    });
    if (spec.publish) await publishComponent(db, { before: component, expectedVersion: 1, actor, now });
  }

  const owner = tenantOf(demoSite.tenant);
  const site = await createSite(db, {
    tenantId: owner.id,
    name: demoSite.name,
    location: demoSite.location,
    description: demoSite.description,
    actor,
    now,
  });
  for (const zone of demoSite.zones) {
    await createZone(db, { tenantId: owner.id, siteId: site.id, ...zone, actor, now });
  }

  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...SEED_MARKER,
        type: "meta",
        startedAt: now.toISOString(),
        completedAt: new Date().toISOString(),
      },
    }),
  );
  return { seeded: true };
}
