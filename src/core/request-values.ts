// Reading one value out of what a client sent, the same way everywhere a rule or key names it
// (access object rules, rate-limit keys, consumer claims): a query parameter by name, a value at a
// dot path of own properties only (so a path can never reach a prototype), and scalars as text.

/**
 * The first value of query parameter `name` (`+` as space, percent-decoded); undefined when absent
 * or when a pair before it cannot be decoded (a request that garbles its query gets no value).
 */
export function queryParameter(query: string, name: string): string | undefined {
  if (query === '') return undefined;
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    try {
      if (decodeURIComponent(key.replace(/\+/g, ' ')) === name) return decodeURIComponent((equals === -1 ? '' : pair.slice(equals + 1)).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The value at `segments` through own properties of nested objects; undefined as soon as one is missing. */
export function ownValueAt(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Strings, numbers and booleans as text; anything else (objects, arrays, null) has none. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
