import { createHash } from "node:crypto";
import {
  type TAdvisory,
  type TAdvisoryMatch,
  type TAdvisoryOwner,
  type TAdvisoryQuery,
  type TAdvisorySettings,
  type TMatchDecision,
  type TStoredDocument,
  ZAdvisory,
  ZAdvisoryMatch,
  ZAdvisorySettings,
  ZMatchDecision,
  ZStoredDocument,
} from "@assure/shared";
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { decodeCursor, encodeCursor, parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { queryAllItems } from "../db/query-all";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";
import { StaleWrite } from "./site-items";

/**
 * Advisories: the parsed summary item, one item per matched catalog component, the revision history and
 * the claim that makes (publisher namespace, tracking id) unique across owners. docs/adr/0050.
 */

/** Platform-owned data that must name a tenant (audit trail, document store) uses this reserved id. */
export const PLATFORM_TENANT_ID = "00000000000000000000000000";

export class AdvisoryVersionMismatch extends Error {}
export class AdvisoryOwnedElsewhere extends Error {
  constructor(
    readonly owner: TAdvisoryOwner,
    readonly namespace: string,
  ) {
    super("this advisory is already stored by another owner");
  }
}
/** The CSAF provider already serves another publisher's document at this path. */
export class ProviderPathTaken extends Error {
  constructor(readonly path: string) {
    super(`the CSAF provider already serves white/${path} for another publisher`);
  }
}

const hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** Same publisher namespace + tracking id → same advisory id, whoever imports it (26 hex characters). */
export function advisoryIdOf(publisherNamespace: string, trackingId: string): string {
  return hex(`${publisherNamespace.trim().toLowerCase()}\n${trackingId.trim()}`).slice(0, 26);
}

/** The document store id of one revision's document (26 hex characters, a valid evidence id). */
export function documentIdOf(advisoryId: string, revision: string): string {
  return hex(`${advisoryId}\n${revision}`).slice(0, 26);
}

export const ownerTenantId = (owner: TAdvisoryOwner) =>
  owner.kind === "platform" ? PLATFORM_TENANT_ID : owner.tenantId;

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Index attributes: the catalog listing only for published public advisories. */
function advisoryItem(advisory: TAdvisory) {
  const listed = advisory.state === "published" && advisory.visibility.kind === "public";
  return {
    ...keys.advisory(advisory.owner, advisory.id),
    ...keys.advisoryById(advisory.id),
    ...(listed ? keys.catalogAdvisory(advisory.currentReleaseDate, advisory.id) : {}),
    type: "advisory",
    searchText: normalise([advisory.trackingId, advisory.title, ...advisory.cves].join(" ")),
    vendorText: ` ${advisory.vendorsNorm.join(" | ")} `,
    ...advisory,
  };
}

function matchItem(match: TAdvisoryMatch) {
  return {
    ...keys.advisoryMatch(match.owner, match.advisoryId, match.componentId),
    ...keys.advisoryMatchByComponent(match.componentId, match.advisoryId),
    type: "advisoryMatch",
    ...match,
  };
}

export async function findAdvisoryById(db: Db, advisoryId: string): Promise<TAdvisory | undefined> {
  const key = keys.advisoryById(advisoryId);
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: "byIdentifier",
      KeyConditionExpression: "identPk = :pk AND identSk = :sk",
      ExpressionAttributeValues: { ":pk": key.identPk, ":sk": key.identSk },
    }),
  );
  const item = result.Items?.[0];
  return item ? parseItem(ZAdvisory, item) : undefined;
}

/** Summaries by (owner, id), in one BatchGet (impact lists know both). */
export async function getAdvisoriesByRef(
  db: Db,
  refs: readonly { id: string; owner: TAdvisoryOwner }[],
): Promise<TAdvisory[]> {
  return parseItems(
    ZAdvisory,
    await batchGetItems(
      db,
      refs.map((r) => keys.advisory(r.owner, r.id)),
    ),
  );
}

