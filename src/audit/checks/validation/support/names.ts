// Reading intent from names: `callbackUrl`, `redirect_uri` and `return-to` name URLs, `userId` and
// `order_id` name identifiers. Names are split into lowercase words by hand (separators, camelCase and
// acronyms: `imageURL` is image + url, `URLPath` is url + path), with no regular expression to backtrack.

/** The words of an identifier, lowercased. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let index = 0; index < name.length; index++) {
    const kind = charKind(name.charCodeAt(index));
    if (kind === OTHER) {
      if (start >= 0) words.push(name.slice(start, index).toLowerCase());
      start = -1;
      continue;
    }
    const previous = index > 0 ? charKind(name.charCodeAt(index - 1)) : OTHER;
    const next = index + 1 < name.length ? charKind(name.charCodeAt(index + 1)) : OTHER;
    // A new word starts at an uppercase letter after a lowercase one or a digit (`imageUrl`), and at
    // the last capital of an acronym followed by lowercase (`URLPath`: the P).
    const startsWord = kind === UPPER && (previous === LOWER || previous === DIGIT || (previous === UPPER && next === LOWER));
    if (startsWord && start >= 0) {
      words.push(name.slice(start, index).toLowerCase());
      start = index;
    } else if (start < 0) {
      start = index;
    }
  }
  if (start >= 0) words.push(name.slice(start).toLowerCase());
  return words;
}

const UPPER = 0;
const LOWER = 1;
const DIGIT = 2;
const OTHER = 3;

function charKind(code: number): number {
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 48 && code <= 57) return DIGIT;
  return OTHER;
}

/** Last words that make a name a URL (`imageUrl`, `redirect_uri`, `callback`, `tokenEndpoint`). */
const URL_LAST_WORDS = new Set(['url', 'urls', 'uri', 'uris', 'href', 'link', 'callback', 'callbacks', 'webhook', 'webhooks', 'redirect', 'endpoint']);
/** `redirect_to`, `returnTo`, `callback_target`: a first word of navigation with a last word of place. */
const NAVIGATION_FIRST_WORDS = new Set(['redirect', 'return', 'callback', 'continue', 'forward', 'next']);
const PLACE_LAST_WORDS = new Set(['to', 'target', 'location', 'path', 'dest', 'destination', 'address', 'host']);

/** Whether a parameter or property name says it holds a URL the server may fetch or send clients to. */
export function isUrlName(name: string): boolean {
  const words = nameWords(name);
  const first = words[0];
  const last = words.at(-1);
  if (first === undefined || last === undefined) return false;
  if (URL_LAST_WORDS.has(last)) return true;
  return words.length > 1 && NAVIGATION_FIRST_WORDS.has(first) && PLACE_LAST_WORDS.has(last);
}

/** JSON Schema formats of URLs. */
const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference', 'uri-template']);

export function isUrlFormat(format: unknown): boolean {
  return typeof format === 'string' && URL_FORMATS.has(format.toLowerCase());
}

/** `id`, `userId`, `user_id`, `user-id`, `userID`. */
export function isIdName(name: string): boolean {
  // Most names do not end in `id` in any case: no need to split them.
  if (name.length < 2 || !name.slice(-2).toLowerCase().endsWith('id')) return false;
  return nameWords(name).at(-1) === 'id';
}
