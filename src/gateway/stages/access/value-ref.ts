// Reads the values object-level rules compare: `path.<param>`, `query.<param>`, `header.<name>`,
// `body.<dot.path>` (JSON bodies), `claim.<dot.path>` and `consumer.id`. Own properties only, so a
// reference can never reach a prototype; an absent value is undefined and fails the rule.
import type { IncomingHttpHeaders } from 'node:http';
import { ownValueAt, queryParameter } from '../../../core/request-values.js';
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
      return ownValueAt(sources.path, [name]);
    case 'query':
      return queryParameter(sources.query, name);
    case 'header': {
      const value = sources.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    }
    case 'body': {
      const parsed = sources.body?.();
      return parsed?.ok ? ownValueAt(parsed.value, name.split('.')) : undefined;
    }
    case 'claim':
      return sources.consumer?.claims ? ownValueAt(sources.consumer.claims, name.split('.')) : undefined;
    case 'consumer':
      return name === 'id' ? sources.consumer?.id : undefined;
    default:
      return undefined;
  }
}
