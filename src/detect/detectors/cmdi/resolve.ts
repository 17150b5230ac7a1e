// Turns the word at a command position into the command it runs: a name (`id`), a path into a
// binary directory (`/bin/sh`, `C:\Windows\System32\cmd.exe`, `%COMSPEC%`), or a glob the shell
// expands to one (`/???/c?t`, `/bin/c*t`: PayloadsAllTheThings "Bypass with wildcards").
import { commandNames, findCommand, type ShellCommand } from './commands.js';

export interface ResolvedCommand {
  readonly command: ShellCommand;
  /** Named by its path in a binary directory: unmistakably a program, any argument counts. */
  readonly isBinaryPath: boolean;
  /** Reached through a glob: obfuscation. */
  readonly isGlob: boolean;
}

const BINARY_DIRECTORY = /(?:^|[/\\])(?:s?bin|system32|syswow64)[/\\]$/;
const REPEATED_SEPARATORS = /[/\\]+/g;
const WINDOWS_ROOT_VARIABLE = /^%(?:systemroot|windir)%[/\\]/;

export function resolveCommand(word: string): ResolvedCommand | undefined {
  const separator = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
  if (separator === -1) {
    // cmd.exe expands %COMSPEC% to its own path.
    if (word.length === 9 && word.toLowerCase() === '%comspec%') return { command: findCommand('cmd.exe')!, isBinaryPath: true, isGlob: false };
    const command = findCommand(word);
    return command === undefined ? undefined : { command, isBinaryPath: false, isGlob: false };
  }
  const name = word.slice(separator + 1);
  // `/bin/////sh` is `/bin/sh`.
  const directory = word.slice(0, separator + 1).replace(REPEATED_SEPARATORS, '/');
  if (hasGlob(word)) {
    // Payload globs are absolute and keep a letter or a `?` per character (`/???/c?t`, `/bin/c*t`);
    // `*/*` in an Accept header matches everything and names nothing.
    if (word.charCodeAt(0) !== 47 || /^\**$/.test(name)) return undefined;
    const command = matchGlob(name);
    return command === undefined ? undefined : { command, isBinaryPath: true, isGlob: true };
  }
  const command = findCommand(name);
  if (command === undefined) return undefined;
  const lower = directory.toLowerCase();
  return BINARY_DIRECTORY.test(lower) || WINDOWS_ROOT_VARIABLE.test(lower) ? { command, isBinaryPath: true, isGlob: false } : undefined;
}

function hasGlob(word: string): boolean {
  return word.indexOf('?') !== -1 || word.indexOf('*') !== -1 || word.indexOf('[') !== -1;
}

/** The first Unix command a glob's last segment matches (bounded: names and patterns are short). */
function matchGlob(pattern: string): ShellCommand | undefined {
  if (pattern.length === 0 || pattern.length > 16) return undefined;
  for (const name of commandNames()) {
    const command = findCommand(name);
    if (command !== undefined && command.platform !== 'windows' && wildcardMatch(pattern, name)) return command;
  }
  return undefined;
}

/**
 * `?` one character, `*` any run, `[...]` one character of a class (taken as any character).
 * Iterative with one remembered star: O(pattern x name), both at most 16 characters here.
 */
export function wildcardMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let starName = 0;
  while (n < name.length) {
    const token = pattern[p];
    if (token === '*') {
      star = ++p;
      starName = n;
    } else if (token !== undefined && (token === '?' || token === name[n] || token === '[')) {
      p = token === '[' ? classEnd(pattern, p) : p + 1;
      n++;
    } else if (star !== -1) {
      p = star;
      n = ++starName;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function classEnd(pattern: string, open: number): number {
  const close = pattern.indexOf(']', open + 1);
  return close === -1 ? open + 1 : close + 1;
}
