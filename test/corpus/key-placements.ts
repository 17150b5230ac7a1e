// Puts a key payload (a key path such as ["username", "$ne"] or ["__proto__", "isAdmin"]) where names
// go: query and form parameter names in qs / PHP bracket syntax, nested JSON keys, GraphQL variables.
import type { Encoding, Placement } from './case.js';
import { jsonBody, textBody, type Draft } from './draft.js';
import { escapeMinimal, percentEncodeAll, unicodeEscape } from './encodings.js';
import type { KeySeed } from './seeds.js';

/** `a[b][c]` pairs as qs serialises nested values (arrays of scalars as `name[]`). */
function bracketPairs(name: string, value: unknown): [string, string][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => (typeof item === 'object' && item !== null ? bracketPairs(`${name}[${index}]`, item) : bracketPairs(`${name}[]`, item)));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => bracketPairs(`${name}[${key}]`, item));
  }
  if (typeof value === 'string') return [[name, value]];
  return [[name, typeof value === 'number' || typeof value === 'boolean' ? String(value) : '']];
}

function parameterString(seed: KeySeed, encoding: Encoding): string {
  const name = seed.name ?? `${seed.key[0]!}${seed.key.slice(1).map((part) => `[${part}]`).join('')}`;
  const escape = (text: string, reserved: string): string => (encoding === 'url'
    ? percentEncodeAll(text)
    : escapeMinimal(text, { reserved, spaceAsPlus: true, keepPercentEscapes: true }));
  return bracketPairs(name, seed.value).map(([key, value]) => `${escape(key, '&=#+')}=${escape(value, '&#+')}`).join('&');
}

/** JSON text of the key path around the value; with `unicode-escape` every key's punctuation is a JSON \u escape. */
function nestedJson(seed: KeySeed, encoding: Encoding): string {
  // Hand-written: JSON.stringify cannot emit an own "__proto__" key from an object literal.
  const key = (part: string): string => (encoding === 'unicode-escape' ? `"${unicodeEscape(part, /[A-Za-z0-9]/)}"` : JSON.stringify(part));
  let text = JSON.stringify(seed.value);
  for (let index = seed.key.length - 1; index >= 0; index--) text = `{${key(seed.key[index]!)}:${text}}`;
  return text;
}

/** Whether the encoding changes anything for this key (`constructor.prototype` has nothing to escape). */
export function keyEncodingChanges(seed: KeySeed, encoding: Encoding): boolean {
  if (encoding === 'url') return parameterString(seed, 'url') !== parameterString(seed, 'plain');
  if (encoding === 'unicode-escape') return nestedJson(seed, 'unicode-escape') !== nestedJson(seed, 'plain');
  return encoding !== 'plain';
}

export function placeKey(placement: Placement, seed: KeySeed, encoding: Encoding, variant: number): Draft {
  switch (placement) {
    case 'query-name':
      return { method: 'GET', path: '/api/v1/users', query: variant % 2 === 0 ? `${parameterString(seed, encoding)}&limit=1` : `lang=en&${parameterString(seed, encoding)}` };
    case 'form-name':
      return { method: 'POST', path: '/login', query: '', body: textBody('application/x-www-form-urlencoded', `${parameterString(seed, encoding)}&remember=on`) };
    case 'json-key': {
      const nested = nestedJson(seed, encoding);
      const text = variant % 2 === 0 ? `{"client":"web",${nested.slice(1)}` : `{"user":${nested},"remember":true}`;
      return { method: 'POST', path: variant % 2 === 0 ? '/api/v1/login' : '/api/v1/settings', query: '', body: jsonBody(text) };
    }
    case 'graphql-variables': {
      const query = 'query Users($filter: UserFilter, $first: Int) { users(filter: $filter, first: $first) { id name } }';
      const text = `{"operationName":"Users","query":${JSON.stringify(query)},"variables":{"filter":${nestedJson(seed, encoding)},"first":10}}`;
      return { method: 'POST', path: '/graphql', query: '', body: jsonBody(text) };
    }
    default:
      throw new Error(`placement ${placement} does not take a key`);
  }
}
