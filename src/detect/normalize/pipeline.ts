// The forms of one field value the detectors inspect: the value decoded the way a backend might
// decode it (fully, through every layer an attacker can stack), and the text of a base64 payload.
//
//   value ─┬─ overlong UTF-8 + %-decoding (repeated) ─ HTML entities ─ JS escapes ─ Unicode fold (NFKC) ─┐
//          │     ^──────────────────────────────────────────────────────────── (up to 3 passes, while it changes)
//          │   ─ C0 controls removed ────────────────────────────────────────────────────────────► form 1 (always)
//          ├─ the same without JS escapes, when `\b` `\t` `\n`... were decoded (Windows paths) ──────────► form 2
//          └─ base64 text of the value or of form 1, through the same chain ─────────────────────► more forms
//
// Case folding, SQL comment removal and path canonicalisation are not applied here: each detector
// applies what its grammar needs (a comment or a `../` is evidence too).
import type { FieldSource } from '../field.js';
import { CHAR, profileOf } from '../text-profile.js';
import { decodeBase64, isShortBase64TextStart, startsLikeBase64Text } from './base64.js';
import { decodeHtmlEntities } from './html-entities.js';
import { decodeJsEscapes } from './js-escapes.js';
import { removeNullBytes } from './null-bytes.js';
import { decodeOverlongUtf8 } from './overlong-utf8.js';
import { foldUnicode } from './unicode-fold.js';
import { MAX_URL_DECODE_ROUNDS, percentDecodeOnce } from './url-decode.js';

/**
 * Module-level aliases of the normalisers. Under a CommonJS transform (tsx loading the engine from a
 * CommonJS entry) each use of an imported binding runs two getters, ~15 ns: as much as the whole fast
 * path below. A local binding costs nothing in either module system.
 */
const toBase64Text = decodeBase64;
const mayBeBase64Text = startsLikeBase64Text;
const isShortTextStart = isShortBase64TextStart;
const entities = decodeHtmlEntities;
const jsEscapes = decodeJsEscapes;
const controls = removeNullBytes;
const overlong = decodeOverlongUtf8;
const fold = foldUnicode;
const percentOnce = percentDecodeOnce;
const URL_ROUNDS = MAX_URL_DECODE_ROUNDS;
const profileOfText = profileOf;

/**
 * Forms per value at most: decoded, decoded but for JS escapes (see addDecodedForms), and the base64
 * text of the raw or decoded value.
 */
export const MAX_INSPECTION_FORMS = 4;
/** Passes of the whole chain: entities can hide percent-encoding and the reverse (`&#37;27`, `%26%2339;`). */
export const MAX_DECODE_PASSES = 3;

/**
 * Values no normaliser changes: printable ASCII, tab, LF and CR, without `%`, `&` or `\`, and without
 * `+` in a query string or form body (a space there). Most values are that, and one regex test (native
 * code, one pass) settles it for a long value faster than any loop in JavaScript. In each regex the
 * first class (the base64 alphabet) and the second (the rest of the set) are disjoint, so matching is
 * deterministic and linear, and every quiet value matches whatever mix of the two it holds.
 */
const QUIET = /^[A-Za-z0-9+/=_-]*(?:[\t\n\r\x20-\x24\x27-\x2a\x2c\x2e\x3a-\x3c\x3e-\x40\x5b\x5d\x5e\x60\x7b-\x7e][\t\n\r\x20-\x24\x27-\x5b\x5d-\x7e]*)?$/;
const QUIET_WITHOUT_PLUS = /^[A-Za-z0-9/=_-]*(?:[\t\n\r\x20-\x24\x27-\x2a\x2c\x2e\x3a-\x3c\x3e-\x40\x5b\x5d\x5e\x60\x7b-\x7e][\t\n\r\x20-\x24\x27-\x2a\x2c-\x5b\x5d-\x7e]*)?$/;
/** One scan for what foldUnicode (non-ASCII) and removeNullBytes (C0 controls) look for. */
// eslint-disable-next-line no-control-regex -- control characters are what removeNullBytes drops
const NEEDS_FOLD_OR_STRIP = /[\x00-\x08\x0b\x0c\x0e-\x1f\u0080-\uffff]/;
const NON_ASCII = /[\u0080-\uffff]/;
/**
 * What decodeHtmlEntities can change: a numeric reference, a name ended by `;`, or one of the legacy
 * names that need none. A query string in a value (`?a=1&utm_source=x`) has none of them, and the
 * replace with a callback costs more than this test.
 */
