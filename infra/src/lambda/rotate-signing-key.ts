import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { createLogger } from "../../../functions/src/observability/logger";
import {
  nextSigningKeySet,
  parseSigningKeySet,
  RETIRED_KEYS_TAG,
  retiredKeysKept,
} from "../../../functions/src/signing/key-set";

/**
 * Secrets Manager rotation function for the ES256 signing keys (the four-step protocol: createSecret, setSecret,
 * testSecret, finishSecret): the portal's API-token key and the API's claim-signing key. No external system holds
 * a key, so setSecret has nothing to do. How many previous public keys survive a rotation is the secret's
 * `assure:retired-keys` tag (functions/src/signing/key-set.ts).
 */

interface RotationEvent {
  Step: "createSecret" | "setSecret" | "testSecret" | "finishSecret";
  SecretId: string;
  ClientRequestToken: string;
}

const client = new SecretsManagerClient({});
const logger = createLogger({ service: process.env.SERVICE_NAME ?? "assure-signing-key-rotation" });

async function secretString(
  secretId: string,
  stage: string,
  versionId?: string,
): Promise<string | undefined> {
  try {
    const result = await client.send(
      new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage, VersionId: versionId }),
    );
    return result.SecretString;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

export async function handler(event: RotationEvent): Promise<void> {
  const log = logger.child({ step: event.Step, version: event.ClientRequestToken });
  const description = await client.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
  const stages = description.VersionIdsToStages?.[event.ClientRequestToken];
  if (!description.RotationEnabled) throw new Error("Rotation is not enabled on the secret");
  if (!stages) throw new Error("The rotation version has no stage on the secret");
  if (stages.includes("AWSCURRENT") && !stages.includes("AWSPENDING")) {
    log.info("version is already current; nothing to do");
    return;
  }

  switch (event.Step) {
    case "createSecret": {
      if (await secretString(event.SecretId, "AWSPENDING", event.ClientRequestToken)) {
        log.info("pending version exists; not generating another key");
        return;
      }
      const current = parseSigningKeySet(await secretString(event.SecretId, "AWSCURRENT"));
      const keep = retiredKeysKept(description.Tags?.find((tag) => tag.Key === RETIRED_KEYS_TAG)?.Value);
      const next = nextSigningKeySet(current, new Date(), undefined, keep);
      await client.send(
        new PutSecretValueCommand({
          SecretId: event.SecretId,
          ClientRequestToken: event.ClientRequestToken,
          SecretString: JSON.stringify(next),
          VersionStages: ["AWSPENDING"],
        }),
      );
      log.info("generated a new signing key", {
        kid: next.active.kid,
        retiredKids: next.retired.map((k) => k.kid),
      });
      return;
    }
    case "setSecret":
      return;
    case "testSecret": {
      const pending = parseSigningKeySet(
        await secretString(event.SecretId, "AWSPENDING", event.ClientRequestToken),
      );
      if (!pending) throw new Error("The pending version is not a signing key set");
      const privateKey = createPrivateKey({ key: pending.active, format: "jwk" });
      const data = Buffer.from("assure signing key self-test");
      const signature = sign("sha256", data, privateKey);
      if (!verify("sha256", data, createPublicKey(privateKey), signature)) {
        throw new Error("The pending key failed its sign/verify self-test");
      }
      return;
    }
    case "finishSecret": {
      const currentVersion = Object.entries(description.VersionIdsToStages ?? {}).find(([, versionStages]) =>
        versionStages.includes("AWSCURRENT"),
      )?.[0];
      await client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: event.SecretId,
          VersionStage: "AWSCURRENT",
          MoveToVersionId: event.ClientRequestToken,
          RemoveFromVersionId: currentVersion,
        }),
      );
      log.info("rotation finished");
      return;
    }
  }
}
