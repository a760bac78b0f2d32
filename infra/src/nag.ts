import { type CfnElement, Stack, Token, Validations } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * cdk-nag (AwsSolutions pack) acknowledgements. Each one names the finding exactly and says in one line
 * why it is acceptable; the infra tests fail on any finding not listed. Findings that belong to one of
 * our constructs are acknowledged in that construct, next to their cause; this file holds the shared
 * reasons and the findings on resources CDK creates for us.
 */

export const NAG_REASONS = {
  nodeRuntime: "Node.js 22 is the project's pinned LTS runtime; runtimes move together with the toolchain.",
  basicExecutionRole: "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs.",
  xrayWildcard: "X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.",
  tableIndexes: "Queries the table's GSIs (declared in functions/src/db/table.ts); scoped to this one table.",
  deadLetterQueue:
    "This queue is itself the dead-letter destination; a DLQ of a DLQ would only move the problem.",
  dataKeyActions:
    "CDK's encrypt/decrypt grant on the stack's own data key, which is the only resource named.",
  cdkCustomResource: "CDK-managed custom resource provider; its role and runtime are set by aws-cdk-lib.",
} as const;

/** Acknowledges AwsSolutions findings on `scope`: ids as printed after "AwsSolutions::", e.g. "AwsSolutions-L1". */
export function acknowledge(scope: IConstruct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings)) {
    Validations.of(scope).acknowledge({ id: `AwsSolutions::${id}`, reason });
  }
}

/** The three findings every Lambda function in the stack has by design. */
export function acknowledgeLambdaDefaults(fn: IConstruct): void {
  acknowledge(fn, {
    "AwsSolutions-L1": NAG_REASONS.nodeRuntime,
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
      NAG_REASONS.basicExecutionRole,
    "AwsSolutions-IAM5[Resource::*]": NAG_REASONS.xrayWildcard,
  });
}

/** `<LogicalId.Arn>` as cdk-nag prints a resource's ARN in IAM5 findings. */
export function nagArnOf(resource: IConstruct): string {
  const cfn = resource.node.defaultChild as CfnElement;
  return `<${Stack.of(resource).getLogicalId(cfn)}.Arn>`;
}

/** Findings on constructs aws-cdk-lib adds at stack level (singleton providers), found by id prefix. */
export function acknowledgeCdkInternals(stack: Stack, deploymentTargets: IConstruct[]): void {
  const account = Token.isUnresolved(stack.account) ? "<AWS::AccountId>" : stack.account;
  const stagingBucketObjects = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${stack.region}/*`;
  for (const child of stack.node.children) {
    const id = child.node.id;
    const isBucketDeployment = id.startsWith("Custom::CDKBucketDeployment");
    const isProvider = id.startsWith("AWS679f53fac002430cb0da5b7982bd2287") || id.startsWith("Custom::");
    if (!isBucketDeployment && !isProvider) continue;
    acknowledge(child, {
      "AwsSolutions-L1": NAG_REASONS.cdkCustomResource,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
        NAG_REASONS.cdkCustomResource,
    });
    if (isBucketDeployment) {
      const copyReason =
        "BucketDeployment copies the build's assets from the CDK staging bucket into the target bucket.";
      acknowledge(child, {
        ...Object.fromEntries(
          ["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*"].map((action) => [
            `AwsSolutions-IAM5[Action::${action}]`,
            copyReason,
          ]),
        ),
        [`AwsSolutions-IAM5[Resource::${stagingBucketObjects}]`]: copyReason,
        ...Object.fromEntries(
          deploymentTargets.map((bucket) => [
            `AwsSolutions-IAM5[Resource::${nagArnOf(bucket)}/*]`,
            copyReason,
          ]),
        ),
      });
    }
  }
}
