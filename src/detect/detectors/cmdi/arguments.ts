// Reads what follows a command name up to the end of that command: the shape of its first argument
// (a flag, a path, a host, a number, a redirection, nothing), whether the output is piped or
// redirected, and how many plain English words the arguments hold (`kill -9 is harsh` is a sentence).
import { Shape } from './commands.js';
import { isSentenceWord } from './context.js';
import { findWithin, ifsLength } from './shell-word.js';

export interface Arguments {
  /** Shape bits of the first argument (several when it is ambiguous: `/c` is a switch or a path). */
  readonly shapes: number;
  /** The first argument in lowercase ('' for a quote, a redirection or a separator): subcommands, nested commands. */
  readonly firstWord: string;
  /** Sentence words among the arguments (see isSentenceWord): two or more make a sentence, not a command line. */
  readonly plainWords: number;
  readonly hasRedirect: boolean;
  /** The character that ended the command (`|`, `;`, `&`, newline, `)`, backtick), or -1 at the end. */
  readonly terminator: number;
  /** Index where the first argument starts (or the terminator). */
  readonly firstAt: number;
  /** Index where reading stopped. */
  readonly end: number;
  /** `${IFS}` stood in for the space after the command. */
  readonly hasIfs: boolean;
  /**
   * Shape bits that any argument shows, the first one's included (a later flag, path, variable,
   * redirection or quote: `ping -c 10 127.0.0.1` has a flag and a host).
   */
  readonly anyShapes: number;
  /** An argument makes the command's purpose plain: a system path, a URL or an IP address (isLoudArgument). */
  readonly hasLoud: boolean;
}

/** Arguments of an injected command are short; a sentence is judged by its first few words. */
const MAX_ARGUMENT_CHARS = 160;
const MAX_TOKEN = 64;

export function readArguments(text: string, from: number, isBrace: boolean): Arguments {
  let index = from;
  let hasIfs = false;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9 || (isBrace && code === 44)) index++;
    else if (code === 36 && ifsLength(text, index) > 0) {
      index += ifsLength(text, index);
      hasIfs = true;
    } else break;
  }
  const firstAt = index;
  const first = classifyFirst(text, index);
  const rest = scanRest(text, first.end);
  return {
    shapes: first.shapes, firstWord: first.word, plainWords: rest.plainWords, hasRedirect: rest.hasRedirect || (first.shapes & Shape.redirect) !== 0,
    terminator: rest.terminator, firstAt, end: rest.end, hasIfs, anyShapes: first.shapes | rest.shapes, hasLoud: rest.hasLoud || isLoudArgument(first.word),
  };
}

/** System directories, home dotfiles, Windows roots and UNC shares: where payloads read and write. */
const LOUD_PREFIXES = ['/etc/', '/proc/', '/dev/', '/tmp/', '/var/', '/root', '/bin/', '/usr/', '/home/', '/opt/', '~/', 'c:\\', 'c:/', '%temp%', '%appdata%', '\\\\'];
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?::\d{1,5})?$/;

/** A (lowercase) argument that makes the command's purpose plain: a system path, a URL or an IP address. */
export function isLoudArgument(argument: string): boolean {
  if (argument.length < 4) return false;
  if (argument.indexOf('://') !== -1 || IPV4.test(argument)) return true;
  for (const prefix of LOUD_PREFIXES) if (argument.startsWith(prefix)) return true;
  return false;
}

interface First {
  readonly shapes: number;
  readonly word: string;
  readonly end: number;
}

function classifyFirst(text: string, index: number): First {
  if (index >= text.length) return { shapes: Shape.end, word: '', end: index };
  const code = text.charCodeAt(index);
  if (code === 35) return { shapes: Shape.end, word: '', end: text.length };
  if (isTerminator(text, index)) return { shapes: Shape.separator, word: '', end: index };
  if (code === 60 || code === 62) return { shapes: Shape.redirect, word: '', end: index + 1 };
  if (code === 39 || code === 34) return classifyQuoted(text, index);
  const end = tokenEnd(text, index);
  const token = text.slice(index, end);
  return { shapes: tokenShapes(text, token, end), word: token.toLowerCase(), end };
}

/** A quote closing right before the end (`'; id'`) ends the payload; otherwise a quoted argument. */
function classifyQuoted(text: string, index: number): First {
  let after = index + 1;
  while (after < text.length && (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 39 || text.charCodeAt(after) === 34)) after++;
  if (after >= text.length) return { shapes: Shape.end, word: '', end: after };
  return { shapes: Shape.quote, word: '', end: quotedEnd(text, index) };
}

/** After the quoted string opening at `index`; an unclosed quote covers the next character only. */
function quotedEnd(text: string, index: number): number {
  const close = findWithin(text, text.charCodeAt(index), index + 1, MAX_ARGUMENT_CHARS);
  return close === -1 ? index + 1 : close + 1;
}

