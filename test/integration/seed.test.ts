import { describe, expect, it } from "vitest";
import { DEFAULT_SIGN_IN_THROTTLE } from "../../functions/src/auth/sign-in-throttle";
import { DEMO_PASSWORD, demoComponents, demoTenants } from "../../functions/src/local/demo-data";
import { seedDemoData } from "../../functions/src/local/seed";
import { listOwnComponents, queryCatalog } from "../../functions/src/repos/components";
import { listTenants } from "../../functions/src/repos/tenants";
import { signInWithPassword } from "../../functions/src/usecases/sign-in-with-password";
import { createTestDb } from "../support/db";

describe("demo seed", () => {
  it("seeds once: tenants, users who can sign in, published components and a draft", async () => {
    const db = await createTestDb("seed");
    expect(await seedDemoData(db)).toEqual({ seeded: true });
    expect(await seedDemoData(db)).toEqual({ seeded: false });

    const tenants = await listTenants(db);
    expect(tenants.map((t) => t.slug).sort()).toEqual(demoTenants.map((t) => t.slug).sort());
    expect(tenants.filter((t) => t.kinds.includes("supplier"))).toHaveLength(
      demoTenants.filter((t) => t.kinds.includes("supplier")).length,
    );
    expect(tenants.filter((t) => t.kinds.includes("asset_owner"))).toHaveLength(2);

    const attempt = { address: "127.0.0.1", now: new Date(), limits: DEFAULT_SIGN_IN_THROTTLE };
    const session = await signInWithPassword(
      db,
      { email: "lena.fischer@rheinwasser.example", password: DEMO_PASSWORD },
      attempt,
    );
    expect(session?.memberships.map((m) => m.tenantSlug).sort()).toEqual(["baltic-grid", "rheinwasser"]);
    expect(
      await signInWithPassword(db, { email: "lena.fischer@rheinwasser.example", password: "wrong" }, attempt),
    ).toBeUndefined();

    const catalog = await queryCatalog(db, { limit: 100 });
    expect(catalog.items).toHaveLength(demoComponents.filter((c) => c.publish).length);
    const northwind = tenants.find((t) => t.slug === "northwind");
    const own = await listOwnComponents(db, northwind?.id ?? "");
    expect(own.filter((c) => c.status === "draft").map((c) => c.name)).toEqual([
      "NW-PLC 6000 Controller (preview)",
    ]);
  });
});
