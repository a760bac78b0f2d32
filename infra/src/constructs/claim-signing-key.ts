import { Duration, type RemovalPolicy, Tags } from "aws-cdk-lib";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { RETIRED_KEYS_TAG } from "../../../functions/src/signing/key-set";

export interface ClaimSigningKeyProps {
  /** e.g. "assure/prod"; the secret is `<namePrefix>/api/claim-signing-key`. */
  namePrefix: string;
  /** The ES256 key rotation function (the portal's signing key uses the same one). */
  rotationFunction: IFunction;
  rotationDays: number;
  /** Keep it in prod: deleting it makes every claim signed so far unverifiable against this deployment. */
  removalPolicy: RemovalPolicy;
}

/**
 * The deployment's claim-signing key (ADR 0032) as a Secrets Manager secret in the rotated key-set format
 * (functions/src/signing/key-set.ts). The rotation function writes the first key right after creation and a
 * new one every `rotationDays`, keeping every previous public key (tag `assure:retired-keys=all`), so revisions
 * signed with any earlier key still verify. The API reads it by ARN (CLAIM_SIGNING_KEY_SECRET_ID) when a request
 * signs or publishes the keys, and re-reads it every few minutes.
 */
export class ClaimSigningKey extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: ClaimSigningKeyProps) {
    super(scope, id);
    this.secret = new Secret(this, "Secret", {
      secretName: `${props.namePrefix}/api/claim-signing-key`,
      description: "ES256 key set the API signs published claim revisions with; rotated, every old key kept",
      // A throwaway bootstrap value; the first rotation (on creation) writes the real key set.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ keys: [] }),
        generateStringKey: "bootstrap",
      },
      removalPolicy: props.removalPolicy,
    });
    Tags.of(this.secret).add(RETIRED_KEYS_TAG, "all");
    this.secret.addRotationSchedule("Rotation", {
      rotationLambda: props.rotationFunction,
      automaticallyAfter: Duration.days(props.rotationDays),
      rotateImmediatelyOnUpdate: true,
    });
  }

  /** Reading the current value is all the API needs (no describe, no other secret). */
  grantRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["secretsmanager:GetSecretValue"], resources: [this.secret.secretArn] }),
    );
  }
}