function tokenShapes(text: string, token: string, end: number): number {
  const code = token.charCodeAt(0);
  if (code === 45 || code === 43) return Shape.flag;
  // `$HOME`, `%TEMP%`, and expansions inside a word (`QWE$((1+1))`, commix's probe).
  if (token.indexOf('$') !== -1 || (code === 37 && token.indexOf('%', 1) > 1)) return Shape.variable;
  if (code === 64) return Shape.host;
  if (code === 47) {
    // `/c`, `/all`, `/t`: cmd.exe switches, and as well short absolute paths.
    return token.length <= 4 && token.indexOf('/', 1) === -1 ? Shape.flag | Shape.path : Shape.path;
  }
  if (isDigits(token)) {
    // `2>/dev/null`, `2>&1`: a file descriptor number opens a redirection.
    if (text.charCodeAt(end) === 62) return Shape.redirect;
    return isCommandEnd(text, end) ? Shape.number : Shape.word | Shape.token;
  }
  if (token.indexOf('://') !== -1) return Shape.host | Shape.path;
  if (code === 92 || code === 126 || token.indexOf('/') !== -1 || token.indexOf('\\') !== -1) return Shape.path;
  if (token.indexOf('=') > 0) return Shape.assignment;
  if (isHostLike(token)) return Shape.host;
  // commix's `echo QWERTY` probe: a word no sentence holds.
  return isSentenceWord(token, 0, token.length) ? Shape.word : Shape.word | Shape.token;
}

interface Rest {
  readonly plainWords: number;
  readonly hasRedirect: boolean;
  readonly terminator: number;
  readonly end: number;
  /** Shapes of the later arguments: flag, path, variable, redirect, quote (the cheap ones to tell). */
  readonly shapes: number;
  readonly hasLoud: boolean;
}

/** Past the first argument: plain words, redirections, the later arguments' shapes, and what ends the command. */
function scanRest(text: string, from: number): Rest {
  let plainWords = 0;
  let hasRedirect = false;
  let shapes = 0;
  let hasLoud = false;
  let index = from;
  const limit = Math.min(text.length, from + MAX_ARGUMENT_CHARS);
  while (index < limit) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9) {
      index++;
      continue;
    }
    if (isTerminator(text, index)) return { plainWords, hasRedirect, terminator: code, end: index, shapes, hasLoud };
    if (code === 60 || code === 62) {
      hasRedirect = true;
      shapes |= Shape.redirect;
      index++;
      continue;
    }
    // Quoted text is shell syntax, not sentence words: skipped whole.
    if (code === 39 || code === 34) {
      index = quotedEnd(text, index);
      shapes |= Shape.quote;
      continue;
    }
    const end = tokenEnd(text, index);
    if (isSentenceWord(text, index, end)) plainWords++;
    else {
      shapes |= laterShape(text, index, end);
      if (!hasLoud && end - index >= 4) hasLoud = isLoudArgument(text.slice(index, end).toLowerCase());
    }
    index = end;
  }
  return { plainWords, hasRedirect, terminator: -1, end: index, shapes, hasLoud };
}

/** The shape of a later argument, told by its first character and separators only. */
function laterShape(text: string, start: number, end: number): number {
  const code = text.charCodeAt(start);
  if (code === 45 || code === 43) return Shape.flag;
  if (code === 36 || code === 37) return Shape.variable;
  for (let index = start; index < end; index++) {
    const inner = text.charCodeAt(index);
    if (inner === 47 || inner === 92) return Shape.path;
    if (inner === 36) return Shape.variable;
  }
  return 0;
}

/** `;`, `|`, `&` (not the `&>` / `>&` redirections), newlines, `)` and backticks end a command. */
export function isTerminator(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code === 38) return text.charCodeAt(index + 1) !== 62 && text.charCodeAt(index - 1) !== 62;
  return code === 59 || code === 124 || code === 10 || code === 13 || code === 41 || code === 96;
}

/** After a number: the command ends (`sleep 5`, `sleep 5;`, `sleep 5 #`, `$(sleep 5)`), not `sleep 8 hours`. */
function isCommandEnd(text: string, from: number): boolean {
  let index = from;
  while (index < text.length && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) index++;
  if (index >= text.length) return true;
  const code = text.charCodeAt(index);
  return code === 35 || code === 39 || code === 34 || isTerminator(text, index);
}

function tokenEnd(text: string, from: number): number {
  let index = from;
  const limit = Math.min(text.length, from + MAX_TOKEN);
  while (index < limit) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9 || code === 60 || code === 62 || isTerminator(text, index)) break;
    index++;
  }
  return index === from ? from + 1 : index;
}

/** An IPv4 address or a dotted host name (`10.0.0.1`, `evil.example`, `user@host`). */
function isHostLike(token: string): boolean {
  if (token.indexOf('@') > 0) return true;
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || dot === token.length - 1) return false;
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index);
    if (!isLetter(code) && !(code >= 48 && code <= 57) && code !== 46 && code !== 45 && code !== 58) return false;
  }
  return true;
}

function isDigits(token: string): boolean {
  if (token.length === 0) return false;
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
