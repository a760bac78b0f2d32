import {
  advisoryAudience,
  canReadAudience,
  certificationWindow,
  claimForVersion,
  componentAdvisoryStatus,
  EVERYONE,
  isWithinWindow,
  SEVERITIES,
  type TAdvisoryMatch,
  type TCatalogQuery,
  type TComponent,
  type TSeverity,
  ZAdvisoryMatch,
  ZAdvisoryOwner,
  ZCertification,
  ZCertificationWindow,
  ZComponent,
  ZComponentAdvisoryStatus,
  ZSeverity,
} from "@assure/shared";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { listMatchesForComponent } from "./advisories";

/**
 * Catalog facts (docs/adr/0033): attributes on the component item that the catalog filters on in DynamoDB and
 * that component writes never touch (they are maintained beside the supplier's content):
 * - `certWindow`: the headline claim's certification as a validity window (issued … expires), written when the
 *   component is published and when the certification changes; expiry needs no write, readers compare dates;
 * - `advisoryFacts`: one entry per advisory matched to the component with its status for the component and who
 *   may read it, and `openAudience` (who may read at least one open one: `*` or tenant ids), refreshed by the
 *   stream whenever a match or the published versions change.
 */

export const ZAdvisoryFactEntry = z.object({
  advisoryId: z.string(),
  owner: ZAdvisoryOwner,
  status: ZComponentAdvisoryStatus,
  /** `*` (public) or the tenants that may read the advisory (its owner and the tenants it names). */
  audience: z.array(z.string()),
  severity: ZSeverity.nullable(),
  cvssMax: z.number().nullable(),
});
export type TAdvisoryFactEntry = z.infer<typeof ZAdvisoryFactEntry>;

export const ZAdvisoryFacts = z.object({
  /** Incremented by every refresh: the condition that keeps concurrent refreshes from losing one another. */
  rev: z.number().int().min(1),
  entries: z.array(ZAdvisoryFactEntry),
  openAudience: z.array(z.string()),
});
export type TAdvisoryFacts = z.infer<typeof ZAdvisoryFacts>;

export const ZCatalogFacts = z.object({
  certWindow: ZCertificationWindow.optional(),
  advisoryFacts: ZAdvisoryFacts.optional(),
});
export type TCatalogFacts = z.infer<typeof ZCatalogFacts>;

export interface CatalogRow {
  component: TComponent;
  facts: TCatalogFacts;
}

export function parseCatalogRow(item: Record<string, unknown>): CatalogRow {
  return { component: parseItem(ZComponent, item), facts: parseItem(ZCatalogFacts, item) };
}

/** Who reads the catalog, and on which date (certificates are valid or not on a day). */
export interface CatalogViewer {
  tenantId: string;
  today: string;
}

type FilterParts = { filters: string[]; names: Record<string, string>; values: Record<string, unknown> };

/** DynamoDB filter expressions for the fact filters of a catalog query (ANDed with the others). */
export function factFilterExpressions(query: TCatalogQuery, viewer: CatalogViewer | undefined): FilterParts {
  const parts: FilterParts = { filters: [], names: {}, values: {} };
  if (query.certificationValid === undefined && query.openAdvisories === undefined) return parts;
  if (!viewer) throw new Error("the certification and advisory filters need the reader and today's date");
  if (query.certificationValid !== undefined) {
    Object.assign(parts.names, { "#cw": "certWindow", "#from": "validFrom", "#until": "validUntil" });
    parts.values[":today"] = viewer.today;
    const valid = "(#cw.#from <= :today AND #cw.#until >= :today)";
    parts.filters.push(query.certificationValid ? valid : `(NOT ${valid})`);
  }
  if (query.openAdvisories !== undefined) {
    Object.assign(parts.names, { "#af": "advisoryFacts", "#oa": "openAudience" });
    parts.values[":everyone"] = EVERYONE;
    parts.values[":viewer"] = viewer.tenantId;
    const open = "(contains(#af.#oa, :everyone) OR contains(#af.#oa, :viewer))";
    parts.filters.push(query.openAdvisories ? open : `(NOT ${open})`);
  }
  return parts;
}

