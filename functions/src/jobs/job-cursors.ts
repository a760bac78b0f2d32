import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import type { Db } from "../db/client";
import type { PollCursorStore } from "./csaf-feed-poll";

/** Platform-level job state (no tenant data), one item per (job, subject) under `JOB#<job>`. */
export const jobCursorKey = (job: string, subject: string) => ({ pk: `JOB#${job}`, sk: `CURSOR#${subject}` });

const cursorItem = z.object({ cursor: z.string() });

export function dynamoCursorStore(db: Db, job: string, now: () => Date = () => new Date()): PollCursorStore {
  return {
    async get(subject) {
      const result = await db.doc.send(
        new GetCommand({ TableName: db.tableName, Key: jobCursorKey(job, subject), ConsistentRead: true }),
      );
      return result.Item ? cursorItem.parse(result.Item).cursor : undefined;
    },
    async set(subject, cursor) {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...jobCursorKey(job, subject), type: "JobCursor", cursor, updatedAt: now().toISOString() },
        }),
      );
    },
  };
}
