// Reads the word at a command position the way a POSIX shell (and cmd.exe for `^`) would, undoing the
// obfuscations of injection payloads (PayloadsAllTheThings "Bypass without space / with quotes",
// commix's evasions): `c''at`, `c"a"t`, `c\at`, `ca$@t`, `c${u}at`, `w^h^o^a^m^i`, `cat${IFS}x`.

export interface ShellWord {
  /** The word as it would run: quotes, escapes, empty expansions and carets removed. */
  readonly text: string;
  /** Index just after the word in the text. */
  readonly end: number;
  /** The word was disguised: it only reads as itself once quotes, escapes or expansions are undone. */
  readonly isObfuscated: boolean;
  /** `$name` and `${name}` expansions in the word (`$a$b` is a command assembled from variables). */
  readonly variables: number;
  /** Longer than any command name: not looked up. */
  readonly isTooLong: boolean;
}

/** Raw characters read at most: a disguised name or a binary's path (`C:\Windows\System32\cmd.exe`) fits. */
const MAX_RAW = 96;
/** Longer de-obfuscated words name no command and no binary's path. */
const MAX_TEXT = 80;
/** A quoted part of a command name is short; an unclosed quote ends the word. */
const MAX_QUOTED = 48;

/**
 * `isBrace`: the position followed a `{`, so `,` separates words (bash brace expansion,
 * `{cat,/etc/passwd}`).
 */
export function readShellWord(text: string, start: number, isBrace: boolean): ShellWord {
  // Fast path: a plain word needs no copying, and most words are plain.
  let index = start;
  const limit = Math.min(text.length, start + MAX_RAW);
  while (index < limit && isPlain(text.charCodeAt(index))) index++;
  // A run of plain characters longer than any command (a base64 image, a token) is no command.
  if (index === limit && limit < text.length && isPlain(text.charCodeAt(index))) return { text: '', end: index, isObfuscated: false, variables: 0, isTooLong: true };
  if (index === text.length || (isWordEnd(text.charCodeAt(index), isBrace) && !isEmptyBackticks(text, index))) {
    const length = index - start;
    return { text: length > MAX_TEXT ? '' : text.slice(start, index), end: index, isObfuscated: false, variables: 0, isTooLong: length > MAX_TEXT };
  }
  return readDisguised(text, start, index, isBrace);
}

function readDisguised(text: string, start: number, plainEnd: number, isBrace: boolean): ShellWord {
  let out = text.slice(start, plainEnd);
  let plain = out.length;
  let quotedParts = 0;
  let isObfuscated = false;
  let variables = 0;
  let index = plainEnd;
  const limit = Math.min(text.length, start + MAX_RAW);
  while (index < limit) {
    const code = text.charCodeAt(index);
    if (isEmptyBackticks(text, index)) {
      // `wh``oami`: an empty command substitution inside the word.
      isObfuscated = true;
      index += 2;
      continue;
    }
    if (isWordEnd(code, isBrace)) break;
    if (code === 39 || code === 34) {
      const close = findWithin(text, code, index + 1, MAX_QUOTED);
      if (close === -1) break;
      out += text.slice(index + 1, close);
      if (close === index + 1) isObfuscated = true;
      quotedParts++;
      index = close + 1;
    } else if (code === 92) {
      // `c\at`: a backslash before an ordinary character is removed; before a newline it joins lines.
      const next = text[index + 1];
      if (next === undefined) break;
      if (next !== '\n') out += next;
      plain++;
      isObfuscated = true;
      index += 2;
    } else if (code === 94) {
      // cmd.exe's escape character: `w^h^o^a^m^i` runs whoami.
      isObfuscated = true;
      index++;
    } else if (code === 36) {
      const expansion = readExpansion(text, index);
      if (expansion.kind === 'stop') break;
      if (expansion.kind === 'variable') variables++;
      else if (expansion.kind === 'literal') {
        out += '$';
        plain++;
      }
      if (expansion.kind !== 'literal') isObfuscated = true;
      index = expansion.end;
    } else {
      out += text[index];
      plain++;
      index++;
    }
  }
  // One quoted part that is the whole word (`"id"`) is quoting, not disguise.
  if (quotedParts > 1 || (quotedParts === 1 && plain > 0)) isObfuscated = true;
  const isTooLong = (index === limit && limit < text.length) || out.length > MAX_TEXT;
  // Variables assembled from nothing else (`$a$b`) count as obfuscation only when the caller says so.
  return { text: isTooLong ? '' : out, end: index, isObfuscated: isObfuscated && !(variables > 0 && out.length === 0), variables, isTooLong };
}

