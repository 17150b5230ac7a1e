// Reads the values object-level rules compare: `path.<param>`, `query.<param>`, `header.<name>`,
// `body.<dot.path>` (JSON bodies), `claim.<dot.path>` and `consumer.id`. Own properties only, so a
// reference can never reach a prototype; an absent value is undefined and fails the rule.
import type { IncomingHttpHeaders } from 'node:http';
import type { Consumer } from '../../../core/types.js';

export interface ValueSources {
  readonly path: Readonly<Record<string, string>>;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: (() => { ok: true; value: unknown } | { ok: false; error: string }) | undefined;
  readonly consumer: Consumer | undefined;
}

export function readValue(ref: string, sources: ValueSources): unknown {
  const dot = ref.indexOf('.');
  const source = ref.slice(0, dot);
  const name = ref.slice(dot + 1);
  switch (source) {
    case 'path':
      return ownValue(sources.path, name);
    case 'query':
      return queryValue(sources.query, name);
    case 'header': {
      const value = sources.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    }
    case 'body': {
      const parsed = sources.body?.();
      return parsed?.ok ? valueAt(parsed.value, name) : undefined;
    }
    case 'claim':
      return sources.consumer?.claims ? valueAt(sources.consumer.claims, name) : undefined;
    case 'consumer':
      return name === 'id' ? sources.consumer?.id : undefined;
    default:
      return undefined;
  }
}

function queryValue(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    try {
      if (decodeURIComponent(key.replace(/\+/g, ' ')) === name) return decodeURIComponent(pair.slice(equals + 1).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const segment of path.split('.')) value = ownValue(value, segment);
  return value;
}

function ownValue(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
