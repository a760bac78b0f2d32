import {
  draftDetails,
  sameVisibility,
  stageEdit,
  type TAssuranceBasis,
  type TCatalogQuery,
  type TCertificationWindow,
  type TClaim,
  type TClaimSet,
  type TComponent,
  type TComponentInput,
  type TComponentPatch,
  type TComponentRelease,
  type TTenant,
  ZClaim,
  ZClaimSet,
  ZComponent,
  ZComponentInput,
  ZComponentPatch,
  ZTenant,
} from "@assure/shared";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { z } from "zod";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { decodeCursor, encodeCursor, parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { newAudienceSalt } from "../signing/audience";
import { auditPut } from "./audit";
import { type CatalogRow, type CatalogViewer, factFilterExpressions, parseCatalogRow } from "./catalog-facts";

export class VersionMismatch extends Error {}
export class InvalidTransition extends Error {}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

function searchText(component: TComponent): string {
  return normalise(
    [component.name, component.vendor, component.productLine, ...component.identifiers.modelNumbers].join(
      " ",
    ),
  );
}

/** Index attributes that make a published public component findable in the catalog (absent otherwise). */
function catalogAttributes(component: TComponent) {
  if (component.status !== "published" || component.visibility.kind !== "public") return {};
  return {
    ...keys.catalogComponent(component.componentType, normalise(component.name), component.id),
    searchText: searchText(component),
    vendorNorm: normalise(component.vendor),
  };
}

function componentItem(tenantId: string, component: TComponent) {
  return {
    ...keys.component(tenantId, component.id),
    ...keys.componentById(component.id),
    ...catalogAttributes(component),
    type: "component",
    ...component,
  };
}

/** Every attribute a component state write owns; the catalog facts (docs/adr/0033) are not among them. */
const STATE_ATTRIBUTES = [
  ...Object.keys(ZComponent.shape),
  "type",
  "identPk",
  "identSk",
  "catalogPk",
  "catalogSk",
  "searchText",
  "vendorNorm",
];

/**
 * The state write of a component as an Update: sets every attribute of the new state and removes those it no
 * longer has, so attributes maintained beside the content (catalog facts) survive a supplier's edit.
 */
function stateUpdate(
  db: Db,
  tenantId: string,
  component: TComponent,
  expectedVersion: number,
  extra: { set?: Record<string, unknown>; remove?: string[] } = {},
) {
  const { pk, sk, ...attributes } = componentItem(tenantId, component);
  const set = Object.entries({ ...attributes, ...extra.set }).filter(([, value]) => value !== undefined);
  const present = new Set(set.map(([name]) => name));
  const remove = [...STATE_ATTRIBUTES.filter((name) => !present.has(name)), ...(extra.remove ?? [])];
  const names: Record<string, string> = { "#version": "version" };
  const values: Record<string, unknown> = { ":expected": expectedVersion };
  const assignments = set.map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  return {
    Update: {
      TableName: db.tableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${assignments.join(", ")}${removals.length ? ` REMOVE ${removals.join(", ")}` : ""}`,
      ConditionExpression: "#version = :expected",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The stored claim set of an input: `claims`, or the `slC`/`basis` shorthand as one claim over all versions. */
export function claimSetOf(input: {
  versions?: TComponentRelease[] | undefined;
  claims?: TClaim[] | undefined;
  slC?: number[] | undefined;
  basis?: TAssuranceBasis | undefined;
}): TClaimSet {
  const claims =
    input.claims ??
    (input.slC
      ? [ZClaim.parse({ versionRange: "*", slC: input.slC, basis: input.basis ?? "self_declared" })]
      : []);
  return ZClaimSet.parse({ versions: input.versions ?? [], claims });
}

export async function createComponent(
  db: Db,
  input: { supplier: TTenant; component: TComponentInput; actor: string; now: Date },
): Promise<TComponent> {
  const at = input.now.toISOString();
  const parsed = ZComponentInput.parse(input.component);
  const { slC: _slC, basis: _basis, versions: _versions, claims: _claims, vendor, ...fields } = parsed;
  const component = ZComponent.parse({
    ...fields,
    id: ulid().toLowerCase(),
    supplierTenantId: input.supplier.id,
    vendor: vendor ?? input.supplier.name,
    status: "draft",
    draft: claimSetOf(parsed),
    audienceSalt: newAudienceSalt(),
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: componentItem(input.supplier.id, component),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    auditPut(db, {
      tenantId: input.supplier.id,
      actor: input.actor,
      action: "component.create",
      subject: `component:${component.id}`,
      after: component,
      at: input.now,
    }),
  ]);
  return component;
}

export async function getOwnComponent(db: Db, tenantId: string, componentId: string) {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.component(tenantId, componentId),
      ConsistentRead: true,
    }),
  );
  return Item ? parseItem(ZComponent, Item) : undefined;
}

/** Any tenant's component by id; callers decide what the reader may see. */
export async function findComponentById(db: Db, componentId: string): Promise<TComponent | undefined> {
  return (await findComponentRowById(db, componentId))?.component;
}

/** A component by id with its catalog facts. */
export async function findComponentRowById(db: Db, componentId: string): Promise<CatalogRow | undefined> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: "byIdentifier",
      KeyConditionExpression: "identPk = :pk AND identSk = :sk",
      ExpressionAttributeValues: {
        ":pk": keys.componentById(componentId).identPk,
        ":sk": keys.componentById(componentId).identSk,
      },
    }),
  );
  const item = result.Items?.[0];
  if (!item) return undefined;
  // The index is eventually consistent: read the item itself for the current state.
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.component(String(item.supplierTenantId), componentId),
      ConsistentRead: true,
    }),
  );
  return Item ? parseCatalogRow(Item) : undefined;
}

export async function listOwnComponents(db: Db, tenantId: string): Promise<TComponent[]> {
  const components: TComponent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.tenantPrefix(tenantId), ":prefix": keys.componentPrefix },
        ExclusiveStartKey: startKey,
      }),
    );
    components.push(...parseItems(ZComponent, page.Items));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return components;
}

/** Replaces the whole item if its stored version is still `expectedVersion` (optimistic concurrency). */
async function writeNewState(
  db: Db,
  input: {
    tenantId: string;
    before: TComponent;
    after: TComponent;
    expectedVersion: number;
    action: string;
    actor: string;
    now: Date;
    extra?: Parameters<typeof transact>[1];
    /** Catalog facts written with this state (publishing decides the certification window). */
    facts?: { set?: Record<string, unknown>; remove?: string[] };
  },
) {
  try {
    await transact(db, [
      stateUpdate(db, input.tenantId, input.after, input.expectedVersion, input.facts),
      auditPut(db, {
        tenantId: input.tenantId,
        actor: input.actor,
        action: input.action,
        subject: `component:${input.after.id}`,
        before: input.before,
        after: input.after,
        at: input.now,
      }),
      ...(input.extra ?? []),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new VersionMismatch();
    throw error;
  }
}

/** The draft after a patch: fields replaced as given; `slC`/`basis` alone edit the headline claim. */
export function applyPatch(before: TComponent, patch: TComponentPatch): TComponent {
  const parsed = ZComponentPatch.parse(patch);
  const { slC, basis, versions, claims, ...fields } = parsed;
  let nextClaims = claims ?? before.draft.claims;
  if (!claims && (slC || basis)) {
    const [headline, ...rest] = before.draft.claims;
    nextClaims = [
      ZClaim.parse({
        ...(headline ?? { versionRange: "*" }),
        ...(slC ? { slC } : {}),
        ...(basis ? { basis } : {}),
      }),
      ...rest,
    ];
  }
  return ZComponent.parse({
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    draft: { versions: versions ?? before.draft.versions, claims: nextClaims },
  });
}

/**
 * Edits the draft. Once published, the details others see stay as published until the next publication
 * (the edits wait in `pending`), except a tightened restriction: it applies at once, and the share pointers of
 * customers no longer named go in the same transaction (a newly restricted public component gets its
 * customers' pointers so they keep seeing it).
 */
export async function updateComponentDraft(
  db: Db,
  input: { before: TComponent; patch: TComponentPatch; expectedVersion: number; actor: string; now: Date },
): Promise<TComponent> {
  const { before } = input;
  if (before.status === "withdrawn") throw new InvalidTransition("a withdrawn component cannot be edited");
  const after = ZComponent.parse({
    ...stageEdit(before, applyPatch(draftDetails(before), input.patch)),
    version: before.version + 1,
    updatedAt: input.now.toISOString(),
  });
  const narrowed = Boolean(before.published) && !sameVisibility(before.visibility, after.visibility);
  await writeNewState(db, {
    tenantId: before.supplierTenantId,
    before,
    after,
    expectedVersion: input.expectedVersion,
    action: "component.update",
    actor: input.actor,
    now: input.now,
    extra: narrowed ? [...sharePuts(db, after), ...shareDeletes(db, before, after)] : [],
  });
  return after;
}

export const ZRevisionItem = z.object({
  componentId: z.string(),
  supplierTenantId: z.string(),
  revision: z.number().int().min(1),
  publishedAt: z.string(),
  publishedBy: z.string(),
  digest: z.string(),
  /** The signed payload (what `assure verify` checks), as JSON text, and its compact JWS. */
  payload: z.string(),
  jws: z.string(),
  kid: z.string(),
});
export type TRevisionItem = z.infer<typeof ZRevisionItem>;

function sharePuts(db: Db, component: TComponent) {
  if (component.visibility.kind !== "restricted") return [];
  return component.visibility.tenantIds.map((customerId) => ({
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.componentShare(customerId, component.id),
        type: "componentShare",
        componentId: component.id,
        supplierTenantId: component.supplierTenantId,
      },
    },
  }));
}

/** Pointers of customers no longer named (or all of them when the component became public). */
function shareDeletes(db: Db, before: TComponent, after: TComponent) {
  const previous =
    before.published && before.visibility.kind === "restricted" ? before.visibility.tenantIds : [];
  const kept =
    after.visibility.kind === "restricted" ? new Set(after.visibility.tenantIds) : new Set<string>();
  return previous
    .filter((id) => !kept.has(id))
    .map((customerId) => ({
      Delete: { TableName: db.tableName, Key: keys.componentShare(customerId, after.id) },
    }));
}

/**
 * Publishes the draft as a new immutable, signed revision. Restricted components get a pointer item in each
 * named customer's partition (and lose the pointers of customers no longer named), so they can find it and
 * nobody else can. `signed` is the payload and JWS the caller built for exactly this revision number.
 */
export async function writePublishedRevision(
  db: Db,
  input: {
    before: TComponent;
    expectedVersion: number;
    actor: string;
    now: Date;
    headline: { slC: number[]; basis: TAssuranceBasis };
    /** The headline claim's certification, when certified and valid (docs/adr/0033). */
    certWindow: TCertificationWindow | undefined;
    digest: string;
    /** The salt the revision's audience digest was made with (kept for the next publications). */
    audienceSalt: string;
    signed: { payload: string; jws: string; kid: string };
  },
): Promise<TComponent> {
  const { before } = input;
  if (before.status === "withdrawn") throw new InvalidTransition("a withdrawn component cannot be published");
  const revision = nextRevision(before);
  const publishedAt = input.now.toISOString();
  // Publishing makes the pending edits live (a loosened restriction included).
  const after = ZComponent.parse({
    ...draftDetails(before),
    audienceSalt: input.audienceSalt,
    status: "published",
    published: {
      revision,
      ...input.headline,
      publishedAt,
      digest: input.digest,
      versions: before.draft.versions,
      claims: before.draft.claims,
    },
    version: before.version + 1,
    updatedAt: publishedAt,
  });
  const revisionItem = ZRevisionItem.parse({
    componentId: after.id,
    supplierTenantId: after.supplierTenantId,
    revision,
    publishedAt,
    publishedBy: input.actor,
    digest: input.digest,
    ...input.signed,
  });
  await writeNewState(db, {
    tenantId: before.supplierTenantId,
    before,
    after,
    expectedVersion: input.expectedVersion,
    action: "component.publish",
    actor: input.actor,
    now: input.now,
    facts: input.certWindow ? { set: { certWindow: input.certWindow } } : { remove: ["certWindow"] },
    extra: [
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.componentRevision(after.supplierTenantId, after.id, revision),
            type: "componentRevision",
            ...revisionItem,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      ...sharePuts(db, after),
      ...shareDeletes(db, before, after),
    ],
  });
  return after;
}

export const nextRevision = (component: TComponent) => (component.published?.revision ?? 0) + 1;

/** Withdraws a published component: out of the catalog, its claim no longer counts; revisions stay. */
export async function withdrawComponent(
  db: Db,
  input: { before: TComponent; expectedVersion: number; actor: string; now: Date },
): Promise<TComponent> {
  const { before } = input;
  if (before.status !== "published")
    throw new InvalidTransition("only a published component can be withdrawn");
  const at = input.now.toISOString();
  const after = ZComponent.parse({
    ...before,
    status: "withdrawn",
    withdrawnAt: at,
    version: before.version + 1,
    updatedAt: at,
  });
  await writeNewState(db, {
    tenantId: before.supplierTenantId,
    before,
    after,
    expectedVersion: input.expectedVersion,
    action: "component.withdraw",
    actor: input.actor,
    now: input.now,
  });
  return after;
}

export async function listRevisions(db: Db, supplierTenantId: string, componentId: string) {
  const found: TRevisionItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: {
          ":pk": keys.tenantPrefix(supplierTenantId),
          ":prefix": keys.componentRevisionPrefix(componentId),
        },
        ExclusiveStartKey: startKey,
      }),
    );
    found.push(...parseItems(ZRevisionItem, page.Items));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

export async function getRevision(db: Db, supplierTenantId: string, componentId: string, revision: number) {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.componentRevision(supplierTenantId, componentId, revision),
    }),
  );
  return Item ? parseItem(ZRevisionItem, Item) : undefined;
}

export async function isSharedWith(db: Db, customerTenantId: string, componentId: string): Promise<boolean> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.componentShare(customerTenantId, componentId) }),
  );
  return Boolean(Item);
}

/** Supplier tenants for a page of components, in one BatchGet (never one read per row). */
export async function getTenantsById(db: Db, tenantIds: string[]): Promise<Map<string, TTenant>> {
  const items = await batchGetItems(
    db,
    tenantIds.map((id) => keys.tenant(id)),
  );
  return new Map(parseItems(ZTenant, items).map((tenant) => [tenant.id, tenant]));
}

export interface CatalogPage {
  items: TComponent[];
  /** The same components with their catalog facts. */
  rows: CatalogRow[];
  nextCursor?: string | undefined;
}

/**
 * One page of published public components matching the query, filtered in DynamoDB. The certification and
 * advisory filters (docs/adr/0033) need the reader and today's date.
 */
export async function queryCatalog(
  db: Db,
  query: TCatalogQuery,
  viewer?: CatalogViewer,
): Promise<CatalogPage> {
  const facts = factFilterExpressions(query, viewer);
  const names: Record<string, string> = { ...facts.names };
  const values: Record<string, unknown> = { ":pk": keys.catalogComponentsPk, ...facts.values };
  const filters: string[] = [...facts.filters];
  let keyCondition = "catalogPk = :pk";
  if (query.componentType) {
    keyCondition += " AND begins_with(catalogSk, :type)";
    values[":type"] = `${query.componentType}#`;
  }
  if (query.q) {
    normalise(query.q)
      .split(" ")
      .filter(Boolean)
      .forEach((word, i) => {
        filters.push(`contains(searchText, :q${i})`);
        values[`:q${i}`] = word;
      });
  }
  if (query.vendor) {
    filters.push("contains(vendorNorm, :vendor)");
    values[":vendor"] = normalise(query.vendor);
  }
  query.minSl?.forEach((level, i) => {
    if (level === 0) return;
    names["#published"] = "published";
    names["#slC"] = "slC";
    filters.push(`#published.#slC[${i}] >= :sl${i}`);
    values[`:sl${i}`] = level;
  });

  const rows: CatalogRow[] = [];
  let startKey = decodeCursor(query.cursor, {
    attributes: ["pk", "sk", "catalogPk", "catalogSk"],
    fixed: { catalogPk: keys.catalogComponentsPk },
  });
  let more = true;
  while (rows.length < query.limit && more) {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: "catalog",
        KeyConditionExpression: keyCondition,
        ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ExclusiveStartKey: startKey,
        Limit: Math.max(query.limit * 2, 50),
      }),
    );
    const found = page.Items ?? [];
    const taken = found.slice(0, query.limit - rows.length);
    rows.push(...taken.map(parseCatalogRow));
    const last = taken.at(-1);
    if (last && taken.length < found.length) {
      // Stopped inside a page: resume right after the last item returned.
      startKey = { pk: last.pk, sk: last.sk, catalogPk: last.catalogPk, catalogSk: last.catalogSk };
      break;
    }
    startKey = page.LastEvaluatedKey;
    more = Boolean(startKey);
  }
  return {
    items: rows.map((row) => row.component),
    rows,
    nextCursor: more ? encodeCursor(startKey) : undefined,
  };
}

/**
 * Restricted components shared with this customer, with their catalog facts (few per customer; read in one
 * query plus a batch).
 */
export async function listSharedRowsWith(db: Db, customerTenantId: string): Promise<CatalogRow[]> {
  const shares = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: {
        ":pk": keys.tenantPrefix(customerTenantId),
        ":prefix": keys.componentSharePrefix,
      },
    }),
  );
  const pointers = (shares.Items ?? []).map((item) => ({
    supplierTenantId: String(item.supplierTenantId),
    componentId: String(item.componentId),
  }));
  const items = await batchGetItems(
    db,
    pointers.map((p) => keys.component(p.supplierTenantId, p.componentId)),
  );
  return items.map(parseCatalogRow);
}
