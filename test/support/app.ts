import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TRole, TTenant, TTenantKind, TUser } from "@assure/shared";
import { createApp } from "../../functions/src/app";
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  generateSigningJwk,
  importSigningKey,
  signToken,
} from "../../functions/src/auth/tokens";
import type { Db } from "../../functions/src/db/client";
import type { AppDeps } from "../../functions/src/deps";
import { createTenant } from "../../functions/src/repos/tenants";
import { addMembership, createUser } from "../../functions/src/repos/users";
import {
  type ClaimSigner,
  createClaimSigner,
  generateClaimSigningJwk,
} from "../../functions/src/signing/claim-signer";
import { DEFAULT_EVIDENCE_LIMITS, type EvidenceLimits } from "../../functions/src/storage/evidence-store";
import { createLocalEvidenceStore } from "../../functions/src/storage/local-evidence-store";
import { createTestDb } from "./db";
import { testResolver } from "./resolver";

export interface TestActor {
  tenant: TTenant;
  user: TUser;
  role: TRole;
  token: string;
  /** Headers for app.request: bearer token and JSON. */
  headers: (extra?: Record<string, string>) => Record<string, string>;
}

let counter = 0;

/** An API app on a fresh table with its own signing key, plus helpers to add tenants and users. */
export async function createTestApp(
  options: {
    now?: () => Date;
    maxBodyBytes?: number;
    evidenceLimits?: Partial<EvidenceLimits>;
    /** Instead of the app's own fixed signer: a signer loaded per request (as from a rotated secret in AWS). */
    loadClaimSigner?: () => Promise<ClaimSigner | undefined>;
    /** The own-tenant table client (AppDeps.tenantDb), built on the test table. */
    tenantDb?: (db: Db) => (tenantId: string) => Db;
    /** DNS for webhook targets; by default test/support/resolver.ts (no network). */
    resolveHost?: (hostname: string) => Promise<string[]>;
    /** Limits of password sign-in (AppDeps.signInThrottle). */
    signInThrottle?: AppDeps["signInThrottle"];
    /** The table client the app uses, around the test's own (e.g. interceptCommands to stage a race or make a write fail). */
    wrapDb?: (db: Db) => Db;
  } = {},
) {
  const db: Db = await createTestDb("api");
  const { privateJwk, publicJwk } = await generateSigningJwk();
  const signingKey = await importSigningKey(privateJwk);
  const claimSigner = await createClaimSigner((await generateClaimSigningJwk("claims-test")).privateJwk);
  const app = createApp({
    db: options.wrapDb ? options.wrapDb(db) : db,
    verifyToken: createTokenVerifier({
      jwks: { keys: [publicJwk] },
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
    }),
    maxBodyBytes: options.maxBodyBytes ?? 256 * 1024,
    now: options.now ?? (() => new Date()),
    evidence: createLocalEvidenceStore({
      root: mkdtempSync(path.join(tmpdir(), "assure-evidence-")),
      limits: { ...DEFAULT_EVIDENCE_LIMITS, ...options.evidenceLimits },
    }),
    ...(options.loadClaimSigner ? { loadClaimSigner: options.loadClaimSigner } : { claimSigner }),
    ...(options.tenantDb ? { tenantDb: options.tenantDb(db) } : {}),
    webhookTargets: { requireHttps: true, resolve: options.resolveHost ?? testResolver() },
    ...(options.signInThrottle ? { signInThrottle: options.signInThrottle } : {}),
  });
  const now = new Date();

  /** A user token as the portal signs it: `sat` says when the portal session began (default: now). */
  async function tokenFor(user: TUser, tenant: TTenant, role: TRole, extra: Record<string, unknown> = {}) {
    return signToken(signingKey, { sub: user.id, tid: tenant.id, role, sat: Date.now(), ...extra });
  }

  async function actor(
    kinds: TTenantKind[],
    role: TRole = "owner",
    name?: string,
    options: { platformOperator?: boolean } = {},
  ): Promise<TestActor> {
    counter += 1;
    const slug = `${kinds[0]?.replace("_", "-")}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
    const tenant = await createTenant(db, {
      slug,
      name: name ?? `Tenant ${slug}`,
      kinds,
      actor: "test",
      now,
    });
    return member(tenant, role, slug, options);
  }

  /** A new user who is a member of the tenant, with a token of their own. */
  async function member(
    tenant: TTenant,
    role: TRole,
    slug = `user-${++counter}`,
    options: { platformOperator?: boolean } = {},
  ): Promise<TestActor> {
    const user = await createUser(db, {
      email: `${slug}@example.test`,
      name: `User ${slug}`,
      now,
      platformOperator: options.platformOperator ?? false,
    });
    await addMembership(db, { tenant, user, role, actor: "test", now });
    const token = await tokenFor(user, tenant, role);
    return {
      tenant,
      user,
      role,
      token,
      headers: (extra = {}) => ({
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...extra,
      }),
    };
  }

  return { app, db, signingKey, claimSigner, tokenFor, actor, member };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