/** The same fact filters in memory (restricted components shared with the reader are not in the index). */
export function factsMatchQuery(facts: TCatalogFacts, query: TCatalogQuery, viewer: CatalogViewer): boolean {
  if (
    query.certificationValid !== undefined &&
    isWithinWindow(facts.certWindow, viewer.today) !== query.certificationValid
  )
    return false;
  if (
    query.openAdvisories !== undefined &&
    canReadAudience(facts.advisoryFacts?.openAudience ?? [], viewer.tenantId) !== query.openAdvisories
  )
    return false;
  return true;
}

const SEVERITY_RANK = new Map<TSeverity, number>(SEVERITIES.map((s, i) => [s, i]));

/** The open advisories a reader may read: how many, and the highest severity among them. */
export function openAdvisoriesFor(
  facts: TCatalogFacts,
  tenantId: string,
): { count: number; severity: TSeverity | null } {
  const open = (facts.advisoryFacts?.entries ?? []).filter(
    (entry) => entry.status === "open" && canReadAudience(entry.audience, tenantId),
  );
  let severity: TSeverity | null = null;
  for (const entry of open) {
    if (
      entry.severity &&
      (severity === null || SEVERITY_RANK.get(entry.severity)! > SEVERITY_RANK.get(severity)!)
    )
      severity = entry.severity;
  }
  return { count: open.length, severity };
}

/** The advisory facts of a published component for the matches that exist now. Pure. */
export function advisoryFactsOf(
  component: Pick<TComponent, "published">,
  matches: readonly TAdvisoryMatch[],
): Omit<TAdvisoryFacts, "rev"> {
  const versions = component.published?.versions ?? [];
  const entries = matches
    .map((match) => ({
      advisoryId: match.advisoryId,
      owner: match.owner,
      status: componentAdvisoryStatus(match, versions).status,
      audience: advisoryAudience(match),
      severity: match.advisory.severity,
      cvssMax: match.advisory.cvssMax,
    }))
    .sort((a, b) => a.advisoryId.localeCompare(b.advisoryId));
  const openAudience = [
    ...new Set(entries.filter((e) => e.status === "open").flatMap((e) => e.audience)),
  ].sort();
  return { entries, openAudience };
}

async function getRow(db: Db, supplierTenantId: string, componentId: string) {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.component(supplierTenantId, componentId),
      ConsistentRead: true,
    }),
  );
  return Item ? parseCatalogRow(Item) : undefined;
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | undefined)?.name === "ConditionalCheckFailedException";

const MAX_ATTEMPTS = 6;

/**
 * Recomputes a component's advisory facts from the matches that exist now. The candidates are the matches
 * index (eventually consistent), the entries already recorded and the match that triggered the refresh; each is
 * then read from the table (strongly consistent), so neither a match the index has not seen yet nor one deleted
 * since is miscounted. The write is conditional on the facts revision read, and retried.
 */
export async function refreshAdvisoryFacts(
  db: Db,
  ref: { supplierTenantId: string; componentId: string },
  trigger?: { owner: TAdvisoryMatch["owner"]; advisoryId: string },
): Promise<"updated" | "unchanged" | "missing"> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const row = await getRow(db, ref.supplierTenantId, ref.componentId);
    if (!row) return "missing";
    const indexed = await listMatchesForComponent(db, ref.componentId);
    const candidates = [
      ...indexed.map((m) => ({ owner: m.owner, advisoryId: m.advisoryId })),
      ...(row.facts.advisoryFacts?.entries ?? []).map((e) => ({ owner: e.owner, advisoryId: e.advisoryId })),
      ...(trigger ? [trigger] : []),
    ];
    const matches = parseItems(
      ZAdvisoryMatch,
      await batchGetItems(
        db,
        candidates.map((c) => keys.advisoryMatch(c.owner, c.advisoryId, ref.componentId)),
        { consistent: true },
      ),
    );
    const next = advisoryFactsOf(row.component, matches);
    const before = row.facts.advisoryFacts;
    if (
      before &&
      JSON.stringify({ entries: before.entries, openAudience: before.openAudience }) === JSON.stringify(next)
    )
      return "unchanged";
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.component(ref.supplierTenantId, ref.componentId),
          UpdateExpression: "SET #af = :facts",
          ConditionExpression: before
            ? "attribute_exists(pk) AND #af.#rev = :rev"
            : "attribute_exists(pk) AND attribute_not_exists(#af)",
          ExpressionAttributeNames: { "#af": "advisoryFacts", ...(before ? { "#rev": "rev" } : {}) },
          ExpressionAttributeValues: {
            ":facts": { rev: (before?.rev ?? 0) + 1, ...next },
            ...(before ? { ":rev": before.rev } : {}),
          },
        }),
      );
      return "updated";
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new Error(`advisory facts of component ${ref.componentId}: too many concurrent refreshes`);
}