/** Consistent read of the stored summary, when the owner is known (import path). */
export async function getAdvisory(
  db: Db,
  owner: TAdvisoryOwner,
  advisoryId: string,
): Promise<TAdvisory | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.advisory(owner, advisoryId), ConsistentRead: true }),
  );
  return Item ? parseItem(ZAdvisory, Item) : undefined;
}

const ZClaim = z.object({
  owner: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("platform") }),
    z.object({ kind: z.literal("supplier"), tenantId: z.string() }),
  ]),
});

/** The summary under this owner and the claim on the id, in one consistent BatchGet (the import's first read). */
export async function getAdvisoryAndClaim(
  db: Db,
  owner: TAdvisoryOwner,
  advisoryId: string,
): Promise<{ advisory: TAdvisory | undefined; claim: TAdvisoryOwner | undefined }> {
  const summaryKey = keys.advisory(owner, advisoryId);
  const claimKey = keys.advisoryClaim(advisoryId);
  const items: Record<string, unknown>[] = [];
  let pending: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
    [db.tableName]: { Keys: [{ ...summaryKey }, { ...claimKey }], ConsistentRead: true },
  };
  for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    const result = await db.doc.send(new BatchGetCommand({ RequestItems: pending }));
    items.push(...(result.Responses?.[db.tableName] ?? []));
    pending = result.UnprocessedKeys as typeof pending;
  }
  const summary = items.find((i) => i.pk === summaryKey.pk && i.sk === summaryKey.sk);
  const claim = items.find((i) => i.pk === claimKey.pk && i.sk === claimKey.sk);
  const claimed = claim ? parseItem(ZClaim, claim).owner : undefined;
  return {
    advisory: summary ? parseItem(ZAdvisory, summary) : undefined,
    claim: !claimed
      ? undefined
      : claimed.kind === "platform"
        ? claimed
        : { kind: "supplier", tenantId: claimed.tenantId },
  };
}

/** Who holds the id, if anyone (consistent read). */
export async function getAdvisoryClaim(db: Db, advisoryId: string): Promise<TAdvisoryOwner | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.advisoryClaim(advisoryId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const owner = parseItem(ZClaim, Item).owner;
  return owner.kind === "platform" ? owner : { kind: "supplier", tenantId: owner.tenantId };
}

export async function listAdvisoryMatches(db: Db, advisory: TAdvisory): Promise<TAdvisoryMatch[]> {
  const items = await queryAllItems(db, {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: {
      ":pk": keys.advisory(advisory.owner, advisory.id).pk,
      ":prefix": keys.advisoryMatchPrefix(advisory.owner, advisory.id),
    },
  });
  return parseItems(ZAdvisoryMatch, items);
}

/** Matches of one catalog component across advisories (byIdentifier, one query per page). */
export async function listMatchesForComponent(db: Db, componentId: string): Promise<TAdvisoryMatch[]> {
  const items = await queryAllItems(db, {
    IndexName: "byIdentifier",
    KeyConditionExpression: "identPk = :pk",
    ExpressionAttributeValues: { ":pk": keys.advisoryMatchesByComponentPk(componentId) },
  });
  return parseItems(ZAdvisoryMatch, items);
}

export async function getAdvisoryMatch(
  db: Db,
  advisory: Pick<TAdvisory, "owner" | "id">,
  componentId: string,
): Promise<TAdvisoryMatch | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.advisoryMatch(advisory.owner, advisory.id, componentId),
      ConsistentRead: true,
    }),
  );
  return Item ? parseItem(ZAdvisoryMatch, Item) : undefined;
}

