// PowerShell download-and-run cradles and encoded commands (MITRE ATT&CK T1059.001, T1027): the
// `IEX (New-Object Net.WebClient).DownloadString(...)` family, `iwr ... | iex`, Invoke-Expression,
// `-EncodedCommand` and `[Convert]::FromBase64String(`. C# (`new WebClient().DownloadString(url)`)
// and IEX the exchange do not match. Each form is checked around its punctuation (`(`, `|`, `-`),
// found with indexOf, so prose costs a few searches rather than a case-insensitive regex scan.

const MAX_GAP = 8;
/** How far before `| iex` the download (`iwr`, `irm`, `Invoke-WebRequest`) may sit. */
const MAX_PIPELINE = 200;
const IEX_ARGUMENT = ['new-object', 'iwr', 'irm', 'invoke-', 'get-', '[', '$', '(', "'", '"'];
const DOWNLOADERS = /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring)\b/;

/**
 * The matched cradle (up to 120 characters from it), or undefined. The flags say which forms the
 * value's profile allows: calls (`(`), hyphenated names (`-` and a space or `(`), pipes (`|`).
 */
export function findPowerShell(text: string, hasParen: boolean, hasHyphen: boolean, hasPipe: boolean): string | undefined {
  for (let index = hasParen ? text.indexOf('(') : -1; index !== -1; index = text.indexOf('(', index + 1)) {
    const start = callBefore(text, index);
    if (start !== -1) return text.slice(start, start + 120);
  }
  for (let index = hasHyphen ? text.indexOf('-') : -1; index !== -1; index = text.indexOf('-', index + 1)) {
    const start = hyphenated(text, index);
    if (start !== -1) return text.slice(start, start + 120);
  }
  for (let index = hasPipe ? text.indexOf('|') : -1; index !== -1; index = text.indexOf('|', index + 1)) {
    if (isPipedToIex(text, index)) return text.slice(Math.max(0, index - 80), index + 40);
  }
  return undefined;
}

/** `IEX(`, `iex (New-Object ...`, `::FromBase64String(`: the start of the call, or -1. */
function callBefore(text: string, paren: number): number {
  const end = skipBack(text, paren);
  // Each name ends in `x`, `n` or `g`: any other letter before the parenthesis is no call of them.
  const last = text.charCodeAt(end - 1) | 0x20;
  if (last !== 120 && last !== 110 && last !== 103) return -1;
  if (endsWithWord(text, end, 'iex')) return isIexArgument(text, skipForward(text, paren + 1)) ? end - 3 : -1;
  if (endsWithWord(text, end, 'invoke-expression')) return end - 17;
  const convert = end - 16;
  return endsWithWord(text, end, 'frombase64string') && text.startsWith('::', convert - 2) ? convert - 2 : -1;
}

/** `Invoke-Expression`, `-EncodedCommand`, `New-Object Net.WebClient` around a hyphen, or -1. */
function hyphenated(text: string, hyphen: number): number {
  const after = text.charCodeAt(hyphen + 1) | 0x20;
  if (after === 101) {
    // Called or given an argument: a lone `Invoke-Expression` is the cmdlet's name, not a use of it.
    if (isWordAt(text, hyphen - 6, 'invoke-expression') && isFollowed(text, hyphen + 11)) return hyphen - 6;
    if (isWordAt(text, hyphen, '-encodedcommand') && isFollowed(text, hyphen + 15)) return hyphen;
  } else if (after === 111 && isWordAt(text, hyphen - 3, 'new-object')) {
    const target = skipForward(text, hyphen + 7);
    if (isWordAt(text, target, 'net.webclient') || isWordAt(text, target, 'system.net.webclient')) return hyphen - 3;
  }
  return -1;
}

/** `iwr http://x/a.ps1 | iex`: a download piped to Invoke-Expression on the same line. */
function isPipedToIex(text: string, pipe: number): boolean {
  const next = skipForward(text, pipe + 1);
  if (!isWordAt(text, next, 'iex') && !isWordAt(text, next, 'invoke-expression')) return false;
  let start = Math.max(0, pipe - MAX_PIPELINE);
  const newline = text.lastIndexOf('\n', pipe);
  if (newline >= start) start = newline + 1;
  return DOWNLOADERS.test(text.slice(start, pipe).toLowerCase());
}

function isIexArgument(text: string, at: number): boolean {
  const head = text.slice(at, at + 10).toLowerCase();
  return IEX_ARGUMENT.some((argument) => head.startsWith(argument));
}

/** `word` (lowercase ASCII) at `at`, case-insensitively, not glued to letters on either side. */
function isWordAt(text: string, at: number, word: string): boolean {
  if (at < 0 || at + word.length > text.length || isLetter(text.charCodeAt(at - 1)) || isLetter(text.charCodeAt(at + word.length))) return false;
  for (let index = 0; index < word.length; index++) {
    const code = text.charCodeAt(at + index);
    if ((code >= 65 && code <= 90 ? code + 32 : code) !== word.charCodeAt(index)) return false;
  }
  return true;
}

/** A space or a call's `(` follows at `index`, then something: the name is used, not mentioned. */
function isFollowed(text: string, index: number): boolean {
  const next = text.charCodeAt(index);
  return (next === 32 || next === 9 || next === 40) && skipForward(text, index + 1) < text.length;
}

function endsWithWord(text: string, end: number, word: string): boolean {
  return isWordAt(text, end - word.length, word);
}

/** The index after the last non-space character before `index` (at most MAX_GAP spaces back). */
function skipBack(text: string, index: number): number {
  let at = index;
  while (at > 0 && index - at < MAX_GAP && text.charCodeAt(at - 1) === 32) at--;
  return at;
}

function skipForward(text: string, index: number): number {
  let at = index;
  while (at < text.length && at - index < MAX_GAP && text.charCodeAt(at) === 32) at++;
  return at;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