/**
 * Re-derives the certification window of every published component of the supplier whose headline claim names
 * this certification or whose window came from it (the stream handler of certification changes).
 */
export function refreshCertificationWindows(
  db: Db,
  certification: { supplierTenantId: string; id: string },
): Promise<{ updated: number }> {
  return refreshWindowsWhere(
    db,
    certification.supplierTenantId,
    ({ component, facts }) =>
      facts.certWindow?.certificationId === certification.id ||
      (component.published !== undefined &&
        claimForVersion(component.published)?.certificationId === certification.id),
  );
}

/**
 * One consistent query of the supplier's components, one consistent BatchGet of the certifications behind the
 * headline claims of those selected, then a write per changed window, conditional on the component version read
 * (a publish in between is re-read and decided again).
 */
async function refreshWindowsWhere(
  db: Db,
  supplierTenantId: string,
  selected: (row: CatalogRow) => boolean,
): Promise<{ updated: number }> {
  let updated = 0;
  let pending: Set<string> | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rows = (await listComponentRows(db, supplierTenantId)).filter(
      (row) => (!pending || pending.has(row.component.id)) && selected(row),
    );
    const headlineIds = rows.flatMap(({ component }) =>
      component.published ? (claimForVersion(component.published)?.certificationId ?? []) : [],
    );
    const certifications = new Map(
      parseItems(
        ZCertification,
        await batchGetItems(
          db,
          [...new Set(headlineIds)].map((id) => keys.certification(supplierTenantId, id)),
          { consistent: true },
        ),
      ).map((c) => [c.id, c]),
    );
    const failed = new Set<string>();
    for (const { component, facts } of rows) {
      const window = component.published
        ? certificationWindow(component.published, certifications)
        : undefined;
      if (JSON.stringify(window) === JSON.stringify(facts.certWindow)) continue;
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: keys.component(component.supplierTenantId, component.id),
            UpdateExpression: window ? "SET #cw = :window" : "REMOVE #cw",
            ConditionExpression: "#version = :version",
            ExpressionAttributeNames: { "#cw": "certWindow", "#version": "version" },
            ExpressionAttributeValues: {
              ":version": component.version,
              ...(window ? { ":window": window } : {}),
            },
          }),
        );
        updated += 1;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        failed.add(component.id);
      }
    }
    if (failed.size === 0) return { updated };
    pending = failed;
  }
  throw new Error(
    `supplier ${supplierTenantId}: components kept changing while refreshing certification windows`,
  );
}

/**
 * Derives the facts of every published component of these suppliers (data written before the facts existed;
 * `npm start` runs it once per table). Idempotent: unchanged facts are not written.
 */
export async function backfillCatalogFacts(
  db: Db,
  supplierTenantIds: readonly string[],
): Promise<{ components: number; windows: number; advisoryFacts: number }> {
  let components = 0;
  let windows = 0;
  let advisoryFacts = 0;
  for (const supplierTenantId of supplierTenantIds) {
    windows += (
      await refreshWindowsWhere(db, supplierTenantId, ({ component }) => Boolean(component.published))
    ).updated;
    const published = (await listComponentRows(db, supplierTenantId)).filter(
      ({ component }) => component.published,
    );
    for (const { component } of published) {
      components += 1;
      if ((await refreshAdvisoryFacts(db, { supplierTenantId, componentId: component.id })) === "updated")
        advisoryFacts += 1;
    }
  }
  return { components, windows, advisoryFacts };
}

/** A supplier's components with their facts (one partition, strongly consistent). */
export async function listComponentRows(db: Db, supplierTenantId: string): Promise<CatalogRow[]> {
  const rows: CatalogRow[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: {
          ":pk": keys.tenantPrefix(supplierTenantId),
          ":prefix": keys.componentPrefix,
        },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    rows.push(...(page.Items ?? []).map(parseCatalogRow));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}