/** Puts and deletes match items in batches of 25 (idempotent: keys are deterministic). */
export async function writeMatchItems(
  db: Db,
  input: { put: TAdvisoryMatch[]; remove: Pick<TAdvisoryMatch, "owner" | "advisoryId" | "componentId">[] },
): Promise<void> {
  const requests = [
    ...input.put.map((m) => ({ PutRequest: { Item: matchItem(m) } })),
    ...input.remove.map((m) => ({
      DeleteRequest: { Key: keys.advisoryMatch(m.owner, m.advisoryId, m.componentId) },
    })),
  ];
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, (typeof requests)[number][]> | undefined = {
      [db.tableName]: requests.slice(i, i + 25),
    };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const result = await db.doc.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = result.UnprocessedItems as typeof pending;
    }
  }
}

/** Updates one match (a decision), conditional on its `updatedAt` so concurrent re-imports are not lost. */
export async function putAdvisoryMatch(db: Db, match: TAdvisoryMatch, expectedUpdatedAt: string) {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: matchItem(match),
        ConditionExpression: "updatedAt = :expected",
        ExpressionAttributeValues: { ":expected": expectedUpdatedAt },
      }),
    );
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") throw new AdvisoryVersionMismatch();
    throw error;
  }
}

/** An owner's copy of an advisory that loses the id to the namespace's legitimate publisher (docs/adr/0060). */
export interface DisplacedAdvisory {
  owner: TAdvisoryOwner;
  /** Its summary, when one is stored (the claim and the summary are written together, so normally yes). */
  advisory: TAdvisory | undefined;
}

/** The claim still names this owner (the one being displaced). */
function claimHeldBy(owner: TAdvisoryOwner): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  return owner.kind === "platform"
    ? {
        ConditionExpression: "#owner.#kind = :kind",
        ExpressionAttributeNames: { "#owner": "owner", "#kind": "kind" },
        ExpressionAttributeValues: { ":kind": "platform" },
      }
    : {
        ConditionExpression: "#owner.#kind = :kind AND #owner.#tenant = :tenant",
        ExpressionAttributeNames: { "#owner": "owner", "#kind": "kind", "#tenant": "tenantId" },
        ExpressionAttributeValues: { ":kind": "supplier", ":tenant": owner.tenantId },
      };
}

/**
 * Stores a new advisory or a newer revision: the summary (version-checked), the claim on its id (first time, or
 * taken over from a displaced owner), the immutable revision record, the provider entry (conditional on its
 * publisher) and the audit event, all in one transaction. A displaced owner's summary is deleted in the same
 * transaction (conditional on its version) and the removal audited in its tenant.
 */
export async function saveAdvisoryRevision(
  db: Db,
  input: {
    before: TAdvisory | undefined;
    after: TAdvisory;
    sequence: number;
    actor: string;
    auditTenantId: string;
    now: Date;
    displaced?: DisplacedAdvisory | undefined;
    /** Unconditional puts that go with this revision (share pointers). */
    extra?: NonNullable<Parameters<typeof transact>[1]>;
  },
): Promise<void> {
  const { before, after, displaced } = input;
  const summary = before
    ? {
        Put: {
          TableName: db.tableName,
          Item: advisoryItem(after),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": before.version },
        },
      }
    : {
        Put: {
          TableName: db.tableName,
          Item: advisoryItem(after),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      };
  const claim = before
    ? []
    : [
        {
          Put: {
            TableName: db.tableName,
            Item: { ...keys.advisoryClaim(after.id), type: "advisoryClaim", owner: after.owner },
            ...(displaced
              ? claimHeldBy(displaced.owner)
              : { ConditionExpression: "attribute_not_exists(pk)" }),
          },
        },
      ];
  const gone = displaced?.advisory;
  const removal = gone
    ? [
        {
          Delete: {
            TableName: db.tableName,
            Key: keys.advisory(gone.owner, gone.id),
            ConditionExpression: "#version = :expected",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":expected": gone.version },
          },
        },
        auditPut(db, {
          tenantId: ownerTenantId(gone.owner),
          actor: input.actor,
          action: "advisory.displace",
          subject: `advisory:${gone.id}`,
          before: gone,
          after: { namespace: gone.publisher.namespace, trackingId: gone.trackingId, heldBy: after.owner },
          at: input.now,
        }),
      ]
    : [];
  const guarded = [summary, ...claim, ...removal];
  const provider = providerEntryWrites(db, after, gone);
  try {
    await transact(db, [
      ...guarded,
      ...provider,
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.advisoryRevision(after.owner, after.id, input.sequence),
            type: "advisoryRevision",
            advisoryId: after.id,
            revision: after.revision,
            document: after.document,
            storedAt: input.now.toISOString(),
            storedBy: input.actor,
          },
        },
      },
      auditPut(db, {
        tenantId: input.auditTenantId,
        actor: input.actor,
        action: before ? "advisory.revise" : "advisory.create",
        subject: `advisory:${after.id}`,
        before,
        after,
        at: input.now,
      }),
      ...(input.extra ?? []),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index < guarded.length) throw new AdvisoryVersionMismatch();
    if (error instanceof ConditionFailed && error.index < guarded.length + provider.length) {
      throw new ProviderPathTaken(csafDocumentPath(after));
    }
    throw error;
  }
}

