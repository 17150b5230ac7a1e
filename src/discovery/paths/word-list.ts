// Is a segment a word (English or API vocabulary), alone or as a compound like `payment-methods`?
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { API_WORDS } from './api-words.js';

let dictionary: ReadonlySet<string> | undefined;
const LETTERS = /^[a-z]{1,40}$/;

/**
 * The ~275k-word list loads on first use, not at import: a gateway that never runs discovery does
 * not pay ~20 MB and ~60 ms for it. Read with readFileSync rather than require() so the module
 * cache does not keep the array beside the Set.
 */
function words(): ReadonlySet<string> {
  if (dictionary !== undefined) return dictionary;
  const file = createRequire(import.meta.url).resolve('an-array-of-english-words/index.json');
  const list: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) throw new TypeError('an-array-of-english-words/index.json is not an array');
  dictionary = new Set(list.filter((word): word is string => typeof word === 'string'));
  return dictionary;
}

/** One lowercase token: in the English list or the API vocabulary, as is or as a plural of one. */
export function isWordToken(token: string): boolean {
  if (token.length === 0 || token.length > 40) return false;
  const lower = token.toLowerCase();
  if (API_WORDS.has(lower)) return true;
  // The English list has letters only: anything else can only be API vocabulary.
  if (!LETTERS.test(lower)) return false;
  if (words().has(lower)) return true;
  // The list has the plurals of English nouns; this catches those of API words (`passkeys`,
  // `faqs`). Plain suffix rules, not pluralize: this runs per request and must stay O(1).
  if (!lower.endsWith('s')) return false;
  return singularGuesses(lower).some((singular) => API_WORDS.has(singular) || words().has(singular));
}

function singularGuesses(plural: string): string[] {
  const guesses = [plural.slice(0, -1)];
  if (plural.endsWith('es')) guesses.push(plural.slice(0, -2));
  if (plural.endsWith('ies')) guesses.push(`${plural.slice(0, -3)}y`);
  return guesses;
}

const MAX_SLUG_PARTS = 4;
const MAX_COMPOUND_PARTS = 8;

/**
 * Splits `user-profiles`, `user_profiles`, `user.profiles`, `userProfiles` and `HTTPServer` into
 * parts. Undefined for too many parts: MAX_SLUG_PARTS when hyphenated, else MAX_COMPOUND_PARTS.
 */
export function compoundParts(segment: string): string[] | undefined {
  const limit = segment.includes('-') ? MAX_SLUG_PARTS : MAX_COMPOUND_PARTS;
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index]!;
    if (char === '-' || char === '_' || char === '.' || char === '~') {
      if (current !== '') parts.push(current);
      current = '';
    } else {
      if (current !== '' && startsCamelWord(segment, index)) {
        parts.push(current);
        current = '';
      }
      current += char;
    }
    if (parts.length > limit) return undefined;
  }
  if (current !== '') parts.push(current);
  return parts.length > limit ? undefined : parts;
}

const isUpper = (char: string | undefined): boolean => char !== undefined && char >= 'A' && char <= 'Z';
const isLower = (char: string | undefined): boolean => char !== undefined && char >= 'a' && char <= 'z';

/** `userProfiles` breaks before `P`; `HTTPServer` breaks before `S` (an upper followed by a lower). */
function startsCamelWord(text: string, index: number): boolean {
  const char = text[index];
  if (!isUpper(char)) return false;
  const previous = text[index - 1];
  return isLower(previous) || (isUpper(previous) && isLower(text[index + 1]));
}

/**
 * A segment is a word if it is one token in the lists, or a compound of such tokens.
 * Single letters do not count as parts (`a-b-c` is not a phrase), nor do tokens with digits unless
 * the API vocabulary lists them (`oauth2-callback`).
 */
export function isWordSegment(segment: string): boolean {
  if (segment.length === 0 || segment.length > 100) return false;
  if (isWordToken(segment)) return true;
  const parts = compoundParts(segment);
  if (parts === undefined || parts.length < 2) return false;
  return parts.every((part) => part.length > 1 && isWordToken(part));
}
