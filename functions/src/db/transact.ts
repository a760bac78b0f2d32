import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";

type TransactItems = NonNullable<TransactWriteCommandInput["TransactItems"]>;

/** Raised when one of the transaction's conditions failed; `index` says which item. */
export class ConditionFailed extends Error {
  constructor(readonly index: number) {
    super(`condition failed on transaction item ${index}`);
  }
}

/**
 * Writes all items or none. A client token makes a retried call (same token, same items, within
 * ten minutes) a no-op instead of a double write.
 */
export async function transact(db: Db, items: TransactItems, clientRequestToken?: string): Promise<void> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: items,
        ...(clientRequestToken ? { ClientRequestToken: clientRequestToken } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const index = (error.CancellationReasons ?? []).findIndex(
        (reason) => reason.Code === "ConditionalCheckFailed",
      );
      if (index >= 0) throw new ConditionFailed(index);
    }
    throw error;
  }
}
