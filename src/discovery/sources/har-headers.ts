// HAR header and cookie lists (HAR 1.2 `headers[]`, `cookies[]`) as one lowercase-name record, the
// way an HTTP server would see them; malformed items are left out rather than failing the entry.

/** HAR objects are read as loose records: any key may be missing or of the wrong type. */
export type Loose = Readonly<Record<string, unknown>>;

export function asLoose(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

/** `[{name, value}]` pairs whose name and value are strings, in order. */
export function namedPairs(list: unknown): [string, string][] {
  if (!Array.isArray(list)) return [];
  const pairs: [string, string][] = [];
  for (const item of list as unknown[]) {
    const pair = asLoose(item);
    if (pair !== undefined && typeof pair.name === 'string' && typeof pair.value === 'string') pairs.push([pair.name, pair.value]);
  }
  return pairs;
}

// RFC 9110 §5.3 joins repeated fields with ", "; Cookie uses "; " (RFC 6265 §5.4); Set-Cookie cannot be
// joined at all (its values contain commas), so its values are kept one per line.
const SEPARATORS: ReadonlyMap<string, string> = new Map([['cookie', '; '], ['set-cookie', '\n']]);

/**
 * Headers by lowercase name. HTTP/2 and HTTP/3 pseudo-headers are dropped, except `:authority`,
 * which stands for Host (RFC 9113 §8.3.1). `cookies` fill in the Cookie / Set-Cookie header when the
 * recorder listed them only there (some exporters strip the header and keep the parsed list).
 */
export function harHeaders(list: unknown, cookies: unknown, cookieHeader: 'cookie' | 'set-cookie'): Record<string, string> {
  // A Map, not an object, while building: a header named `constructor` must not find Object's.
  const headers = new Map<string, string>();
  let authority: string | undefined;
  for (const [rawName, value] of namedPairs(list)) {
    const name = rawName.toLowerCase();
    if (name === ':authority') authority ??= value;
    if (name.startsWith(':') || name === '') continue;
    const existing = headers.get(name);
    headers.set(name, existing === undefined ? value : `${existing}${SEPARATORS.get(name) ?? ', '}${value}`);
  }
  if (!headers.has('host') && authority !== undefined) headers.set('host', authority);
  if (!headers.has(cookieHeader)) {
    const fromList = namedPairs(cookies).map(([name, value]) => `${name}=${value}`);
    if (fromList.length > 0) headers.set(cookieHeader, fromList.join(SEPARATORS.get(cookieHeader)));
  }
  // fromEntries defines own properties, so even `__proto__` stays an ordinary header name.
  return Object.fromEntries(headers);
}
