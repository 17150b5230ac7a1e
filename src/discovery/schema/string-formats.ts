// Which JSON Schema formats every string seen at a location satisfies, as a bitmask that only shrinks.
// The checks are ajv-formats' own ("full" mode), the validators the contract stage enforces the exported
// schema with, so an inferred format never rejects the values it was learned from.
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isPlainDate, isPlainDateTime, isPlainUri } from './format-fast-paths.js';

/** Inferred formats, in the order one is chosen when several remain (urn:uuid: values are uuids before uris). */
export const INFERRED_FORMATS = ['uuid', 'date-time', 'date', 'time', 'email', 'ipv4', 'ipv6', 'uri'] as const;
export type InferredFormat = (typeof INFERRED_FORMATS)[number];

export const ALL_FORMATS = (1 << INFERRED_FORMATS.length) - 1;

type Check = (text: string) => boolean;

/** ajv-formats stores a format as a RegExp, a function, or { validate } holding either. */
function ajvCheck(name: InferredFormat): Check {
  const format: unknown = fullFormats[name];
  const validate: unknown = typeof format === 'object' && format !== null && 'validate' in format ? format.validate : format;
  if (validate instanceof RegExp) return (text) => validate.test(text);
  if (typeof validate === 'function') return (text) => (validate as Check)(text) === true;
  throw new Error(`ajv-formats has no validator for ${name}`);
}

const CHAR_0 = 48;
const CHAR_9 = 57;
const isDigitAt = (text: string, index: number): boolean => {
  const code = text.charCodeAt(index);
  return code >= CHAR_0 && code <= CHAR_9;
};

/**
 * Cheap shape tests run before ajv's: they skip most non-matching strings without a regex, and the
 * length caps bound the backtracking of ajv-formats' regular expressions (uri, email, ipv6 are not
 * linear-time on hostile input; capped, their worst case measured tens of microseconds, once per
 * location since a failed format is never tested again there).
 */
const PRECHECKS: Record<InferredFormat, Check> = {
  uuid: (text) => text.length === 36 || text.length === 45,
  'date-time': (text) => text.length >= 20 && text.length <= 64 && text.charCodeAt(4) === 45 && isDigitAt(text, 0),
  date: (text) => text.length === 10 && text.charCodeAt(4) === 45 && isDigitAt(text, 0),
  time: (text) => text.length >= 9 && text.length <= 40 && text.charCodeAt(2) === 58 && isDigitAt(text, 0),
  email: (text) => text.length >= 3 && text.length <= 254 && text.includes('@'),
  ipv4: (text) => text.length >= 7 && text.length <= 15 && isDigitAt(text, 0),
  ipv6: (text) => text.length >= 2 && text.length <= 45 && text.includes(':'),
  // ajv accepts any "scheme:rest" (so "user:42" or "fe80::1" would pass): inference also asks for an
  // authority or a scheme that is used without one, so identifiers with colons are not called uris.
  uri: (text) => text.length <= 2048 && (text.includes('://') || text.startsWith('urn:') || text.startsWith('mailto:') || text.startsWith('tel:')),
};

/** Acceptors of the common shapes, tried before ajv's check: a subset of what it accepts, without its regex captures. */
const FAST_PATHS: Partial<Record<InferredFormat, Check>> = { 'date-time': isPlainDateTime, date: isPlainDate, uri: isPlainUri };

const CHECKS: readonly Check[] = INFERRED_FORMATS.map((name) => {
  const precheck = PRECHECKS[name];
  const check = ajvCheck(name);
  const fast = FAST_PATHS[name];
  return fast === undefined ? (text: string) => precheck(text) && check(text) : (text: string) => precheck(text) && (fast(text) || check(text));
});

/** The formats of `candidates` that `text` satisfies. */
export function matchFormats(text: string, candidates: number): number {
  let remaining = candidates;
  for (let bit = 0; remaining !== 0 && bit < CHECKS.length; bit++) {
    const flag = 1 << bit;
    if ((remaining & flag) !== 0 && !CHECKS[bit]!(text)) remaining &= ~flag;
  }
  return remaining;
}

/** The format to emit for a mask: the first of INFERRED_FORMATS still in it. */
export function chooseFormat(mask: number): InferredFormat | undefined {
  for (let bit = 0; bit < INFERRED_FORMATS.length; bit++) {
    if ((mask & (1 << bit)) !== 0) return INFERRED_FORMATS[bit];
  }
  return undefined;
}

/** Names for persisted state: stable even if bits are renumbered. */
export function formatNames(mask: number): InferredFormat[] {
  return INFERRED_FORMATS.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

/** Reads names back; unknown names are dropped (a newer version's format is simply not claimed). */
export function formatMask(names: readonly string[]): number {
  let mask = 0;
  for (const name of names) {
    const bit = (INFERRED_FORMATS as readonly string[]).indexOf(name);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}
