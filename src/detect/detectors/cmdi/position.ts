// Judges one command position: reads the word there as the shell would, resolves it to a known
// command, reads its arguments, and reports the rule its shape and surroundings call for: critical
// where an injection puts a command, command-in-text where prose or documentation does.
import { isLoudArgument, isTerminator, readArguments, type Arguments } from './arguments.js';
import { ARMED_SHAPES, Shape, findCommand, type ShellCommand } from './commands.js';
import { SHELL_KEYWORDS, commandWordAt } from './command-start.js';
import { isInjectionPoint, isTableRow, newLineMemo, wordsBefore } from './context.js';
import { resolveCommand, type ResolvedCommand } from './resolve.js';
import { CMDI_RULES } from './rules.js';
import { isInDocumentation, isSettled, report, type ShellScan } from './scan-state.js';
import { readShellWord, type ShellWord } from './shell-word.js';

export type PositionKind = 'start' | 'separator' | 'newline' | 'substitution';

export interface Position {
  readonly kind: PositionKind;
  /** Where the separator (or substitution opener) sits; the value's start for `start`. */
  readonly separator: number;
  /** Where the command may begin. */
  readonly from: number;
  /** `&&` or `||`: a conditional list, which prose does not write. */
  readonly isDoubled: boolean;
}

const MAX_FRAGMENT = 120;
/**
 * Argument shapes that state a command line (a switch, a path, a variable, a redirection, a quoted
 * string); a value that is only a command and words (`ps aux`, `sleep 5`) states none.
 */
const STATED_SHAPES = Shape.flag | Shape.path | Shape.variable | Shape.redirect | Shape.quote;

interface CommandAt {
  readonly at: number;
  readonly word: ShellWord;
  readonly isBrace: boolean;
}

export function inspectPosition(scan: ShellScan, position: Position): void {
  const { text } = scan;
  const found = readCommandWord(text, position);
  if (found === undefined) return;
  const { at, word, isBrace } = found;
  if (word.text === '') {
    if (word.variables >= 2) inspectAssembled(scan, position.kind === 'start' ? at : position.separator, word.end, isBrace);
    return;
  }
  // `C:\Windows\System32\cmd.exe`: in a Windows path the backslashes are separators, not escapes.
  const windowsPath = word.isObfuscated && text.indexOf('\\', at) < word.end ? resolveCommand(text.slice(at, word.end)) : undefined;
  const resolved = windowsPath ?? resolveCommand(word.text);
  if (resolved === undefined) return;
  const args = cutArgument(scan, word.end, readArguments(text, word.end, isBrace));
  // `$(id).hide()`: jQuery, not a shell.
  if (position.kind === 'substitution' && args.terminator === 41 && text.charCodeAt(args.end + 1) === 46) return;
  const start = position.kind === 'start' ? at : position.separator;
  const fragment = text.slice(start, Math.min(Math.max(args.end, word.end), start + MAX_FRAGMENT));
  const fits = fitsCommand(text, position.kind, resolved, args);
  const isBraceList = isBrace && text.charCodeAt(word.end) === 44;
  if ((word.isObfuscated && windowsPath === undefined) || args.hasIfs || resolved.isGlob || (isBraceList && fits)) {
    report(scan, CMDI_RULES.evasion, fragment);
  } else if (!fits) {
    if (position.kind !== 'start') report(scan, CMDI_RULES.generic, fragment);
  } else {
    judgeCommand(scan, position, resolved, args, fragment);
  }
}

/**
 * A URL path segment ends where the router split the path at a literal `/`: a command followed by a
 * space at the segment's end (`/;%20cat%20/etc/passwd` gives `; cat `) had an absolute path next.
 */
function cutArgument(scan: ShellScan, wordEnd: number, args: Arguments): Arguments {
  if (!scan.isPathSegment || args.shapes !== Shape.end || args.firstAt !== scan.text.length || args.firstAt === wordEnd) return args;
  return { ...args, shapes: Shape.path, anyShapes: args.anyShapes | Shape.path };
}

/** Skips what may precede a command (spaces, `{`, `(`, a keyword) and reads the word. */
function readCommandWord(text: string, position: Position): CommandAt | undefined {
  let at = commandWordAt(text, position.from, position.kind === 'start');
  if (at === -1) return undefined;
  // `; {cat,/etc/passwd}`: a `{` among what was skipped before the word (a short stretch) opens a brace list.
  let isBrace = false;
  for (let index = position.from; index < at && !isBrace; index++) isBrace = text.charCodeAt(index) === 123;
  let word = readShellWord(text, at, isBrace);
  // `;if [ 1 ];then sleep 5;fi`: a keyword opens a compound command; the command follows it.
  if (SHELL_KEYWORDS.has(word.text)) {
    at = word.end;
    while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
    if (at >= text.length) return undefined;
    word = readShellWord(text, at, false);
  }
  return word.isTooLong ? undefined : { at, word, isBrace };
}

function judgeCommand(scan: ShellScan, position: Position, resolved: ResolvedCommand, args: Arguments, fragment: string): void {
  const { command } = resolved;
  const isBareCommand = isBare(command, args);
  // A value that is only a command name (`id` as a sort key, `/bin/bash` as a login shell) is no command line.
  if (position.kind === 'start' && isBareCommand) return;
  const rule = position.kind === 'substitution' ? CMDI_RULES.substitution : command.platform === 'windows' ? CMDI_RULES.windowsCommand : CMDI_RULES.separatorCommand;
  if (isSettled(scan, rule) && isSettled(scan, CMDI_RULES.commandInText)) return;
  // A whole value that is a command with words only (`ps aux`, `sleep 5`) states no command line.
  if (position.kind === 'start' && (args.anyShapes & STATED_SHAPES) === 0) return;
  report(scan, isStrongPosition(scan, position, isBareCommand, args, resolved) ? rule : CMDI_RULES.commandInText, fragment);
}

