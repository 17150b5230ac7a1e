// One-pass, allocation-free acceptors for the everyday shapes of the formats inference tests most:
// `2026-11-29`, `2026-11-29T10:00:00.123Z`, `https://api.example.com/v1/items?page=2`. Each accepts
// only strings ajv-formats' own check accepts too (a subset, kept so by a property test); a string it
// does not accept goes to ajv's check, which has the last word. ajv's date-time splits the string and
// runs two regexes with captures per value, and its uri regex is large: on bodies full of timestamps
// and links they were a tenth of discovery's ingest time and a sixth of its garbage.

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** The number written by two digits at `index`, or -1. */
function twoDigits(text: string, index: number): number {
  const tens = text.charCodeAt(index);
  const units = text.charCodeAt(index + 1);
  return isDigit(tens) && isDigit(units) ? (tens - 48) * 10 + (units - 48) : -1;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 full-date at the start of `text`: `YYYY-MM-DD`, a day that exists (29 February in leap years). */
function isDateAt(text: string): boolean {
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  if (century < 0 || yearOfCentury < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (month < 1 || month > 12 || day < 1) return false;
  const year = century * 100 + yearOfCentury;
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && isLeap ? 29 : DAYS_IN_MONTH[month]!);
}

/** `YYYY-MM-DD` (a subset of ajv-formats' `date`: the same, in fact, without its regex captures). */
export function isPlainDate(text: string): boolean {
  return text.length === 10 && isDateAt(text);
}

/**
 * `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`: a subset of ajv-formats' `date-time` (full mode, so a
 * zone is required). Leap seconds and the zone forms without a colon are left to ajv.
 */
export function isPlainDateTime(text: string): boolean {
  if (text.length < 20 || !isDateAt(text)) return false;
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 116) return false; // 'T' | 't'
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let index = 19;
  if (text.charCodeAt(index) === 46) { // '.'
    const start = ++index;
    while (isDigit(text.charCodeAt(index))) index++;
    if (index === start) return false;
  }
  const zone = text.charCodeAt(index);
  if (zone === 90 || zone === 122) return index + 1 === text.length; // 'Z' | 'z'
  if (zone !== 43 && zone !== 45) return false; // '+' | '-'
  const zoneHour = twoDigits(text, index + 1);
  const zoneMinute = twoDigits(text, index + 4);
  return index + 6 === text.length && text.charCodeAt(index + 3) === 58 && zoneHour >= 0 && zoneHour <= 23 && zoneMinute >= 0 && zoneMinute <= 59;
}

// Character classes of RFC 3986 as ajv's uri regex spells them (ASCII, case-insensitive).
const SCHEME = 1;
const HOST = 2; // reg-name: unreserved and sub-delims
const PATH = 4; // pchar: HOST plus ':' and '@'
const QUERY = 8; // query and fragment: PATH plus '/' and '?'
const CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  const isAlphaNumeric = /[a-z0-9]/i.test(char);
  if (isAlphaNumeric || '+-.'.includes(char)) CLASSES[code]! |= SCHEME;
  if (isAlphaNumeric || "-._~!$&'()*+,;=".includes(char)) CLASSES[code]! |= HOST | PATH | QUERY;
  if (':@'.includes(char)) CLASSES[code]! |= PATH | QUERY;
  if ('/?'.includes(char)) CLASSES[code]! |= QUERY;
}

const isHex = (code: number): boolean => isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);

/** Past characters of `kind` (and `%XX` escapes) from `index`; where it stopped. */
function skip(text: string, index: number, kind: number): number {
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code < 128 && (CLASSES[code]! & kind) !== 0) index++;
    else if (code === 37 && isHex(text.charCodeAt(index + 1)) && isHex(text.charCodeAt(index + 2))) index += 3; // '%'
    else break;
  }
  return index;
}

/**
 * `scheme://host[:port][/path][?query][#fragment]` with a registered-name host (no user info, no IP
 * literal in brackets): a subset of ajv-formats' `uri`. Other URIs are left to ajv.
 */
export function isPlainUri(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
  let index = 1;
  while (index < text.length && text.charCodeAt(index) < 128 && (CLASSES[text.charCodeAt(index)]! & SCHEME) !== 0) index++;
  if (!text.startsWith('://', index)) return false;
  index = skip(text, index + 3, HOST);
  if (text.charCodeAt(index) === 58) { // ':' port
    index++;
    while (isDigit(text.charCodeAt(index))) index++;
  }
  while (text.charCodeAt(index) === 47) index = skip(text, index + 1, PATH); // '/' segments
  if (text.charCodeAt(index) === 63) index = skip(text, index + 1, QUERY); // '?'
  if (text.charCodeAt(index) === 35) index = skip(text, index + 1, QUERY); // '#'
  return index === text.length;
}