/** Replaces the summary (state or match count changes), conditional on its version; audited. */
export async function updateAdvisory(
  db: Db,
  input: {
    before: TAdvisory;
    after: TAdvisory;
    action: string;
    actor: string;
    auditTenantId: string;
    now: Date;
  },
) {
  try {
    await transact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: advisoryItem(input.after),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": input.before.version },
        },
      },
      auditPut(db, {
        tenantId: input.auditTenantId,
        actor: input.actor,
        action: input.action,
        subject: `advisory:${input.after.id}`,
        before: input.before,
        after: input.after,
        at: input.now,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new AdvisoryVersionMismatch();
    throw error;
  }
}

const ZRevisionRecord = z.object({
  advisoryId: z.string(),
  revision: z.string(),
  document: ZStoredDocument,
  storedAt: z.string(),
  storedBy: z.string(),
});
export type TRevisionRecord = z.infer<typeof ZRevisionRecord>;

export async function listAdvisoryRevisions(
  db: Db,
  advisory: Pick<TAdvisory, "owner" | "id">,
): Promise<TRevisionRecord[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: {
        ":pk": keys.advisory(advisory.owner, advisory.id).pk,
        ":prefix": keys.advisoryRevisionPrefix(advisory.owner, advisory.id),
      },
    }),
  );
  return parseItems(ZRevisionRecord, result.Items);
}

export interface AdvisoryPage {
  items: TAdvisory[];
  nextCursor?: string | undefined;
}

const SEVERITY_FLOOR: Record<string, number> = { none: 0, low: 0.1, medium: 4, high: 7, critical: 9 };

/** One page of published public advisories, newest first, filtered in DynamoDB (catalog index). */
export async function queryPublicAdvisories(db: Db, query: TAdvisoryQuery): Promise<AdvisoryPage> {
  const values: Record<string, unknown> = { ":pk": keys.catalogAdvisoriesPk };
  const names: Record<string, string> = {};
  const filters: string[] = [];
  let keyCondition = "catalogPk = :pk";
  if (query.from && query.to) {
    keyCondition += " AND catalogSk BETWEEN :from AND :to";
    values[":from"] = query.from;
    values[":to"] = `${query.to}\uffff`;
  } else if (query.from) {
    keyCondition += " AND catalogSk >= :from";
    values[":from"] = query.from;
  } else if (query.to) {
    keyCondition += " AND catalogSk <= :to";
    values[":to"] = `${query.to}\uffff`;
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
    filters.push("contains(vendorText, :vendor)");
    values[":vendor"] = normalise(query.vendor);
  }
  if (query.severity) {
    filters.push("cvssMax >= :severity");
    values[":severity"] = SEVERITY_FLOOR[query.severity];
  }
  if (query.status === "final" || query.status === "interim") {
    names["#status"] = "trackingStatus";
    filters.push("#status = :status");
    values[":status"] = query.status;
  }
  const items: TAdvisory[] = [];
  let startKey = decodeCursor(query.cursor, {
    attributes: ["pk", "sk", "catalogPk", "catalogSk"],
    fixed: { catalogPk: keys.catalogAdvisoriesPk },
  });
  let more = true;
  while (items.length < query.limit && more) {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: "catalog",
        KeyConditionExpression: keyCondition,
        ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ExclusiveStartKey: startKey,
        ScanIndexForward: false,
        Limit: Math.max(query.limit * 2, 50),
      }),
    );
    const rows = page.Items ?? [];
    const taken = rows.slice(0, query.limit - items.length);
    items.push(...parseItems(ZAdvisory, taken));
    const last = taken.at(-1);
    if (last && taken.length < rows.length) {
      startKey = { pk: last.pk, sk: last.sk, catalogPk: last.catalogPk, catalogSk: last.catalogSk };
      break;
    }
    startKey = page.LastEvaluatedKey;
    more = Boolean(startKey);
  }
  return { items, nextCursor: more ? encodeCursor(startKey) : undefined };
}

