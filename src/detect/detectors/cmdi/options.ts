// Argument injection (CWE-88; CVE-2017-1000117, the curl/wget/tar/rsync/ssh option tricks of GTFOBins
// and PayloadsAllTheThings): a value a program receives as an argument, with no shell involved, is
// read as an option when it starts with `-`. A few options write a file the attacker names (`curl
// --output=/var/www/html/x.php`), or run a command (`tar --checkpoint-action=exec=...`, `ssh
// -oProxyCommand=...`). Only those, followed by a value that does it, count: `--output json` is a
// format, `-v` a switch.
import { isSentenceWord } from './context.js';

/** Options whose value is a file written or read as configuration: the value must be a path, a URL or a script. */
const FILE_OPTIONS = new Set([
  // curl
  'output', 'output-dir', 'config', 'upload-file', 'dump-header', 'cookie-jar', 'trace', 'trace-ascii', 'stderr', 'libcurl',
  // wget
  'output-document', 'output-file', 'append-output', 'post-file', 'body-file', 'input-file', 'directory-prefix',
  // git
  'template',
]);

/** Options whose value is a command the program runs: any value counts. */
const COMMAND_OPTIONS = new Set([
  // tar
  'checkpoint-action', 'to-command', 'use-compress-program', 'rsh-command', 'rmt-command', 'info-script', 'new-volume-script',
  // rsync, git, zip, wget
  'rsh', 'rsync-path', 'upload-pack', 'receive-pack', 'exec', 'unzip-command', 'execute', 'use-askpass',
  // Chromium launched by a renderer service
  'renderer-cmd-prefix', 'gpu-launcher', 'utility-cmd-prefix', 'browser-subprocess-path',
]);

/** Single-dash options of find(1) that run their argument. */
const FIND_ACTIONS = new Set(['exec', 'execdir']);
/** `ssh -o Name=value` options that run a command. */
const SSH_COMMANDS = new Set(['proxycommand', 'localcommand', 'permitlocalcommand', 'knownhostscommand']);
/** `php -d name=value` settings that include code (CVE-2012-1823, CVE-2024-4577). */
const PHP_SETTINGS = new Set(['allow_url_include', 'auto_prepend_file', 'auto_append_file']);

/** Extensions of scripts a web server runs or a shell executes: a written file with one is a dropper. */
const SCRIPT_EXTENSION = /\.(?:php\d?|phtml|phar|jspx?|aspx?|ashx|cgi|pl|py|sh|exe|war|hta|ps1)$/i;
const MAX_OPTION = 32;
const MAX_VALUE = 160;

/**
 * The injected option (from its dash, up to 120 characters), when the value starts with one, or
 * holds one after a single first token (`http://x/a --output=/var/www/a.php`); else undefined.
 */
export function findInjectedOption(text: string): string | undefined {
  let start = 0;
  while (start < text.length && isOpening(text.charCodeAt(start))) start++;
  if (text.charCodeAt(start) === 45) return isDangerousOption(text, start) ? text.slice(start, start + 120) : undefined;
  // After the first token: options are injected after an argument as often as before it. A vectorised
  // search for ` -`, then a check that only the first token precedes it.
  const spaced = text.indexOf(' -', start);
  if (spaced === -1) return undefined;
  let space = spaced;
  while (space > start && text.charCodeAt(space - 1) === 32) space--;
  if (space === start || text.lastIndexOf(' ', space - 1) >= start || text.lastIndexOf('\t', space - 1) >= start) return undefined;
  // "Use --output=/tmp/x to save" is advice: the first token must be an argument, not a sentence word.
  if (isSentenceWord(text, start, space)) return undefined;
  return isDangerousOption(text, spaced + 1) ? text.slice(spaced + 1, spaced + 121) : undefined;
}

function isDangerousOption(text: string, dash: number): boolean {
  const isLong = text.charCodeAt(dash + 1) === 45;
  const nameStart = dash + (isLong ? 2 : 1);
  let nameEnd = nameStart;
  while (nameEnd < text.length && nameEnd - nameStart < MAX_OPTION && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === nameStart) return false;
  const name = text.slice(nameStart, nameEnd).toLowerCase();
  const value = readValue(text, nameEnd);
  if (isLong) {
    if (value === '') return false;
    if (COMMAND_OPTIONS.has(name)) return true;
    return FILE_OPTIONS.has(name) && isFileTarget(value);
  }
  if (FIND_ACTIONS.has(name)) return value !== '';
  // `-oProxyCommand=...`, `-o ProxyCommand=...`; `-dallow_url_include=1`, `-d allow_url_include=1`.
  if (name.startsWith('o')) return settingIn(name.length > 1 ? `${name.slice(1)}=${value}` : value, SSH_COMMANDS);
  if (name.startsWith('d')) return settingIn(name.length > 1 ? `${name.slice(1)}=${value}` : value, PHP_SETTINGS);
  return false;
}

/** The option's value: after `=`, or the next word after spaces; '' when none. */
function readValue(text: string, nameEnd: number): string {
  let start = nameEnd;
  if (text.charCodeAt(start) === 61) start++;
  else {
    if (text.charCodeAt(start) !== 32 && text.charCodeAt(start) !== 9) return '';
    while (start < text.length && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  }
  let end = start;
  while (end < text.length && end - start < MAX_VALUE && text.charCodeAt(end) > 32) end++;
  return text.slice(start, end);
}

/** `Name=value` whose name (lowercase) is in `names` and whose value is not empty. */
function settingIn(setting: string, names: ReadonlySet<string>): boolean {
  const equals = setting.indexOf('=');
  return equals > 0 && equals < setting.length - 1 && names.has(setting.slice(0, equals).toLowerCase());
}

/**
 * An absolute or climbing path (`/var/www/html/x.php`, `C:\x`, `~/.bashrc`, `../../x`), a URL, or a
 * script name: what a file option writes or reads. `json` is a format, `./out` a build directory.
 */
function isFileTarget(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first === 47 || first === 92 || first === 126 || value.charCodeAt(1) === 58) return true;
  return value.indexOf('://') !== -1 || value.indexOf('..') !== -1 || SCRIPT_EXTENSION.test(value);
}

function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 95;
}

/** Whitespace and quotes a value may open with. */
function isOpening(code: number): boolean {
  return code === 32 || code === 9 || code === 34 || code === 39;
}
