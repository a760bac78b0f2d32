/**
 * The single DynamoDB table: its key schema and global secondary indexes.
 * This file is the one source of truth for both the code (local table creation, queries)
 * and the CDK stack (infra/), so the two can never drift apart.
 */

export interface IndexDefinition {
  /** Index name, named after the access pattern it serves. */
  name: string;
  partitionKey: string;
  sortKey: string;
  /** What the index is for, so readers of the CDK stack and the ADR see the same story. */
  purpose: string;
}

export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Epoch seconds; items with this attribute expire (idempotency records, short-lived tokens). */
  ttlAttribute: "expiresAt",
  /** Optimistic-concurrency counter, incremented by every conditional write. */
  versionAttribute: "version",
  indexes: [
    {
      name: "catalog",
      partitionKey: "catalogPk",
      sortKey: "catalogSk",
      purpose:
        "Published, cross-tenant listings: public components by type, advisories, tenants for the operator. " +
        "Only items that are visible outside their tenant carry these attributes.",
    },
    {
      name: "byUser",
      partitionKey: "userPk",
      sortKey: "userSk",
      purpose: "A user's memberships across tenants (tenant switcher, sign-in).",
    },
    {
      name: "byIdentifier",
      partitionKey: "identPk",
      sortKey: "identSk",
      purpose:
        "Lookups by an external identifier of a published item: purl, CPE, model number, normalised " +
        "vendor+product, CSAF tracking id.",
    },
  ] satisfies IndexDefinition[],
} as const;

export type IndexName = (typeof TABLE.indexes)[number]["name"];

export function indexDefinition(name: IndexName): IndexDefinition {
  const found = TABLE.indexes.find((index) => index.name === name);
  if (!found) throw new Error(`Unknown index ${name}`);
  return found;
}