const ENTITY = /&(?:#|[A-Za-z]{2,16};|quot|amp|lt|gt)/i;

/**
 * The distinct strings detectors should see for `value`, the fully decoded form first (the value
 * itself when nothing decodes, so `form !== value` tells a decoded match). A base64 form follows when
 * the raw or decoded value is base64 of text; a JSON cursor or a JWT segment decodes to JSON and is
 * inspected as such, which is fine: its claims are input too. A whole JWT (`a.b.c`) is not decoded.
 */
export function inspectionForms(value: string, source: FieldSource): readonly string[] {
  const isPlusSpace = source === 'query' || source === 'form';
  const isShort = value.length <= SHORT_VALUE;
  let quiet: number;
  if (isShort) {
    quiet = shortQuietness(value);
    if (quiet >= PLUS) quiet = isPlusSpace ? LOUD_VALUE : quiet & ~PLUS;
  } else quiet = (isPlusSpace ? QUIET_WITHOUT_PLUS : QUIET).test(value) ? QUIET_MIXED : LOUD_VALUE;
  if (quiet === LOUD_VALUE) return decodedForms(value, source);
  // Nothing decodes; only base64 (or a base64 data URI) can still hide a second form.
  const mayBeBase64 = isShort
    ? quiet === QUIET_ALPHABET && isShortTextStart(value) && mayBeBase64Text(value)
    : mayBeBase64Text(value);
  return mayBeBase64 ? withBase64Form(value) : [value];
}

/**
 * Values up to this length are classified by a loop here rather than by QUIET: the regex call costs
 * more than the loop on a short id or key, and the loop tells the base64 alphabet apart on the way.
 */
const SHORT_VALUE = 16;
/**
 * shortQuietness: something decodes; quiet and only the base64 alphabet; quiet with other characters
 * too; and PLUS added when a `+` was seen (quiet unless the source reads it as a space).
 */
const LOUD_VALUE = 0;
const QUIET_ALPHABET = 1;
const QUIET_MIXED = 2;
const PLUS = 4;

/** Per ASCII code: QUIET_ALPHABET, QUIET_MIXED, LOUD_VALUE, or for `+` PLUS | QUIET_ALPHABET, by QUIET's classes. */
const QUIET_CLASS = Uint8Array.from({ length: 128 }, (_, code) => {
  const character = String.fromCharCode(code);
  if (character === '+') return PLUS | QUIET_ALPHABET;
  if (!QUIET.test(character)) return LOUD_VALUE;
  return /^[A-Za-z0-9/=_-]$/.test(character) ? QUIET_ALPHABET : QUIET_MIXED;
});

function shortQuietness(value: string): number {
  let kind = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    const type = code < 128 ? (QUIET_CLASS[code] as number) : LOUD_VALUE;
    if (type === LOUD_VALUE) return LOUD_VALUE;
    kind |= type;
  }
  // QUIET_MIXED wins over QUIET_ALPHABET; an empty value is alphabet (and too short for base64).
  return (kind & QUIET_MIXED) !== 0 ? QUIET_MIXED | (kind & PLUS) : QUIET_ALPHABET | (kind & PLUS);
}

/**
 * inspectionForms, and the CHAR profile (text-profile.ts) of every form: `profiles[i]` is
 * profileOf(forms[i]) for each i below forms.length (entries past it are left as they were: the array
 * is the caller's, reused from value to value). Meant for the engine, which otherwise scans every form
 * again for its profile: here the one scan that tells whether anything decodes yields the value's
 * profile, and for the common value that decodes to nothing nothing else is scanned. `knownProfile`
 * is the value's profile when the caller has it (an extractor that scanned the value), -1 otherwise.
 */
export function profiledInspectionForms(value: string, source: FieldSource, profiles: number[], knownProfile = -1): readonly string[] {
  const profile = knownProfile >= 0 ? knownProfile : valueProfile(value);
  const isPlusSpace = source === 'query' || source === 'form';
  let forms: readonly string[];
  if ((profile & LOUD) === 0 && !(isPlusSpace && (profile & OTHER_BIT) !== 0)) {
    // Quiet, as QUIET means it (plus `+` where it is a plus). Base64 needs its alphabet only, or `data:`.
    const mayBeBase64 = ((profile & ~BASE64_CHARS) === 0 || (value.charCodeAt(0) | 0x20) === 0x64) && mayBeBase64Text(value);
    profiles[0] = profile;
    if (!mayBeBase64) return [value];
    forms = withBase64Form(value);
  } else {
    forms = decodedForms(value, source);
  }
  for (let index = 0; index < forms.length; index++) {
    const form = forms[index] as string;
    profiles[index] = form === value ? profile : profileOfText(form);
  }
  return forms;
}

/** Quiet `value` and the base64 text it may hold. */
function withBase64Form(value: string): string[] {
  const forms = [value];
  addBase64Form(forms, value);
  return forms;
}

function decodedForms(value: string, source: FieldSource): string[] {
  const forms: string[] = [];
  addDecodedForms(forms, value, source === 'query' || source === 'form');
  const decoded = forms[0] as string;
  addBase64Form(forms, value);
  if (decoded !== value) addBase64Form(forms, decoded);
  return forms;
}

