import { describe, expect, it } from "vitest";
import {
  type AssumeTenantRole,
  createTenantScopedDbs,
  type SessionCredentials,
  tenantSessionRequest,
} from "./tenant-scoped-db";

const ROLE = "arn:aws:iam::123456789012:role/assure-dev-TenantScopedAccess";
const MINUTE = 60_000;

/** A fake STS: numbered sessions that expire 15 minutes after `now`, with the calls recorded. */
function fakeSts(clock: { now: number }, failFirst = false) {
  const calls: { roleArn: string; tenantId: string }[] = [];
  const assumeRole: AssumeTenantRole = async (input) => {
    calls.push(input);
    if (failFirst && calls.length === 1) throw new Error("Throttling: Rate exceeded");
    return {
      accessKeyId: `ASIA${calls.length}`,
      secretAccessKey: "secret",
      sessionToken: `token-${input.tenantId}-${calls.length}`,
      expiration: new Date(clock.now + 15 * MINUTE),
    };
  };
  return { calls, assumeRole };
}

async function credentialsOf(db: ReturnType<ReturnType<typeof createTenantScopedDbs>>) {
  const provider = db.raw.config.credentials as () => Promise<SessionCredentials>;
  return provider();
}

describe("tenant-scoped table clients", () => {
  it("asks STS for a 15-minute session tagged with the tenant id (the tag the role's LeadingKeys reads)", () => {
    expect(tenantSessionRequest(ROLE, "01jabc")).toEqual({
      RoleArn: ROLE,
      RoleSessionName: "tenant-01jabc",
      DurationSeconds: 900,
      Tags: [{ Key: "tenantId", Value: "01jabc" }],
    });
  });

  it("signs each tenant's requests with that tenant's session, shared until it nears expiry", async () => {
    const clock = { now: Date.parse("2026-12-01T10:00:00Z") };
    const sts = fakeSts(clock);
    const dbFor = createTenantScopedDbs({
      roleArn: ROLE,
      tableName: "assure-dev",
      region: "eu-central-1",
      assumeRole: sts.assumeRole,
      now: () => clock.now,
    });
    const a = dbFor("tenant-a");
    expect(dbFor("tenant-a")).toBe(a);
    expect(a.tableName).toBe("assure-dev");
    const [first, concurrent] = await Promise.all([credentialsOf(a), credentialsOf(a)]);
    expect(first.sessionToken).toBe("token-tenant-a-1");
    expect(concurrent).toBe(first);
    expect((await credentialsOf(dbFor("tenant-b"))).sessionToken).toBe("token-tenant-b-2");
    expect(sts.calls).toEqual([
      { roleArn: ROLE, tenantId: "tenant-a" },
      { roleArn: ROLE, tenantId: "tenant-b" },
    ]);

    clock.now += 9 * MINUTE; // 6 minutes left: still used
    expect((await credentialsOf(a)).sessionToken).toBe("token-tenant-a-1");
    clock.now += 2 * MINUTE; // 4 minutes left: renewed
    expect((await credentialsOf(a)).sessionToken).toBe("token-tenant-a-3");
    expect(sts.calls).toHaveLength(3);
  });

  it("does not keep a failed AssumeRole: the next request tries again", async () => {
    const clock = { now: 0 };
    const sts = fakeSts(clock, true);
    const db = createTenantScopedDbs({
      roleArn: ROLE,
      tableName: "t",
      assumeRole: sts.assumeRole,
      now: () => clock.now,
    })("tenant-a");
    await expect(credentialsOf(db)).rejects.toThrow(/Throttling/);
    expect((await credentialsOf(db)).accessKeyId).toBe("ASIA2");
  });
});
