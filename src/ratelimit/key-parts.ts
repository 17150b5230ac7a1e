// What a limit counts by: the parts of its key, read from the request. A key is the limit's name and
// each part's value, joined: `per-consumer|consumer=acme`. Parts:
//   ip, consumer, api-key (the key id), route, operation, method,
//   header.<name>, query.<name>, path.<param>, claim.<dot.path>, body.<dot.path> (JSON or form body).
// Values are bounded before they become keys (a client chooses them: a 1 MB header must not become a
// 1 MB Redis key) and hashed where they are credentials, so neither Redis nor `bulwark ratelimit
// status` holds a token.
import { createHash } from 'node:crypto';
import type { Consumer } from '../core/types.js';
import { ownValueAt, queryParameter, scalarText } from '../core/request-values.js';
import { isSecretField } from '../detect/evidence.js';

/** What the parts are read from: the gateway's request context, reduced to what a key may use. */
export interface KeySources {
  readonly clientIp: string;
  readonly routeName: string;
  readonly method: string;
  /** `GET /books/{id}` or the operationId, when the route has a document and the request matched it. */
  readonly operation: string | undefined;
  readonly consumer: Consumer | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: string;
  readonly pathParams: Readonly<Record<string, string>>;
  /** The request body's fields, when the body has been read (JSON object or form). */
  readonly body: (() => unknown) | undefined;
}

export type KeyPartReader = (sources: KeySources) => string | undefined;

export interface KeyPart {
  readonly name: string;
  readonly read: KeyPartReader;
  /** Read from the body: the limit must wait for it. */
  readonly needsBody: boolean;
}

const SIMPLE_PARTS: Record<string, KeyPartReader> = {
  ip: (sources) => sources.clientIp || undefined,
  consumer: (sources) => (sources.consumer && sources.consumer.kind !== 'anonymous' ? sources.consumer.id : undefined),
  'api-key': (sources) => {
    const keyId = sources.consumer?.kind === 'api-key' ? sources.consumer.claims?.keyId : undefined;
    return typeof keyId === 'string' ? keyId : undefined;
  },
  route: (sources) => sources.routeName,
  operation: (sources) => sources.operation,
  method: (sources) => sources.method,
};

const PREFIXED = ['header.', 'query.', 'path.', 'claim.', 'body.'] as const;

/** Whether `part` names something a key can be built from; for the config checks. */
export function isKeyPart(part: string): boolean {
  if (Object.hasOwn(SIMPLE_PARTS, part)) return true;
  return PREFIXED.some((prefix) => part.startsWith(prefix) && part.length > prefix.length && part.length <= 128);
}

/**
 * `fold`: compare values as one account (NFKC, trimmed, lower case), so `Alice@Example.com ` and
 * `alice@example.com` share a flow's per-account limit instead of each getting their own.
 */
export function compileKeyPart(part: string, options: { fold?: boolean } = {}): KeyPart {
  const compiled = compileRawKeyPart(part);
  if (!options.fold) return compiled;
  return { ...compiled, read: (sources) => compiled.read(sources)?.normalize('NFKC').trim().toLowerCase() || undefined };
}

function compileRawKeyPart(part: string): KeyPart {
  const simple = Object.hasOwn(SIMPLE_PARTS, part) ? SIMPLE_PARTS[part] : undefined;
  if (simple) return { name: part, read: simple, needsBody: false };
  const dot = part.indexOf('.');
  const source = part.slice(0, dot);
  const name = part.slice(dot + 1);
  switch (source) {
    case 'header': {
      const header = name.toLowerCase();
      const isSecret = isSecretField({ kind: 'header', name: header, isName: false });
      return { name: part, needsBody: false, read: (sources) => bounded(firstOf(sources.headers[header]), isSecret) };
    }
    case 'query': {
      const isSecret = isSecretField({ kind: 'query', name, isName: false });
      return { name: part, needsBody: false, read: (sources) => bounded(queryParameter(sources.query, name), isSecret) };
    }
    case 'path':
      return { name: part, needsBody: false, read: (sources) => bounded(Object.hasOwn(sources.pathParams, name) ? sources.pathParams[name] : undefined, false) };
    case 'claim': {
      const path = name.split('.');
      return { name: part, needsBody: false, read: (sources) => bounded(scalarText(ownValueAt(sources.consumer?.claims, path)), false) };
    }
    case 'body': {
      const path = name.split('.');
      const isSecret = isSecretField({ kind: 'body', name: path.at(-1) ?? name, isName: false });
      return { name: part, needsBody: true, read: (sources) => bounded(scalarText(ownValueAt(sources.body?.(), path)), isSecret) };
    }
    default:
      throw new Error(`unknown rate-limit key part "${part}"`);
  }
}

/** Longest value kept as it is; longer ones are hashed (keys stay short, and still tell values apart). */
const MAX_VALUE_LENGTH = 128;

function bounded(value: string | undefined, isSecret: boolean): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (isSecret || value.length > MAX_VALUE_LENGTH) return `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 24)}`;
  // `|` and `=` separate parts in the key: escaped, so no value can pose as another part.
  return value.replace(/[%|=]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
