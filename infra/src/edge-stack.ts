import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { StageConfig } from "./config";
import { PortalWebAcl } from "./constructs/web-acl";

export interface EdgeStackProps extends StackProps {
  config: StageConfig;
}

/**
 * Resources CloudFront requires in us-east-1: the portal's WAF web ACL. Deployed before the main stack,
 * which reads the ACL's ARN through a cross-region reference.
 */
export class EdgeStack extends Stack {
  readonly webAcl: PortalWebAcl;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { account: props.env?.account, region: "us-east-1" } });
    this.webAcl = new PortalWebAcl(this, "PortalWebAcl", {
      metricPrefix: `${props.config.appName}-${props.config.stage}`,
      rateLimitPer5Minutes: props.config.waf.rateLimitPer5Minutes,
    });
  }
}
