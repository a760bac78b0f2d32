import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { type IPrincipal, PolicyStatement, Role, SessionTagsPrincipal } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

export interface TenantScopedRoleProps {
  table: ITable;
  /** Who may assume the role (e.g. the API function's role), always with a `tenantId` session tag. */
  assumedBy: IPrincipal;
  /** Partition-key prefix of a tenant's private data; keys are `T#<tenantId>` or `T#<tenantId>#…`. */
  tenantKeyPrefix?: string;
}

/** The session tag carrying the tenant id; the caller sets it on sts:AssumeRole / TagSession. */
export const TENANT_SESSION_TAG = "tenantId";

/**
 * A role that can only touch one tenant's partitions: `dynamodb:LeadingKeys` must match the tenant id
 * from the session tag. For code paths that act for exactly one tenant (a supplier's CI upload, an export)
 * it makes cross-tenant access impossible even if the code has a bug. Cross-tenant reads (the catalog
 * index) are not allowed through it on purpose.
 */
export class TenantScopedRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TenantScopedRoleProps) {
    super(scope, id);
    const prefix = props.tenantKeyPrefix ?? "T#";
    const tenant = `\${aws:PrincipalTag/${TENANT_SESSION_TAG}}`;
    this.role = new Role(this, "Role", {
      description:
        "Tenant-scoped table access: partition keys must start with T#<tenantId from the session tag>",
      assumedBy: new SessionTagsPrincipal(props.assumedBy).withConditions({
        // Refuse sessions without the tag: an untagged session would otherwise match no key, but say so.
        StringLike: { [`aws:RequestTag/${TENANT_SESSION_TAG}`]: "?*" },
      }),
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: [
          "dynamodb:GetItem",
          "dynamodb:BatchGetItem",
          "dynamodb:Query",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:ConditionCheckItem",
        ],
        resources: [props.table.tableArn],
        conditions: {
          "ForAllValues:StringLike": {
            "dynamodb:LeadingKeys": [`${prefix}${tenant}`, `${prefix}${tenant}#*`],
          },
        },
      }),
    );
    // Items are encrypted with the table's key; decrypting through DynamoDB needs kms:Decrypt on it.
    props.table.encryptionKey?.grantEncryptDecrypt(this.role);
  }
}
