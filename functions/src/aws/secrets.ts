/** Reads a secret's current string value; undefined when the secret has none. */
export type SecretReader = (secretId: string) => Promise<string | undefined>;

let client: Promise<SecretReader> | undefined;

/**
 * Secrets Manager through the AWS SDK the Lambda runtime provides, loaded with the first read: functions that
 * never need a secret (or need it only for some requests) do not load the client at cold start.
 */
export const readSecretsManagerString: SecretReader = async (secretId) => {
  client ??= import("@aws-sdk/client-secrets-manager").then(
    ({ GetSecretValueCommand, SecretsManagerClient }) => {
      const secretsManager = new SecretsManagerClient({});
      return async (id: string) =>
        (await secretsManager.send(new GetSecretValueCommand({ SecretId: id }))).SecretString;
    },
  );
  return (await client)(secretId);
};

export interface CachedSecretOptions {
  /** How long a value is used before it is read again (rotations are picked up within this time). */
  ttlMs: number;
  read?: SecretReader;
  now?: () => number;
}

/**
 * A secret's value, read on first use and again after `ttlMs`. Concurrent callers share one read. When a re-read
 * fails, the value read before is kept (and the next call tries again); the first read's failure is thrown.
 */
export function cachedSecretString(
  secretId: string,
  options: CachedSecretOptions,
): () => Promise<string | undefined> {
  const read = options.read ?? readSecretsManagerString;
  const now = options.now ?? Date.now;
  let cached: { value: string | undefined; readAt: number } | undefined;
  let pending: Promise<string | undefined> | undefined;
  return () => {
    if (cached && now() - cached.readAt < options.ttlMs) return Promise.resolve(cached.value);
    pending ??= read(secretId)
      .then(
        (value) => {
          cached = { value, readAt: now() };
          return value;
        },
        (error: unknown) => {
          if (cached) return cached.value;
          throw error;
        },
      )
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