const NON_ASCII_BIT = CHAR.nonAscii;
const OTHER_BIT = CHAR.other;
/** CHAR bits some normaliser acts on: `%`, `&`, `\`, C0 controls (and DEL), non-ASCII. */
const LOUD = CHAR.percent | CHAR.ampersand | CHAR.backslash | CHAR.control | CHAR.nonAscii;
/** CHAR bits of the base64 and base64url alphabets and padding (`+` is in `other`). */
const BASE64_CHARS = CHAR.letter | CHAR.digit | CHAR.slash | CHAR.equals | CHAR.dash | CHAR.underscore | CHAR.other;
/** profileOf's bit for each ASCII code, taken from profileOf itself so the two cannot disagree. */
const ASCII_PROFILE = Int32Array.from({ length: 128 }, (_, code) => profileOfText(String.fromCharCode(code)));

/** profileOf(value), by the same table, inlined here (a call per value is what this path saves). */
function valueProfile(value: string): number {
  let mask = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    mask |= code < 128 ? (ASCII_PROFILE[code] as number) : NON_ASCII_BIT;
  }
  return mask;
}

/**
 * The chain's result, and the result without JS escapes when the chain decoded one of `\b`, `\t`,
 * `\n`, `\r`, `\f`, `\v` or `\0`: a Windows path holds those too (`C:\boot.ini`, `..\temp\new`), and
 * reading them only as escapes would lose the path an LFI detector must see.
 */
function addDecodedForms(forms: string[], value: string, plusAsSpace: boolean): void {
  const decoded = decodeChain(value, plusAsSpace, true);
  if (!forms.includes(decoded)) forms.push(decoded);
  if (!decodedLetterEscape || forms.length >= MAX_INSPECTION_FORMS) return;
  const withoutEscapes = decodeChain(value, plusAsSpace, false);
  if (!forms.includes(withoutEscapes)) forms.push(withoutEscapes);
}

function addBase64Form(forms: string[], candidate: string): void {
  if (forms.length >= MAX_INSPECTION_FORMS) return;
  const base64 = toBase64Text(candidate);
  // The decoded text is not form-encoded: a `+` in it is a plus.
  if (base64.changed) addDecodedForms(forms, base64.value, false);
}

/** The chain of form 1; `plusAsSpace` for query strings and form bodies (only in the first round). */
export function decodeFully(value: string, plusAsSpace: boolean): string {
  return decodeChain(value, plusAsSpace, true);
}

/** Set by decodeChain: JS escapes decoded a LETTER_ESCAPE in some pass. */
let decodedLetterEscape = false;
/** The single-character JS escapes that are also a backslash and a letter (or 0) of a Windows path. */
const LETTER_ESCAPE = /\\[btnrfv0]/;

/**
 * The chain, with or without JS escapes. Unicode folding runs in every pass, not only at the end:
 * full-width `％２ｅ` folds to `%2e`, which the next pass decodes (a server that folds and then decodes
 * sees `.`).
 */
function decodeChain(value: string, plusAsSpace: boolean, withJsEscapes: boolean): string {
  decodedLetterEscape = false;
  let current = value;
  // includes() is a vectorised search: three or four of them cost less than one regex scan.
  const mayHaveEscapes = value.includes('%') || value.includes('&') || value.includes('\\') || (plusAsSpace && value.includes('+'));
  const mayFold = NON_ASCII.test(value);
  const isChained = mayHaveEscapes || mayFold;
  for (let pass = 0; isChained && pass < MAX_DECODE_PASSES; pass++) {
    let next = percentDecode(current, plusAsSpace && pass === 0);
    if (ENTITY.test(next)) next = entities(next).value;
    if (withJsEscapes) {
      const unescaped = jsEscapes(next);
      if (unescaped.changed) {
        if (!decodedLetterEscape && LETTER_ESCAPE.test(next)) decodedLetterEscape = true;
        next = unescaped.value;
      }
    }
    // Decoding can make non-ASCII of ASCII (`%EF%BC%85`), never the reverse.
    if (mayFold || next !== current) next = fold(next).value;
    if (next === current) break;
    current = next;
  }
  if (!NEEDS_FOLD_OR_STRIP.test(current)) return current;
  // After a pass the value is folded already (every pass that changed it ended with a fold).
  return controls(isChained ? current : fold(current).value).value;
}

/**
 * urlDecode's repeated rounds with the overlong / `%u` rewrite before each: it must see the escapes
 * before percent-decoding turns an overlong sequence into U+FFFD, also when they were double-encoded
 * (`%25c0%25ae` is `%c0%ae` after one round, and `.` only if rewritten before the next).
 */
function percentDecode(value: string, plusAsSpace: boolean): string {
  if (!value.includes('%') && !(plusAsSpace && value.includes('+'))) return value;
  let current = value;
  for (let round = 0; round < URL_ROUNDS; round++) {
    const next = percentOnce(overlong(current).value, plusAsSpace && round === 0);
    if (next === current) break;
    current = next;
  }
  return current;
}