/**
 * Platform advisories (the public catalog) naming any of these vendor keys (normalizeVendor keys, as in
 * `vendorText`): what a newly published component is matched against. Reads the catalog index, filtered.
 */
export async function listPlatformAdvisoriesByVendor(
  db: Db,
  vendorKeys: readonly string[],
): Promise<TAdvisory[]> {
  if (vendorKeys.length === 0) return [];
  const values: Record<string, unknown> = { ":pk": keys.catalogAdvisoriesPk };
  const filters = vendorKeys.map((key, i) => {
    values[`:v${i}`] = ` ${key} `;
    return `contains(vendorText, :v${i})`;
  });
  const items = await queryAllItems(db, {
    IndexName: "catalog",
    KeyConditionExpression: "catalogPk = :pk",
    FilterExpression: filters.join(" OR "),
    ExpressionAttributeValues: values,
  });
  return parseItems(ZAdvisory, items).filter((advisory) => advisory.owner.kind === "platform");
}

/** Counts one more public component matched by an advisory (a component published after the advisory). */
export async function countLateMatch(db: Db, advisory: Pick<TAdvisory, "owner" | "id">): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.advisory(advisory.owner, advisory.id),
      UpdateExpression: "ADD matchedComponents :one",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":one": 1 },
    }),
  );
}

/** A supplier's own advisories, drafts and restricted ones included. */
export async function listOwnAdvisories(db: Db, tenantId: string): Promise<TAdvisory[]> {
  const items = await queryAllItems(db, {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": keys.tenantPrefix(tenantId), ":prefix": keys.advisoryPrefix },
  });
  return parseItems(ZAdvisory, items);
}

/** Restricted advisories shared with this tenant: pointers in its partition, then one BatchGet. */
export async function listAdvisoriesSharedWith(db: Db, tenantId: string): Promise<TAdvisory[]> {
  const shares = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.tenantPrefix(tenantId), ":prefix": keys.advisorySharePrefix },
    }),
  );
  const pointers = z.array(z.object({ advisoryId: z.string(), ownerTenantId: z.string() })).parse(
    (shares.Items ?? []).map((item) => ({
      advisoryId: item.advisoryId,
      ownerTenantId: item.ownerTenantId,
    })),
  );
  const items = await batchGetItems(
    db,
    pointers.map((p) => keys.advisory({ kind: "supplier", tenantId: p.ownerTenantId }, p.advisoryId)),
  );
  return parseItems(ZAdvisory, items).filter(
    (a) => a.visibility.kind === "restricted" && a.visibility.tenantIds.includes(tenantId),
  );
}

export async function isAdvisorySharedWith(db: Db, tenantId: string, advisoryId: string): Promise<boolean> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.advisoryShare(tenantId, advisoryId) }),
  );
  return Boolean(Item);
}