interface Expansion {
  /** `stop`: `$(` or `${IFS}` ends the word; `empty`: `$@`, `$*`, `$1`; `literal`: a lone `$`. */
  readonly kind: 'stop' | 'empty' | 'variable' | 'literal';
  readonly end: number;
}

function readExpansion(text: string, dollar: number): Expansion {
  const next = text.charCodeAt(dollar + 1);
  // `who$()ami`: an empty substitution; any other `$(` starts a command of its own.
  if (next === 40) return text.charCodeAt(dollar + 2) === 41 ? { kind: 'empty', end: dollar + 3 } : { kind: 'stop', end: dollar };
  if (next === 64 || next === 42 || (next >= 49 && next <= 57)) return { kind: 'empty', end: dollar + 2 };
  if (next === 39) return { kind: 'empty', end: dollar + 1 };
  if (next === 123) {
    const close = findWithin(text, 125, dollar + 2, MAX_QUOTED);
    if (close === -1) return { kind: 'literal', end: dollar + 1 };
    return text.slice(dollar + 2, close) === 'IFS' ? { kind: 'stop', end: dollar } : { kind: 'variable', end: close + 1 };
  }
  if (!isIdentifierStart(next)) return { kind: 'literal', end: dollar + 1 };
  let end = dollar + 2;
  while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++;
  if (text.startsWith('IFS', dollar + 1) && end === dollar + 4) return { kind: 'stop', end: dollar };
  return { kind: 'variable', end };
}

/** The length of `${IFS}`, `$IFS$9` or `$IFS` at `index` (the shell's field separator used as a space), else 0. */
export function ifsLength(text: string, index: number): number {
  if (text.charCodeAt(index) !== 36) return 0;
  if (text.startsWith('${IFS}', index)) return 6;
  if (!text.startsWith('$IFS', index) || isIdentifierPart(text.charCodeAt(index + 4))) return 0;
  return text.charCodeAt(index + 4) === 36 && isDigit(text.charCodeAt(index + 5)) ? 6 : 4;
}

/** indexOf bounded to `window` characters: an unclosed quote must not make every position scan to the end. */
export function findWithin(text: string, code: number, from: number, window: number): number {
  const limit = Math.min(text.length, from + window);
  for (let index = from; index < limit; index++) if (text.charCodeAt(index) === code) return index;
  return -1;
}

function isEmptyBackticks(text: string, index: number): boolean {
  return text.charCodeAt(index) === 96 && text.charCodeAt(index + 1) === 96 && index > 0 && !isWordEnd(text.charCodeAt(index - 1), true);
}

/** Ends a word: whitespace and the shell's operators; `,` inside a brace expansion. */
export function isWordEnd(code: number, isBrace: boolean): boolean {
  switch (code) {
    case 32: case 9: case 10: case 13: case 59: case 124: case 38: case 40: case 41: case 60: case 62: case 96: case 125:
      return true;
    case 44:
      return isBrace;
    default:
      return false;
  }
}

/** Characters that need no undoing: everything but quotes, `\`, `^`, `$` and word ends. */
function isPlain(code: number): boolean {
  return code !== 39 && code !== 34 && code !== 92 && code !== 94 && code !== 36 && !isWordEnd(code, true);
}

function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
