// Structured JSON logs (pino) with credentials redacted: headers that carry secrets are censored
// wherever they appear under `req.headers` / `res.headers`, whatever case the caller used.
import { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { BulwarkError } from './errors.js';

export type { Logger } from 'pino';

/** Headers that carry credentials; redacted in every log line (configured names are added to these). */
export const DEFAULT_SENSITIVE_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
];

export interface LoggerOptions {
  /** pino level: trace, debug, info, warn, error, fatal or silent. */
  level: string;
  /** Extra header names to redact, on top of DEFAULT_SENSITIVE_HEADERS. */
  redactHeaders?: readonly string[];
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
}

const CENSOR = '[REDACTED]';
/** RFC 9110 §5.6.2 token: the only characters a header name may contain (and none that break a path). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function createLogger(options: LoggerOptions): Logger {
  const names = sensitiveHeaderNames(options.redactHeaders ?? []);
  const paths = names.flatMap((name) => [`req.headers["${name}"]`, `res.headers["${name}"]`]);
  return pino(
    {
      level: options.level,
      redact: { paths, censor: CENSOR },
      // Serializers run before redaction in pino, so lower-casing header names here means a header
      // logged as `Authorization` is caught by the lower-case redact path too.
      serializers: { req: serializeRequest, res: serializeResponse },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

function sensitiveHeaderNames(extra: readonly string[]): string[] {
  for (const name of extra) {
    if (!HEADER_NAME.test(name)) {
      throw new BulwarkError('CONFIG_INVALID', `redactHeaders: "${name}" is not a valid header name`);
    }
  }
  return [...new Set([...DEFAULT_SENSITIVE_HEADERS, ...extra].map((name) => name.toLowerCase()))];
}

function serializeRequest(value: unknown): unknown {
  // A raw IncomingMessage would dump sockets and buffers; pino's standard serializer picks the fields.
  return withLowerCaseHeaders(value instanceof IncomingMessage ? pino.stdSerializers.req(value) : value);
}

function serializeResponse(value: unknown): unknown {
  return withLowerCaseHeaders(value instanceof ServerResponse ? pino.stdSerializers.res(value as ServerResponse) : value);
}

/** A shallow copy whose `headers` has lower-case names; the caller's objects are never modified. */
function withLowerCaseHeaders(value: unknown): unknown {
  if (!isRecord(value) || !isRecord(value.headers)) return value;
  const headers: Record<string, unknown> = {};
  for (const [name, headerValue] of Object.entries(value.headers)) headers[name.toLowerCase()] = headerValue;
  return { ...value, headers };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
