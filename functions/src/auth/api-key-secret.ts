import { createHash, randomBytes } from "node:crypto";

const PREFIX = "assure_";

/** A new secret: shown once to its creator, stored only as a SHA-256 hash. */
export function newApiKeySecret(): string {
  return `${PREFIX}${randomBytes(24).toString("base64url")}`;
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(PREFIX) && value.length > PREFIX.length + 16;
}

/** SHA-256 is enough here: the secret has 192 bits of entropy, so no slow hash is needed against guessing. */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}
