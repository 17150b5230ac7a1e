// The first test at every place a command may start (the value's start, after a separator, in a
// substitution): does the word there begin like a command name, on its first four characters? Most
// words of prose and ids (`Please`, `Running`, `en-US`, `q=0.9`) do not, and are dismissed before
// the word is read, resolved or judged (position.ts). Words opening with a path, a variable or a
// quote, or disguised in their first characters (`c''at`, `w^hoami`), always go on.
import { COMMAND_OPENERS, NAME_DISGUISES, commandPrefixes } from './commands.js';
import { findWithin } from './shell-word.js';

/** POSIX reserved words after which a command follows (XCU 2.4, 2.9.4). */
export const SHELL_KEYWORDS: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until']);

/** How far a quote inside a disguised name is looked for (shell-word.ts reads quoted parts this long). */
const MAX_DISGUISE = 48;
// Built once: tables, not calls, for a test that runs at every position.
const COMMAND_PREFIXES = commandPrefixes(SHELL_KEYWORDS);
/** The first two characters of the prefixes, at `c1 * 128 + c2`: a table lookup rejects most words before the set's. */
const COMMAND_PAIRS = pairTable(COMMAND_PREFIXES);
const OPENS_WORD = characterTable(COMMAND_OPENERS);
const DISGUISES_NAME = characterTable(NAME_DISGUISES);
/** Characters that end a word (shell-word.ts, isWordEnd; `,` as in a brace list). */
const ENDS_WORD = characterTable(' \t\n\r;|&()<>`},');

/**
 * Where the word a command may be starts, past what may precede it (`; {cat,/etc/passwd}`, `;(id)`,
 * spaces, and at the value's start newlines), when it begins like a command; -1 otherwise.
 */
export function commandWordAt(text: string, from: number, isValueStart: boolean): number {
  let at = from;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code !== 123 && code !== 32 && code !== 9 && code !== 40 && !(isValueStart && (code === 10 || code === 13))) break;
  }
  return at < text.length && beginsLikeCommand(text, at) ? at : -1;
}

/** Whether the word at `at` begins like a command name, a path or a disguise (see commandPrefixes, commands.ts). */
function beginsLikeCommand(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  if (first >= 128) return false;
  if (OPENS_WORD[first] === 1) return true;
  let key = lowerAscii(first);
  for (let index = at + 1; index < at + 4; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 0;
    if (code >= 128) return false;
    if (DISGUISES_NAME[code] === 1) return isDisguise(text, index, code);
    if (index === at + 1 && COMMAND_PAIRS[key * 128 + lowerAscii(code)] !== 1) return false;
    if (code === 0 || ENDS_WORD[code] === 1) {
      // A one-character word names no command; a shorter name ends here (`id;`, `cat /etc`).
      if (index === at + 1) return false;
      return COMMAND_PREFIXES.has(key << (7 * (at + 4 - index)));
    }
    key = (key << 7) | lowerAscii(code);
  }
  return COMMAND_PREFIXES.has(key);
}

/** `c'a't`, `c\at`, `w^hoami`: a quote disguises a name only when it closes (`O'Neil`, `We're` are words). */
function isDisguise(text: string, index: number, code: number): boolean {
  return (code !== 39 && code !== 34) || findWithin(text, code, index + 1, MAX_DISGUISE) !== -1;
}

function pairTable(prefixes: ReadonlySet<number>): Uint8Array {
  const table = new Uint8Array(128 * 128);
  for (const key of prefixes) table[key >> 14] = 1;
  return table;
}

function characterTable(characters: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const character of characters) table[character.charCodeAt(0)] = 1;
  return table;
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
