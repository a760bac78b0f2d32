import { ArnFormat, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from "aws-cdk-lib/aws-cognito";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import type { FunctionBundle } from "../bundling";
import type { AuthConfig } from "../config";
import { acknowledge } from "../nag";
import { AssureFunction } from "./assure-function";

export interface AuthProps {
  /** Bundle of the signing-key rotation function. */
  rotationBundle: FunctionBundle;
  config: AuthConfig;
  /** Prefix of the secrets' names, e.g. "assure/prod". */
  namePrefix: string;
  /** The portal's public origin (next-auth callback and sign-out URLs). */
  portalOrigin: string;
  /** @default RemovalPolicy.RETAIN */
  removalPolicy?: RemovalPolicy;
  logRetention: RetentionDays;
}

/** The next-auth provider id the callback URL is built from (`/api/auth/callback/<id>`). */
export const OIDC_PROVIDER_ID = "oidc";

/**
 * Sign-in for the portal and the keys for its API tokens.
 * - OIDC provider for next-auth: a Cognito user pool (default) or an external issuer by configuration.
 * - The portal signs short-lived API tokens with an ES256 key kept in Secrets Manager and rotated by a
 *   rotation function; the API verifies them against the portal's JWKS.
 * Secret names are fixed (not generated) so the portal can find them without a CloudFormation reference,
 * which would close a dependency cycle through the CloudFront distribution.
 */
export class Auth extends Construct {
  readonly userPool?: UserPool;
  readonly userPoolClient?: UserPoolClient;
  readonly userPoolDomain?: UserPoolDomain;
  /** OIDC issuer next-auth discovers (`/.well-known/openid-configuration`). */
  readonly issuer: string;
  readonly clientId: string;
  readonly signingKeySecret: Secret;
  readonly sessionSecret: Secret;
  readonly signingKeyRotation: AssureFunction;
  /** Name of the secret holding the OIDC client secret (plain text). */
  readonly clientSecretName: string;
  readonly clientSecretArn: string;
  readonly secretNames: { signingKey: string; session: string; oidcClient: string };

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const config = props.config;

    if (config.provider === "cognito") {
      this.userPool = new UserPool(this, "UserPool", {
        // Tenants invite their members; nobody signs up unasked.
        selfSignUpEnabled: false,
        signInAliases: { email: true },
        autoVerify: { email: true },
        mfa: config.mfa === "required" ? Mfa.REQUIRED : Mfa.OPTIONAL,
        mfaSecondFactor: { otp: true, sms: false },
        passwordPolicy: {
          minLength: 12,
          requireLowercase: true,
          requireUppercase: true,
          requireDigits: true,
          requireSymbols: true,
          tempPasswordValidity: Duration.days(3),
        },
        accountRecovery: AccountRecovery.EMAIL_ONLY,
        // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan.
        featurePlan: FeaturePlan.PLUS,
        standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
        deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
        removalPolicy,
      });
      this.userPoolDomain = this.userPool.addDomain("Domain", {
        cognitoDomain: { domainPrefix: config.domainPrefix },
      });
      this.userPoolClient = this.userPool.addClient("PortalClient", {
        generateSecret: true,
        oAuth: {
          flows: { authorizationCodeGrant: true },
          scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
          callbackUrls: [`${props.portalOrigin}/api/auth/callback/${OIDC_PROVIDER_ID}`],
          logoutUrls: [props.portalOrigin],
        },
        supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.days(30),
        // Hosted sign-in only: no password grant from the portal's server.
        authFlows: {},
      });
      this.issuer = this.userPool.userPoolProviderUrl;
      this.clientId = this.userPoolClient.userPoolClientId;
      this.clientSecretName = `${props.namePrefix}/portal/oidc-client`;
      const clientSecret = new Secret(this, "OidcClientSecret", {
        secretName: this.clientSecretName,
        description: "Client secret of the portal's Cognito app client (plain text)",
        secretStringValue: this.userPoolClient.userPoolClientSecret,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      this.clientSecretArn = clientSecret.secretArn;
      acknowledge(clientSecret, {
        "AwsSolutions-SMG4":
          "A copy of the Cognito app client's secret; Cognito owns it, rotation means a new app client (docs/deploy.md).",
      });
      if (config.mfa !== "required") {
        acknowledge(this.userPool, {
          "AwsSolutions-COG2": "MFA is optional only where configured so (dev stage); prod requires it.",
        });
      }
    } else {
      this.issuer = config.issuer;
      this.clientId = config.clientId;
      this.clientSecretArn = config.clientSecretArn;
      this.clientSecretName =
        Stack.of(this).splitArn(config.clientSecretArn, ArnFormat.COLON_RESOURCE_NAME).resourceName ??
        config.clientSecretArn;
    }

    this.signingKeySecret = new Secret(this, "SigningKey", {
      secretName: `${props.namePrefix}/portal/signing-key`,
      description: "ES256 key set the portal signs API tokens with; rotated by the rotation function",
      // A throwaway bootstrap value; the first rotation (on creation) writes the real key set.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ keys: [] }),
        generateStringKey: "bootstrap",
      },
      removalPolicy,
    });
    this.signingKeyRotation = new AssureFunction(this, "SigningKeyRotation", {
      bundle: props.rotationBundle,
      description: "Rotates the portal's API-token signing key",
      serviceName: "assure-signing-key-rotation",
      memoryMb: 256,
      timeout: Duration.seconds(30),
      logRetention: props.logRetention,
    });
    this.signingKeySecret.addRotationSchedule("Rotation", {
      rotationLambda: this.signingKeyRotation.function,
      automaticallyAfter: Duration.days(config.signingKeyRotationDays),
      rotateImmediatelyOnUpdate: true,
    });

    this.sessionSecret = new Secret(this, "SessionSecret", {
      secretName: `${props.namePrefix}/portal/nextauth`,
      description: "NEXTAUTH_SECRET: encrypts the portal's session cookies",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(this.sessionSecret, {
      "AwsSolutions-SMG4":
        "Rotating NEXTAUTH_SECRET signs every user out; rotated by hand with the runbook in docs/deploy.md.",
    });

    this.secretNames = {
      signingKey: `${props.namePrefix}/portal/signing-key`,
      session: `${props.namePrefix}/portal/nextauth`,
      oidcClient: this.clientSecretName,
    };
  }
}