/** Pointer items for a restricted advisory's readers (written when it is published). */
export function advisorySharePuts(db: Db, advisory: TAdvisory) {
  if (advisory.visibility.kind !== "restricted" || advisory.owner.kind !== "supplier") return [];
  const ownerId = advisory.owner.tenantId;
  return advisory.visibility.tenantIds.map((tenantId) => ({
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.advisoryShare(tenantId, advisory.id),
        type: "advisoryShare",
        advisoryId: advisory.id,
        ownerTenantId: ownerId,
      },
    },
  }));
}

// --- Settings and decisions --------------------------------------------------------------------------

export async function getAdvisorySettings(db: Db, tenantId: string): Promise<TAdvisorySettings> {
  return (await getVersionedAdvisorySettings(db, tenantId)).settings;
}

const ZStoredSettingsVersion = z.object({ version: z.number().int().min(0).default(0) });

/** Settings never saved (or saved before they had a version) are version 0: the first write expects that. */
export async function getVersionedAdvisorySettings(
  db: Db,
  tenantId: string,
): Promise<{ settings: TAdvisorySettings; version: number }> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.advisorySettings(tenantId), ConsistentRead: true }),
  );
  if (!Item) return { settings: ZAdvisorySettings.parse({}), version: 0 };
  return {
    settings: parseItem(ZAdvisorySettings, Item),
    version: parseItem(ZStoredSettingsVersion, Item).version,
  };
}

/** Replaces the settings if they are still at `expectedVersion` (else StaleWrite); returns the new version. */
export async function putAdvisorySettings(
  db: Db,
  input: { tenantId: string; settings: TAdvisorySettings; expectedVersion: number; actor: string; now: Date },
): Promise<number> {
  const before = await getAdvisorySettings(db, input.tenantId);
  const version = input.expectedVersion + 1;
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keys.advisorySettings(input.tenantId),
          type: "advisorySettings",
          ...input.settings,
          version,
        },
        ...(input.expectedVersion === 0
          ? { ConditionExpression: "attribute_not_exists(#v)", ExpressionAttributeNames: { "#v": "version" } }
          : {
              ConditionExpression: "#v = :v",
              ExpressionAttributeNames: { "#v": "version" },
              ExpressionAttributeValues: { ":v": input.expectedVersion },
            }),
      },
    },
    auditPut(db, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: "advisory_settings.update",
      subject: `tenant:${input.tenantId}`,
      before,
      after: input.settings,
      at: input.now,
    }),
  ]).catch((error: unknown) => {
    if (error instanceof ConditionFailed && error.index === 0) throw new StaleWrite();
    throw error;
  });
  return version;
}

/** A tenant's decisions for several (advisory, component) pairs, in one BatchGet. */
export async function getMatchDecisions(
  db: Db,
  tenantIds: readonly string[],
  pairs: readonly { advisoryId: string; componentId: string }[],
): Promise<Map<string, TMatchDecision>> {
  const wanted = tenantIds.flatMap((tenantId) =>
    pairs.map((p) => keys.matchDecision(tenantId, p.advisoryId, p.componentId)),
  );
  const items = await batchGetItems(db, wanted);
  return new Map(
    parseItems(ZMatchDecision, items).map((d) => [decisionKey(d.tenantId, d.advisoryId, d.componentId), d]),
  );
}

export const decisionKey = (tenantId: string, advisoryId: string, componentId: string) =>
  `${tenantId}#${advisoryId}#${componentId}`;

export async function putMatchDecision(db: Db, decision: TMatchDecision, actor: string, now: Date) {
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keys.matchDecision(decision.tenantId, decision.advisoryId, decision.componentId),
          type: "matchDecision",
          ...decision,
        },
      },
    },
    auditPut(db, {
      tenantId: decision.tenantId,
      actor,
      action: `advisory_match.${decision.verdict === "confirmed" ? "confirm" : "reject"}`,
      subject: `advisory:${decision.advisoryId}:component:${decision.componentId}`,
      after: decision,
      at: now,
    }),
  ]);
}

