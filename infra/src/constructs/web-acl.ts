import { CfnWebACL } from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";

export interface PortalWebAclProps {
  /** Requests per 5 minutes per client IP before it is blocked. @default 2000 */
  rateLimitPer5Minutes?: number;
  /** Prefix of the CloudWatch metric names. */
  metricPrefix: string;
}

const managedRuleGroup = (
  name: string,
  priority: number,
  metricPrefix: string,
  countOnly: string[] = [],
): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: "AWS",
      name,
      ...(countOnly.length > 0
        ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
        : {}),
    },
  },
  visibilityConfig: {
    cloudWatchMetricsEnabled: true,
    metricName: `${metricPrefix}-${name}`,
    sampledRequestsEnabled: true,
  },
});

/**
 * The WAF web ACL of the portal's CloudFront distribution (CLOUDFRONT scope, so it must be created in
 * us-east-1). HTTP APIs cannot be associated with WAF; the API relies on stage throttling instead
 * (docs/adr/0022-edge-protection.md).
 */
export class PortalWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: PortalWebAclProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, "WebAcl", {
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `${props.metricPrefix}-portal`,
        sampledRequestsEnabled: true,
      },
      rules: [
        {
          name: "rate-limit-per-ip",
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { aggregateKeyType: "IP", limit: props.rateLimitPer5Minutes ?? 2_000 },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: `${props.metricPrefix}-rate-limit`,
            sampledRequestsEnabled: true,
          },
        },
        managedRuleGroup("AWSManagedRulesAmazonIpReputationList", 1, props.metricPrefix),
        // Body-size rule counts only: CycloneDX and CSAF imports post documents larger than its 8 kB.
        managedRuleGroup("AWSManagedRulesCommonRuleSet", 2, props.metricPrefix, ["SizeRestrictions_BODY"]),
        managedRuleGroup("AWSManagedRulesKnownBadInputsRuleSet", 3, props.metricPrefix),
      ],
    });
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}
