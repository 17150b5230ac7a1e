// Classifies one decoded path segment by shape: id-like values, versions, words, or shapeless text.
import { isWordSegment } from './word-list.js';

export const SEGMENT_KINDS = [
  'integer', 'uuid', 'object-id', 'ulid', 'hex', 'high-entropy', 'date', 'email', 'mixed', 'opaque',
  'version', 'word', 'literal',
] as const;

export type SegmentKind = typeof SEGMENT_KINDS[number];

/** Kinds that make a segment a parameter at once: nobody names an endpoint `42` or a UUID. */
const ID_KINDS: ReadonlySet<SegmentKind> = new Set<SegmentKind>([
  'integer', 'uuid', 'object-id', 'ulid', 'hex', 'high-entropy', 'date', 'email', 'mixed', 'opaque',
]);

export function isIdShape(kind: SegmentKind): boolean {
  return ID_KINDS.has(kind);
}

// Every pattern is anchored with bounded repeats and no nested quantifier: linear on any input.
const INTEGER = /^-?\d{1,40}$/;
const COMPACT_DATE = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/;
const DATE_TIME = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d\d:?\d\d)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
// Crockford base32, 48-bit time first: the leading character is at most 7.
const ULID = /^[0-7][0-9a-hjkmnp-tv-z]{25}$/i;
const HEX = /^[0-9a-f]{16,256}$/i;
// v1, v2.1, v1.0.3, v1beta1, v2alpha; and bare 1.0 / 2.1.3.
const VERSION = /^v\d{1,4}(?:\.\d{1,4}){0,2}(?:[a-z]{1,8}\d{0,4})?$/i;
const DOTTED_VERSION = /^\d{1,4}\.\d{1,4}(?:\.\d{1,4})?$/;
const EMAIL = /^[^\s@/]{1,64}@[^\s@/]{1,253}$/;
const TOKEN_CHARS = /^[A-Za-z0-9._~+=:-]{1,512}$/;
const SPACE = /\s/u;
const DIGIT = /\d/;

/** The segment must already be percent-decoded. Order matters: the first matching kind wins. */
export function classifySegment(segment: string): SegmentKind {
  if (segment.length === 0) return 'literal';
  if (segment.length > 256 || isText(segment)) return 'opaque';
  if (INTEGER.test(segment)) return COMPACT_DATE.test(segment) ? 'date' : 'integer';
  if (DATE.test(segment) || DATE_TIME.test(segment)) return 'date';
  const fixed = fixedWidthId(segment);
  if (fixed !== undefined) return fixed;
  if (VERSION.test(segment) || DOTTED_VERSION.test(segment)) return 'version';
  if (EMAIL.test(segment) && segment.includes('.', segment.indexOf('@'))) return 'email';
  if (isWordSegment(segment)) return 'word';
  if (!TOKEN_CHARS.test(segment)) return 'literal';
  if (isHighEntropy(segment)) return 'high-entropy';
  // Letters with digits (`a1b2c3`, `INV-2024-0001`) or digits with separators (`192.168.0.1`).
  if (DIGIT.test(segment)) return 'mixed';
  return 'literal';
}

/** Whitespace or controls: a free-text value (`/search/blue shoes`), never an endpoint name. */
function isText(segment: string): boolean {
  if (SPACE.test(segment)) return true;
  for (let index = 0; index < segment.length; index++) {
    const code = segment.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function fixedWidthId(segment: string): SegmentKind | undefined {
  if (UUID.test(segment)) return 'uuid';
  if (OBJECT_ID.test(segment)) return 'object-id';
  if (ULID.test(segment)) return 'ulid';
  if (HEX.test(segment)) return 'hex';
  return undefined;
}

const MIN_ENTROPY_LENGTH = 16;
const MIN_ENTROPY_RATIO = 0.75;
const MIN_CLASS_CHANGES = 0.35;

const enum CharClass { Upper, Lower, Digit, Other }

function charClass(code: number): CharClass {
  if (code >= 65 && code <= 90) return CharClass.Upper;
  if (code >= 97 && code <= 122) return CharClass.Lower;
  return code >= 48 && code <= 57 ? CharClass.Digit : CharClass.Other;
}

/** Reused between calls (classification is synchronous): TOKEN_CHARS has let through ASCII only. */
const charCounts = new Uint16Array(128);

/**
 * Random tokens (API keys, Stripe-like ids, base64url, JWTs) are long, use many distinct
 * characters (Shannon entropy near log2 of the length) and hop between upper case, lower case and
 * digits on every other character (about 62% of the time for base62). Slugs and dated names
 * (`report-2024-01-31`) change class rarely: they stay `mixed`, an id all the same.
 */
function isHighEntropy(segment: string): boolean {
  if (segment.length < MIN_ENTROPY_LENGTH) return false;
  const classes = [0, 0, 0, 0];
  let changes = 0;
  let previous = CharClass.Other;
  for (let index = 0; index < segment.length; index++) {
    const code = segment.charCodeAt(index);
    charCounts[code]!++;
    const current = charClass(code);
    classes[current]!++;
    if (current === CharClass.Other) continue; // separators say nothing: compare the characters around them
    if (previous !== CharClass.Other && current !== previous) changes++;
    previous = current;
  }
  const bits = shannonBits(segment);
  const [upper = 0, lower = 0, digits = 0] = classes;
  const letters = upper + lower;
  const evenCase = letters > 0 && Math.min(upper, lower) / letters >= 0.25;
  if (digits === 0 && !evenCase) return false;
  if (changes / Math.max(1, letters + digits - 1) < MIN_CLASS_CHANGES) return false;
  return bits >= MIN_ENTROPY_RATIO * Math.log2(segment.length);
}

/** Reads and clears charCounts. */
function shannonBits(segment: string): number {
  let bits = 0;
  for (let index = 0; index < segment.length; index++) {
    const code = segment.charCodeAt(index);
    const count = charCounts[code]!;
    if (count === 0) continue;
    const p = count / segment.length;
    bits -= p * Math.log2(p);
    charCounts[code] = 0;
  }
  return bits;
}

const VERSION_PARENTS: ReadonlySet<string> = new Set(['api', 'apis', 'rest']);

/**
 * Kind in the path. Right after `/api` (Shopify's `/admin/api/2024-01/`) or first in the path
 * (`/2/tweets`), a short number or a date is an API version, not an id. A version-shaped segment is
 * an API version only where versions live: in the first two segments (`/v1`, `/storage/v1`), after
 * `/api`, or where nothing names the position (after a parameter). Deeper, under a named
 * collection, it is a value like any other: a release tag (`/releases/tags/v1.2.0`) or a branch
 * named after a version (`/branches/v1.1`), so it is a shapeless literal, merged on evidence.
 */
export function classifyInContext(segment: string, previous: string | undefined, depth: number): SegmentKind {
  const kind = classifySegment(segment);
  const isVersionParent = previous !== undefined && VERSION_PARENTS.has(previous.toLowerCase());
  if (kind === 'version') return depth <= 1 || previous === undefined || isVersionParent ? kind : 'literal';
  if (kind !== 'integer' && kind !== 'date') return kind;
  if (depth !== 0 && !isVersionParent) return kind;
  return kind === 'date' || segment.length <= 2 ? 'version' : kind;
}