export type { TStoredDocument };

// --- The portal as a CSAF provider ------------------------------------------------------------------------

/** CSAF 2.0 §5.1 file name: the tracking id in lower case, every other character than [+-a-z0-9] as `_`. */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, "_")}.json`;
}

/** `<year of the initial release>/<file name>`, the document's path below the TLP directory. */
export const csafDocumentPath = (a: Pick<TAdvisory, "trackingId" | "initialReleaseDate">) =>
  `${a.initialReleaseDate.slice(0, 4)}/${csafFileName(a.trackingId)}`;

/** Published TLP:CLEAR/WHITE advisories of suppliers are served by the provider endpoints. */
export const isProvided = (a: TAdvisory) =>
  a.owner.kind === "supplier" && a.state === "published" && a.visibility.kind === "public";

export const ZProviderEntry = z.object({
  sk: z.string(),
  advisoryId: z.string(),
  ownerTenantId: z.string(),
  trackingId: z.string(),
  title: z.string(),
  initialReleaseDate: z.string(),
  currentReleaseDate: z.string(),
  document: ZStoredDocument,
});
export type TProviderEntry = z.infer<typeof ZProviderEntry>;

/**
 * The provider entry of a served advisory: written only where the path is free or already this advisory's
 * (same id — publisher namespace and tracking id — and same owner), so no publisher replaces another's file,
 * index.txt line, changes.csv line or ROLIE entry. A displaced owner's entry is taken over (same path) or
 * deleted (its own path), both conditional on still being that owner's.
 */
function providerEntryWrites(db: Db, advisory: TAdvisory, displaced: TAdvisory | undefined) {
  const owners = [ownerTenantId(advisory.owner)];
  const writes: NonNullable<Parameters<typeof transact>[1]> = [];
  const displacedPath = displaced && isProvided(displaced) ? csafDocumentPath(displaced) : undefined;
  const path = isProvided(advisory) ? csafDocumentPath(advisory) : undefined;
  if (displaced && displacedPath === path) owners.push(ownerTenantId(displaced.owner));
  else if (displaced && displacedPath) {
    writes.push({
      Delete: {
        TableName: db.tableName,
        Key: keys.csafProviderEntry(displacedPath),
        ConditionExpression: "attribute_not_exists(pk) OR (advisoryId = :id AND ownerTenantId = :owner)",
        ExpressionAttributeValues: { ":id": displaced.id, ":owner": ownerTenantId(displaced.owner) },
      },
    });
  }
  if (!path || advisory.owner.kind !== "supplier") return writes;
  const ownerValues = Object.fromEntries(owners.map((owner, i) => [`:owner${i}`, owner]));
  writes.push({
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.csafProviderEntry(path),
        type: "csafProviderEntry",
        advisoryId: advisory.id,
        ownerTenantId: advisory.owner.tenantId,
        trackingId: advisory.trackingId,
        title: advisory.title,
        initialReleaseDate: advisory.initialReleaseDate,
        currentReleaseDate: advisory.currentReleaseDate,
        document: advisory.document,
      },
      ConditionExpression: `attribute_not_exists(pk) OR (advisoryId = :id AND ownerTenantId IN (${Object.keys(ownerValues).join(", ")}))`,
      ExpressionAttributeValues: { ":id": advisory.id, ...ownerValues },
    },
  });
  return writes;
}

/** Every provided document (one partition, all pages). */
export async function listProviderEntries(db: Db): Promise<TProviderEntry[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.csafProviderPk },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return parseItems(ZProviderEntry, items);
}

export async function getProviderEntry(db: Db, documentPath: string): Promise<TProviderEntry | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.csafProviderEntry(documentPath) }),
  );
  return Item ? parseItem(ZProviderEntry, Item) : undefined;
}
