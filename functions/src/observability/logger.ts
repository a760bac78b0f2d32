/**
 * A small structured logger: one JSON object per line on stdout, which CloudWatch Logs Insights
 * indexes field by field. It replaces Powertools Logger on purpose (docs/adr/0021-structured-logging.md):
 * no dependency, a few hundred bytes in every bundle, nothing to initialise at cold start.
 */

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line, e.g. the request id or the tenant. */
  child(fields: LogFields): Logger;
  readonly level: LogLevel;
}

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  /** Fields on every line. */
  fields?: LogFields;
  /** Where lines go; stdout by default. Tests pass an array's push. */
  write?: (line: string) => void;
  now?: () => Date;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Lambda's advanced logging controls set AWS_LAMBDA_LOG_LEVEL (TRACE…FATAL); LOG_LEVEL wins locally.
 * Unknown values fall back to info rather than silencing the logs.
 */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = (env.LOG_LEVEL ?? env.AWS_LAMBDA_LOG_LEVEL ?? "info").toLowerCase();
  if (raw === "trace") return "debug";
  if (raw === "fatal") return "error";
  return (LOG_LEVELS as readonly string[]).includes(raw) ? (raw as LogLevel) : "info";
}

/** Errors do not serialise with JSON.stringify; keep name, message, stack and a cause chain. */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const serialized: LogFields = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) serialized.code = code;
  if (error.cause !== undefined && depth < 3) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return serializeError(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? logLevelFromEnv();
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const base: LogFields = { service: options.service, ...options.fields };

  const emit = (lineLevel: LogLevel, message: string, fields?: LogFields) => {
    if (rank[lineLevel] < rank[level]) return;
    const entry = { timestamp: now().toISOString(), level: lineLevel, message, ...base, ...fields };
    let line: string;
    try {
      line = JSON.stringify(entry, jsonReplacer);
    } catch (error) {
      // A circular structure must not turn a log call into a crash.
      line = JSON.stringify({
        timestamp: entry.timestamp,
        level: lineLevel,
        message,
        ...base,
        logError: String(error),
      });
    }
    write(line);
  };

  return {
    level,
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => createLogger({ ...options, level, fields: { ...options.fields, ...fields } }),
  };
}

/** The subset of the Lambda context the logger reads. */
export interface LambdaContextLike {
  awsRequestId: string;
  functionName?: string;
}

/** The per-invocation logger of a Lambda handler: every line carries the request id. */
export function invocationLogger(logger: Logger, context: LambdaContextLike | undefined): Logger {
  return context ? logger.child({ requestId: context.awsRequestId }) : logger;
}
