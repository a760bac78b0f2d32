// Subpath imports keep the certificate-expiry job's bundle small (it does not need the whole catalog and engine).
import {
  type TCertification,
  type TCertificationInput,
  ZCertification,
  ZCertificationInput,
} from "@assure/shared/domain/certification";
import type { TEvidence } from "@assure/shared/domain/evidence";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { batchGetItems } from "../db/batch";
import type { Db } from "../db/client";
import { parseItem, parseItems } from "../db/items";
import { keys } from "../db/keys";
import { ConditionFailed, transact } from "../db/transact";
import { auditPut } from "./audit";

export class CertificationVersionMismatch extends Error {}
export class UnknownEvidence extends Error {
  constructor(readonly index: number) {
    super(`evidence ${index} is unknown or not uploaded yet`);
  }
}

function item(certification: TCertification) {
  return {
    ...keys.certification(certification.supplierTenantId, certification.id),
    // Listed for the expiry reminders only while it is valid and has an expiry date.
    ...(certification.status === "valid" && certification.expires
      ? keys.certificationExpiry(certification.expires, certification.id)
      : {}),
    type: "certification",
    ...certification,
  };
}

/** Resolves evidence ids to the stored files they name; every id must be the tenant's and stored. */
function evidenceRefs(ids: string[], evidence: Map<string, TEvidence>) {
  return ids.map((id, index) => {
    const file = evidence.get(id);
    if (file?.state !== "stored") throw new UnknownEvidence(index);
    return {
      evidenceId: id,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
    };
  });
}

export async function createCertification(
  db: Db,
  input: {
    supplierTenantId: string;
    certification: TCertificationInput;
    evidence: Map<string, TEvidence>;
    actor: string;
    now: Date;
  },
): Promise<TCertification> {
  const at = input.now.toISOString();
  const { evidenceIds, ...fields } = ZCertificationInput.parse(input.certification);
  const certification = ZCertification.parse({
    ...fields,
    id: ulid().toLowerCase(),
    supplierTenantId: input.supplierTenantId,
    evidence: evidenceRefs(evidenceIds, input.evidence),
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
  await transact(db, [
    {
      Put: {
        TableName: db.tableName,
        Item: item(certification),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    auditPut(db, {
      tenantId: input.supplierTenantId,
      actor: input.actor,
      action: "certification.create",
      subject: `certification:${certification.id}`,
      after: certification,
      at: input.now,
    }),
  ]);
  return certification;
}

export async function updateCertification(
  db: Db,
  input: {
    before: TCertification;
    certification: TCertificationInput;
    evidence: Map<string, TEvidence>;
    expectedVersion: number;
    actor: string;
    now: Date;
  },
): Promise<TCertification> {
  const { evidenceIds, ...fields } = ZCertificationInput.parse(input.certification);
  const { slC: _slC, ml: _ml, expires: _expires, ...kept } = input.before;
  const after = ZCertification.parse({
    ...kept,
    ...fields,
    evidence: evidenceRefs(evidenceIds, input.evidence),
    version: input.before.version + 1,
    updatedAt: input.now.toISOString(),
  });
  try {
    await transact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: item(after),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": input.expectedVersion },
        },
      },
      auditPut(db, {
        tenantId: after.supplierTenantId,
        actor: input.actor,
        action:
          after.status !== input.before.status ? `certification.${after.status}` : "certification.update",
        subject: `certification:${after.id}`,
        before: input.before,
        after,
        at: input.now,
      }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw new CertificationVersionMismatch();
    throw error;
  }
  return after;
}

export async function getCertification(db: Db, supplierTenantId: string, certificationId: string) {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.certification(supplierTenantId, certificationId) }),
  );
  return Item ? parseItem(ZCertification, Item) : undefined;
}

export async function listCertifications(db: Db, supplierTenantId: string): Promise<TCertification[]> {
  const found: TCertification[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: {
          ":pk": keys.tenantPrefix(supplierTenantId),
          ":prefix": keys.certificationPrefix,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    found.push(...parseItems(ZCertification, page.Items));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/** Certifications by (supplier, id) in one BatchGet; keyed by id. */
export async function getCertificationsMany(
  db: Db,
  refs: { supplierTenantId: string; certificationId: string }[],
): Promise<Map<string, TCertification>> {
  const items = await batchGetItems(
    db,
    refs.map((ref) => keys.certification(ref.supplierTenantId, ref.certificationId)),
  );
  return new Map(parseItems(ZCertification, items).map((c) => [c.id, c]));
}
