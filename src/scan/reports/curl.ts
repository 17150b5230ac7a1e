// A curl command line that sends a recorded request again, so a person can reproduce a finding by
// pasting it. Every word is quoted for a POSIX shell, so nothing from the evidence (`$HOME`,
// backquotes, `$(...)`, quotes) is expanded or run, except the `$BULWARK_<NAME>` placeholders the
// engine put where credentials were: those stay expandable, so `export BULWARK_ALICE_TOKEN=...` is
// all it takes to replay the request.
import type { SentRequest } from '../exchange.js';

const PLACEHOLDER = /\$BULWARK_[A-Z0-9_]+/g;
/**
 * Characters a terminal interprets (escape sequences), or that break the line, or reorder what is
 * shown (bidi overrides, Trojan Source, CVE-2021-42574): written as escapes inside $'...' (POSIX.1-2024;
 * bash, zsh, ksh, busybox), so the command stays on one line, is safe to print and still exact.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\', "'": "\\'" };
/** curl expands `[1-9]` and `{a,b}` in URLs as globs (`?filter[name]=x` would fail): -g sends them as they are. */
const GLOB = /[[\]{}]/;
/** curl removes `/./` and `/../` like a browser, but a path traversal probe needs them sent as they are. */
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
const PLAIN_METHOD = /^[A-Z]+$/;

export function curlOf(request: SentRequest): string {
  const words = ['curl'];
  if (GLOB.test(request.url)) words.push('-g');
  if (DOT_SEGMENT.test(request.url)) words.push('--path-as-is');
  words.push(...methodWords(request));
  words.push(shellQuote(request.url));
  for (const [name, value] of Object.entries(request.headers)) {
    // `-H 'name:'` would make curl remove the header; `name;` is how curl sends it empty.
    words.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  }
  // --data-raw sends the text as it is: -d would read a file for a body starting with `@`.
  if (request.body !== undefined) words.push('--data-raw', shellQuote(request.body));
  return words.join(' ');
}

/** curl infers GET, and POST from --data-raw; HEAD needs -I (with -X HEAD curl waits for a body). */
function methodWords(request: SentRequest): string[] {
  const { method } = request;
  const hasBody = request.body !== undefined;
  if ((method === 'GET' && !hasBody) || (method === 'POST' && hasBody)) return [];
  if (method === 'HEAD' && !hasBody) return ['-I'];
  return ['-X', PLAIN_METHOD.test(method) ? method : shellQuote(method)];
}

/** One shell word with the value `text`, placeholders left for the shell to expand. */
export function shellQuote(text: string): string {
  if (text === '') return "''";
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(quoteLiteral(text.slice(last, match.index)));
    // Double quotes: expanded, but never split into several words or globbed.
    parts.push(`"${match[0]}"`);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(quoteLiteral(text.slice(last)));
  return parts.join('');
}

function quoteLiteral(text: string): string {
  // In single quotes nothing is special but the closing quote: close, add an escaped quote, reopen.
  if (!UNSAFE.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  let escaped = '';
  for (const char of text) {
    escaped += NAMED_ESCAPES[char] ?? (UNSAFE.test(char) ? octalBytes(char) : char);
  }
  return `$'${escaped}'`;
}

/** Three octal digits per UTF-8 byte: unlike \x, never ambiguous with the characters that follow. */
function octalBytes(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
}