/**
 * A whole value that is a command line is an injection (a parameter passed to a shell whole, or the
 * payload of a form that runs one) when it does something: reads or writes a system path, reaches a
 * URL or address, redirects, runs code (`cmd /c`, `sh -c`), names its binary by path, or is a command
 * no one names in prose (`whoami`, `certutil`). `ls -la` or `git log --oneline` in a settings field
 * is a developer's note.
 */
function isArmedAtStart(resolved: ResolvedCommand, args: Arguments): boolean {
  const { command } = resolved;
  if (resolved.isBinaryPath || args.hasLoud || args.hasRedirect || (command.shapes & Shape.word) !== 0) return true;
  return command.execSwitches !== undefined && command.execSwitches.includes(args.firstWord);
}

/** Whether the first argument is one this command takes (see commands.ts). */
function fitsCommand(text: string, kind: PositionKind, resolved: ResolvedCommand, args: Arguments): boolean {
  const { command } = resolved;
  let shapes = args.shapes;
  // `$(id)`, `` `id` ``: the closing character ends the command.
  if ((shapes & Shape.separator) !== 0 && kind !== 'substitution' && !isCommandFollows(text, args.firstAt)) shapes &= ~Shape.separator;
  if ((shapes & Shape.word) !== 0 && findCommand(args.firstWord) !== undefined) shapes |= Shape.command;
  let allowed = resolved.isBinaryPath ? ~0 : command.shapes | (kind === 'substitution' ? Shape.end | Shape.separator : 0);
  // `cat file.txt | grep error` as a whole value is a command someone quotes, not an injected one.
  if (kind === 'start' && command.isFileReader === true) allowed &= ~Shape.host;
  if ((shapes & allowed) !== 0) return true;
  if (isSubcommand(command, args)) return true;
  return command.isPipeAware === true && (args.hasRedirect || args.terminator === 124);
}

function isSubcommand(command: ShellCommand, args: Arguments): boolean {
  return (args.shapes & Shape.word) !== 0 && command.subcommands !== undefined && command.subcommands.includes(args.firstWord);
}

/** The command stands alone (`;id`, `|id|`): no argument, or only what its separator allows. */
function isBare(command: ShellCommand, args: Arguments): boolean {
  return (args.shapes & (ARMED_SHAPES | Shape.word)) === 0 && !isSubcommand(command, args) && !(command.isPipeAware === true && args.hasRedirect);
}

/**
 * After a command's closing separator comes the end, a comment, a quote closing the payload, or
 * another command (`;id;`, `'; id; '`, `|id|ls`); `name;id;email` is a list.
 */
function isCommandFollows(text: string, separatorAt: number): boolean {
  let index = separatorAt;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9 || code === 39 || code === 34 || code === 41 || code === 125 || code === 10 || code === 13 || isTerminator(text, index)) index++;
    else break;
  }
  if (index >= text.length || text.charCodeAt(index) === 35) return true;
  const next = readShellWord(text, index, false);
  return !next.isTooLong && next.text !== '' && resolveCommand(next.text) !== undefined;
}

function isStrongPosition(scan: ShellScan, position: Position, isBareCommand: boolean, args: Arguments, resolved: ResolvedCommand): boolean {
  const { text } = scan;
  const { command } = resolved;
  const { kind, separator, isDoubled } = position;
  const subcommandWords = isSubcommand(command, args) ? 1 : 0;
  // `kill -9 is harsh`: arguments that read as a sentence.
  if (args.plainWords - subcommandWords >= 2) return false;
  // Sentence words before a command make it advice ("try cd app && ls -la"), unless what it does is
  // unmistakable: a name no sentence uses (`whoami`), or a system path, URL or address argument.
  const isLoud = (command.shapes & Shape.word) !== 0 || isLoudArgument(args.firstWord);
  switch (kind) {
    case 'start':
      return isArmedAtStart(resolved, args);
    case 'substitution':
      // `docker run -v $(pwd):/app`, `var el = $(id);`: a bare substitution inside code or prose.
      if (isBareCommand && !isLoud && wordsBefore(text, separator, false, 2) >= 2) return false;
      return !isInDocumentation(scan, separator);
    case 'newline':
      if (!isLoud && wordsBefore(text, separator, true, 2) >= 2) return false;
      return !isInDocumentation(scan, separator);
    case 'separator':
      if (!isLoud && wordsBefore(text, separator, false, 3) >= 3) return false;
      // `name;id` is a list, `localhost|whoami` is not: names that are never words need no injection point.
      if (isBareCommand && !isDoubled && (command.shapes & Shape.word) === 0 && !isInjectionPoint(text, separator)) return false;
      if (text.charCodeAt(separator) === 124 && isTableRow(text, separator, (scan.lineMemo ??= newLineMemo()))) return false;
      return !isInDocumentation(scan, separator);
  }
}

/** `a=c;b=at;$a$b /etc/passwd`: a command assembled from variables set earlier in the value. */
function inspectAssembled(scan: ShellScan, from: number, wordEnd: number, isBrace: boolean): void {
  const { text } = scan;
  // An assignment before it; the first `=` is searched once per value, not once per position.
  if (scan.firstEquals === -2) scan.firstEquals = text.indexOf('=');
  if (scan.firstEquals === -1 || scan.firstEquals > from) return;
  const args = readArguments(text, wordEnd, isBrace);
  if ((args.shapes & (ARMED_SHAPES | Shape.end | Shape.separator)) === 0) return;
  report(scan, CMDI_RULES.evasion, text.slice(from, Math.min(Math.max(args.end, wordEnd), from + MAX_FRAGMENT)));
}
