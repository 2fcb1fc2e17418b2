// Structured logger. Redaction happens here, once: known secret values and secret-looking keys
// never reach a sink, whatever a call site passes in.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface LogRecord {
  time: string;
  level: LogLevel;
  scope: string;
  msg: string;
  [field: string]: unknown;
}

export type LogSink = (record: LogRecord) => void;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(scope: string): Logger;
  /** Registers a secret value; from now on it is replaced by `[redacted]` wherever it appears. */
  addSecret(value: string): void;
}

const SECRET_KEY = /(token|secret|password|authorization|cookie|client_secret|refresh)/i;
const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
export const REDACTED = '[redacted]';

class SecretRegistry {
  private readonly values = new Set<string>();
  add(value: string): void {
    // Very short values would redact ordinary words; real tokens are long.
    if (value.length >= 8) this.values.add(value);
  }
  scrub(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join(REDACTED);
    return out;
  }
}

function redactValue(value: unknown, secrets: SecretRegistry, depth = 0): unknown {
  if (typeof value === 'string') return secrets.scrub(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: secrets.scrub(value.message),
      ...redactObject(value, secrets, depth),
    };
  }
  if (Array.isArray(value))
    return depth > 6 ? '[…]' : value.map((v) => redactValue(v, secrets, depth + 1));
  if (value && typeof value === 'object')
    return depth > 6 ? '[…]' : redactObject(value, secrets, depth);
  return value;
}

function redactObject(
  value: object,
  secrets: SecretRegistry,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && inner != null && inner !== ''
        ? REDACTED
        : redactValue(inner, secrets, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  level?: LogLevel;
  sinks?: LogSink[];
}

export function createLogger(scope = 'gitguild', options: LoggerOptions = {}): Logger {
  const secrets = new SecretRegistry();
  const sinks = options.sinks ?? [stderrSink];
  const min = LEVEL_ORDER[options.level ?? 'info'];
  const make = (name: string): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
      if (LEVEL_ORDER[level] < min) return;
      const record: LogRecord = {
        ...(fields ? redactObject(fields, secrets, 0) : {}),
        time: new Date().toISOString(),
        level,
        scope: name,
        msg: secrets.scrub(msg),
      };
      for (const sink of sinks) sink(record);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (child) => make(`${name}:${child}`),
      addSecret: (value) => secrets.add(value),
    };
  };
  return make(scope);
}

export const stderrSink: LogSink = (record) => {
  process.stderr.write(`${JSON.stringify(record)}\n`);
};

/** A sink that keeps records in memory, for tests and the UI's recent-log view. */
export function memorySink(limit = 1000): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const sink = ((record: LogRecord) => {
    records.push(record);
    if (records.length > limit) records.shift();
  }) as LogSink & { records: LogRecord[] };
  sink.records = records;
  return sink;
}

/** A logger that drops everything: for pure unit tests that do not look at logs. */
export const silentLogger: Logger = createLogger('silent', { sinks: [] });
