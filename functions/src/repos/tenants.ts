import { type TTenant, type TTenantKind, ZTenant } from "@assure/shared";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { z } from "zod";
import type { Db } from "../db/client";
import { parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";

export class SlugTaken extends Error {}
export class TenantNotFound extends Error {}

export async function createTenant(
  db: Db,
  input: { slug: string; name: string; kinds: TTenantKind[]; actor: string; now: Date },
): Promise<TTenant> {
  const tenant: TTenant = ZTenant.parse({
    id: ulid().toLowerCase(),
    slug: input.slug,
    name: input.name,
    kinds: input.kinds,
    createdAt: input.now.toISOString(),
  });
  try {
    await transact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.tenant(tenant.id), ...keys.tenantListing(tenant.slug), type: "tenant", ...tenant },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.tenantSlug(tenant.slug), type: "tenantSlug", tenantId: tenant.id },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      auditPut(db, {
        tenantId: tenant.id,
        actor: input.actor,
        action: "tenant.create",
        subject: `tenant:${tenant.id}`,
        after: tenant,
        at: input.now,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 1) throw new SlugTaken(input.slug);
    throw error;
  }
  return tenant;
}

export async function getTenant(db: Db, tenantId: string): Promise<TTenant | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.tenant(tenantId) }));
  return Item ? parseItem(ZTenant, Item) : undefined;
}

const ZSlugItem = z.object({ tenantId: z.string() });

export async function getTenantBySlug(db: Db, slug: string): Promise<TTenant | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.tenantSlug(slug) }));
  return Item ? getTenant(db, parseItem(ZSlugItem, Item).tenantId) : undefined;
}

/** Every tenant, by slug (operator views and `assure dev tenants`). */
export async function listTenants(db: Db): Promise<TTenant[]> {
  const tenants: TTenant[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: "catalog",
        KeyConditionExpression: "catalogPk = :pk",
        ExpressionAttributeValues: { ":pk": keys.tenantListing("").catalogPk },
        ExclusiveStartKey: startKey,
      }),
    );
    tenants.push(...parseItems(ZTenant, page.Items));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return tenants;
}

/** The namespace is already verified for another tenant. */
export class NamespaceTaken extends Error {
  constructor(readonly namespace: string) {
    super(`the publisher namespace ${namespace} is verified for another tenant`);
  }
}
/** The verification changed between reading and writing it. */
export class VerificationChanged extends Error {}

/**
 * Verifies a supplier (with the CSAF publisher namespaces it may import under) or withdraws the verification.
 * Each namespace is claimed by one tenant (a claim item, conditional), claims it no longer holds are released,
 * and the tenant item is written only if its verification is still what was read.
 */
export async function setSupplierVerification(
  db: Db,
  input: {
    tenantId: string;
    verified: boolean;
    method: string;
    /** Normalised (normalizePublisherNamespace); none when omitted. */
    namespaces?: readonly string[];
    actor: string;
    now: Date;
  },
): Promise<TTenant> {
  const before = await getTenant(db, input.tenantId);
  if (!before) throw new TenantNotFound(input.tenantId);
  const namespaces = input.verified ? [...new Set(input.namespaces ?? [])] : [];
  const verification = input.verified
    ? { verifiedAt: input.now.toISOString(), verifiedBy: input.actor, method: input.method, namespaces }
    : undefined;
  const previous = before.supplierVerification;
  const released = (previous?.namespaces ?? []).filter((ns) => !namespaces.includes(ns));
  const claims = namespaces.map((namespace) => ({
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.publisherNamespace(namespace),
        type: "publisherNamespace",
        namespace,
        tenantId: before.id,
      },
      ConditionExpression: "attribute_not_exists(pk) OR tenantId = :tenant",
      ExpressionAttributeValues: { ":tenant": before.id },
    },
  }));
  const releases = released.map((namespace) => ({
    Delete: {
      TableName: db.tableName,
      Key: keys.publisherNamespace(namespace),
      ConditionExpression: "attribute_not_exists(pk) OR tenantId = :tenant",
      ExpressionAttributeValues: { ":tenant": before.id },
    },
  }));
  const unchanged = previous
    ? {
        ConditionExpression: "attribute_exists(pk) AND supplierVerification.verifiedAt = :previousAt",
        values: { ":previousAt": previous.verifiedAt },
      }
    : {
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(supplierVerification)",
        values: {},
      };
  const values = { ...unchanged.values, ...(verification ? { ":v": verification } : {}) };
  try {
    await transact(db, [
      {
        Update: {
          TableName: db.tableName,
          Key: keys.tenant(input.tenantId),
          UpdateExpression: verification ? "SET supplierVerification = :v" : "REMOVE supplierVerification",
          ConditionExpression: unchanged.ConditionExpression,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        },
      },
      auditPut(db, {
        tenantId: input.tenantId,
        actor: input.actor,
        action: input.verified ? "tenant.verify_supplier" : "tenant.unverify_supplier",
        subject: `tenant:${input.tenantId}`,
        before,
        after: verification,
        at: input.now,
      }),
      ...claims,
      ...releases,
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      if (error.index === 0) throw new VerificationChanged();
      const taken = namespaces[error.index - 2];
      if (taken !== undefined) throw new NamespaceTaken(taken);
    }
    throw error;
  }
  const { supplierVerification: _previous, ...rest } = before;
  return verification ? { ...rest, supplierVerification: verification } : rest;
}
