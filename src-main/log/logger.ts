// Structured logger: pino underneath (JSON lines on stderr, levels, child scopes, path redaction),
// behind the small `Logger` interface every module already uses. Redaction happens here, once:
// secret-looking keys are censored by pino's `redact`, and every value registered with
// `addSecret` is cut out of the finished line, wherever it sits (message, field, stack, cause).
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

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

export const REDACTED = '[redacted]';

/**
 * Secret-named fields, censored by pino's `redact` at the top level and one level down (`{ token }`,
 * `{ error: { token } }`), plus request headers where HTTP clients keep credentials. Deeper
 * wildcards cost pino a full walk per line (measured 3-7x per line), and the value registry below
 * already catches every registered secret at any depth.
 */
const SECRET_KEYS = [
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'apiToken',
  'botToken',
  'clientSecret',
  'client_secret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'codeVerifier',
  'code_verifier',
];
const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  ...['authorization', 'cookie', '["set-cookie"]'].flatMap((header) => {
    const leaf = header.startsWith('[') ? header : `.${header}`;
    return [`headers${leaf}`, `*.headers${leaf}`, `*.*.headers${leaf}`];
  }),
];

/** Pino writes these itself; a field of the same name would make a line with duplicate keys. */
const RESERVED_KEYS = new Set(['level', 'time', 'scope', 'msg']);
const MAX_DEPTH = 8;

class SecretRegistry {
  /** Each value with the forms it takes inside a JSON line (escaped quotes, backslashes...). */
  private readonly forms = new Map<string, string[]>();
  add(value: string): void {
    // Very short values would redact ordinary words; real tokens are long.
    if (value.length < 8 || this.forms.has(value)) return;
    const escaped = JSON.stringify(value).slice(1, -1);
    this.forms.set(value, escaped === value ? [value] : [escaped, value]);
  }
  scrub(line: string): string {
    let out = line;
    for (const forms of this.forms.values())
      for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }
}

/**
 * Errors keep what JSON.stringify drops (name, message and stack are not enumerable) and their
 * `cause` chain, even when a cause is not an Error. pino's own err serializer covers only the
 * `err` key and skips non-Error causes, so errors are turned into plain objects here, wherever
 * they sit among the fields.
 */
function plain(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (seen.has(value)) return '[Circular]';
  if (depth > MAX_DEPTH) return '[…]';
  if (value instanceof Date) return value.toISOString();
  seen.add(value);
  try {
    if (value instanceof Error) return plainError(value, seen, depth);
    if (Array.isArray(value)) return value.map((item) => plain(item, seen, depth + 1));
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = plain(inner, seen, depth + 1);
    return out;
  } finally {
    seen.delete(value);
  }
}

function plainError(error: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: error.name,
    message: error.message,
    stack: error.stack,
  };
  for (const [key, inner] of Object.entries(error)) {
    if (!(key in out)) out[key] = plain(inner, seen, depth + 1);
  }
  if (error instanceof AggregateError) out['errors'] = plain(error.errors, seen, depth + 1);
  if ('cause' in error && error.cause !== undefined)
    out['cause'] = plain(error.cause, seen, depth + 1);
  return out;
}

function prepareFields(fields: LogFields | undefined): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  const seen = new WeakSet<object>();
  for (const [key, value] of Object.entries(fields)) {
    out[RESERVED_KEYS.has(key) ? `field_${key}` : key] = plain(value, seen, 1);
  }
  return out;
}

/** Hands each finished line to in-process sinks as a parsed record (tests, a UI log view). */
function sinkDestination(sinks: readonly LogSink[]): DestinationStream {
  return {
    write(line: string) {
      const record = JSON.parse(line) as LogRecord;
      for (const sink of sinks) sink(record);
    },
  };
}

export interface LoggerOptions {
  level?: LogLevel;
  /** In-process receivers instead of stderr; `[]` drops everything. */
  sinks?: LogSink[];
}

export function createLogger(scope = 'gitguild', options: LoggerOptions = {}): Logger {
  const secrets = new SecretRegistry();
  const sinks = options.sinks;
  const root = pino(
    {
      level: sinks?.length === 0 ? 'silent' : (options.level ?? 'info'),
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: (line) => secrets.scrub(line) },
    },
    // process.stderr, as before: it copes with a missing console (a GUI app on Windows), fd 2 may not.
    sinks ? sinkDestination(sinks) : process.stderr,
  );
  const make = (name: string): Logger => {
    const log: PinoLogger = root.child({ scope: name });
    const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
      if (!log.isLevelEnabled(level)) return;
      log[level](prepareFields(fields), msg);
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

/** Writes a record as one JSON line on stderr (the default without sinks does the same). */
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
