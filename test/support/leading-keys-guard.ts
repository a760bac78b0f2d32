import type { Db } from "../../functions/src/db/client";

/** What the guard saw: every partition key a command touched, and those outside the tenant's partitions. */
export interface LeadingKeysLog {
  partitionKeys: string[];
  refused: string[];
}

type TKeyed = { pk?: unknown } | undefined;

/** Partition keys a DocumentClient command reads or writes (the ones IAM's dynamodb:LeadingKeys sees). */
function partitionKeysOf(name: string, input: Record<string, unknown>): string[] {
  const pkOf = (item: TKeyed) => (item && typeof item.pk === "string" ? [item.pk] : ["<no pk>"]);
  switch (name) {
    case "GetCommand":
    case "UpdateCommand":
    case "DeleteCommand":
      return pkOf(input.Key as TKeyed);
    case "PutCommand":
      return pkOf(input.Item as TKeyed);
    case "QueryCommand": {
      // `pk = :name` in the key condition; the guard refuses queries on an index (other partition keys).
      if (input.IndexName) return [`<index ${String(input.IndexName)}>`];
      const match = /\bpk\s*=\s*(:\w+)/.exec(String(input.KeyConditionExpression ?? ""));
      const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
      const value = match?.[1] ? values?.[match[1]] : undefined;
      return [typeof value === "string" ? value : "<unknown pk>"];
    }
    case "TransactWriteCommand":
      return (input.TransactItems as Record<string, { Key?: TKeyed; Item?: TKeyed }>[]).flatMap((entry) =>
        Object.values(entry).flatMap((operation) => pkOf(operation.Item ?? operation.Key)),
      );
    case "TransactGetCommand":
      return (input.TransactItems as { Get: { Key: TKeyed } }[]).flatMap((entry) => pkOf(entry.Get.Key));
    case "BatchGetCommand":
      return Object.values(input.RequestItems as Record<string, { Keys: TKeyed[] }>).flatMap((request) =>
        request.Keys.flatMap(pkOf),
      );
    case "BatchWriteCommand":
      return Object.values(
        input.RequestItems as Record<
          string,
          { PutRequest?: { Item: TKeyed }; DeleteRequest?: { Key: TKeyed } }[]
        >,
      ).flatMap((requests) =>
        requests.flatMap((request) => pkOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key)),
      );
    default:
      return [`<${name} not allowed>`];
  }
}

/** A sent command as a wrapper sees it: its class name and input. */
export type TSentCommand = { constructor: { name: string }; input: Record<string, unknown> };

/** The same table client with every command going through `send` first; `send` passes it on with `next`. */
export function interceptCommands(
  db: Db,
  send: (command: TSentCommand, next: (command: TSentCommand) => Promise<unknown>) => Promise<unknown>,
): Db {
  const next = (command: TSentCommand) => (db.doc.send as (command: unknown) => Promise<unknown>)(command);
  const intercepted = ((command: TSentCommand) => send(command, next)) as Db["doc"]["send"];
  return {
    ...db,
    doc: new Proxy(db.doc, {
      get: (target, property) => (property === "send" ? intercepted : Reflect.get(target, property)),
    }),
  };
}

/**
 * A stand-in, for tests against DynamoDB Local (which has no IAM), for a client signed as the tenant-scoped role:
 * like the role's `dynamodb:LeadingKeys` condition (infra/src/constructs/tenant-scoped-role.ts) it refuses any
 * command touching a partition other than `T#<tenantId>` or `T#<tenantId>#…`, and logs what it saw.
 */
export function guardLeadingKeys(db: Db, tenantId: string, log: LeadingKeysLog): Db {
  const allowed = (pk: string) => pk === `T#${tenantId}` || pk.startsWith(`T#${tenantId}#`);
  return interceptCommands(db, (command, next) => {
    const keys = partitionKeysOf(command.constructor.name, command.input);
    log.partitionKeys.push(...keys);
    const refused = keys.filter((pk) => !allowed(pk));
    if (refused.length > 0) {
      log.refused.push(...refused);
      return Promise.reject(
        Object.assign(new Error(`AccessDeniedException: not in tenant ${tenantId}: ${refused.join(", ")}`), {
          name: "AccessDeniedException",
        }),
      );
    }
    return next(command);
  });
}
