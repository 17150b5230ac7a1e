// The commands an OS command injection runs (OWASP WSTG-INPV-12, CWE-78; the Unix and Windows
// commands of PayloadsAllTheThings and commix payloads), each with the argument shapes that make its
// name a command rather than an English word: `cat /etc/passwd` is one, `cat and dog` is not.

/** Shapes of the first argument after a command name, as bits (see arguments.ts). */
export const Shape = {
  end: 1 << 0,
  separator: 1 << 1,
  flag: 1 << 2,
  path: 1 << 3,
  variable: 1 << 4,
  number: 1 << 5,
  host: 1 << 6,
  redirect: 1 << 7,
  quote: 1 << 8,
  word: 1 << 9,
  assignment: 1 << 10,
  command: 1 << 11,
  /** A word that is not a sentence word (`QWE123`, `HKLM`): also has `word`. */
  token: 1 << 12,
} as const;

export const ANY_SHAPE = (1 << 13) - 1;
/** Every argument but a plain word: for names that also occur in prose (`json | base64 string`). */
const TOOL = ANY_SHAPE & ~(Shape.word | Shape.token);
/** Shapes that are an argument rather than the command standing alone. */
export const ARMED_SHAPES = Shape.flag | Shape.path | Shape.variable | Shape.number | Shape.host | Shape.redirect | Shape.quote | Shape.assignment | Shape.command;

export interface ShellCommand {
  readonly name: string;
  /** Unix names are case-sensitive (`ID` is not `id`); Windows ones, and both's, are not. */
  readonly platform: 'unix' | 'windows' | 'both';
  readonly shapes: number;
  /** Plain-word arguments that count: subcommands (`net user`, `ip addr`, `reg query`). */
  readonly subcommands?: readonly string[];
  /** Counts with any argument when its output is piped or redirected (`echo x > f`, `echo x | sh`). */
  readonly isPipeAware?: boolean;
  /** Reads a file: a bare file name counts after a separator (`;cat index.php`), not as a whole value. */
  readonly isFileReader?: boolean;
  /** First arguments (lowercase) that make it run the next one as code: `/c`, `-c`, `-e`. */
  readonly execSwitches?: readonly string[];
}

const { end: E, separator: S, flag: F, path: P, variable: V, number: N, host: H, redirect: R, quote: Q, assignment: A, command: C, token: T } = Shape;
const ALONE = E | S | F | R;
const FETCH = F | P | H | V | Q;
const SHELL = E | S | F | P | R | V;
const INTERPRETER = F | P;
/** File readers: a file name (`index.php`, `flag.txt`) reads as a dotted host name too. */
const FILE = F | P | V | R | H;
/** PowerShell cmdlets: a parameter, a path, a URL, a variable, a string or a nested command. */
const CMDLET = F | P | H | V | Q | C;

/** [name, platform, shapes, subcommands?] */
type Entry = readonly [string, ShellCommand['platform'], number, (readonly string[])?];

const ENTRIES: readonly Entry[] = [
  // Reconnaissance: names that mean nothing in prose run alone.
  ['id', 'unix', ALONE], ['whoami', 'both', ANY_SHAPE], ['uname', 'unix', TOOL], ['pwd', 'unix', E | S | R],
  ['ls', 'unix', ALONE | P], ['dir', 'both', ALONE | P], ['hostname', 'both', ALONE], ['uptime', 'unix', TOOL],
  ['ifconfig', 'unix', ANY_SHAPE], ['ipconfig', 'windows', ANY_SHAPE], ['netstat', 'both', TOOL],
  ['ip', 'unix', F, ['a', 'addr', 'address', 'r', 'route', 'link', 'l', 'neigh', 'n']],
  ['ps', 'unix', ALONE, ['aux', 'ax', 'ef', 'faux']], ['env', 'unix', SHELL], ['printenv', 'unix', TOOL],
  ['dmesg', 'unix', TOOL], ['lsb_release', 'unix', TOOL], ['getent', 'unix', TOOL], ['df', 'unix', ALONE],
  ['systeminfo', 'windows', ANY_SHAPE], ['tasklist', 'windows', ANY_SHAPE], ['arp', 'both', ALONE], ['ver', 'windows', E | S],
  // Reading files.
  ['cat', 'unix', FILE | Q], ['tac', 'unix', FILE], ['head', 'unix', FILE], ['tail', 'unix', FILE], ['nl', 'unix', FILE],
  ['more', 'both', P | R], ['less', 'unix', P | R], ['strings', 'unix', F | P], ['od', 'unix', F | P], ['type', 'windows', P | H],
  ['grep', 'unix', F | P | Q], ['findstr', 'windows', TOOL], ['find', 'unix', F | P], ['awk', 'unix', F | P | Q],
  ['gawk', 'unix', F | P | Q], ['sed', 'unix', F | P | Q], ['base64', 'unix', TOOL], ['xxd', 'unix', TOOL],
  ['cut', 'unix', F], ['tee', 'unix', F | P],
  // Fetching, connecting and shells.
  ['wget', 'unix', FETCH], ['curl', 'both', FETCH], ['nc', 'unix', F | H | V], ['ncat', 'unix', ANY_SHAPE],
  ['netcat', 'unix', ANY_SHAPE], ['socat', 'unix', TOOL], ['telnet', 'both', F | H | V], ['ftp', 'both', F | H],
  ['tftp', 'both', F | H], ['ssh', 'unix', F | H], ['scp', 'unix', F | H], ['nmap', 'unix', TOOL],
  ['ping', 'both', F | H | V], ['nslookup', 'both', ANY_SHAPE], ['dig', 'unix', F | H | V], ['tracert', 'windows', F | H],
  ['bash', 'unix', SHELL], ['sh', 'unix', SHELL], ['zsh', 'unix', SHELL], ['dash', 'unix', SHELL], ['ksh', 'unix', SHELL],
  ['csh', 'unix', SHELL], ['tcsh', 'unix', SHELL], ['ash', 'unix', SHELL], ['busybox', 'unix', ANY_SHAPE],
  ['python', 'unix', INTERPRETER], ['python2', 'unix', INTERPRETER], ['python3', 'unix', INTERPRETER], ['perl', 'unix', INTERPRETER],
  ['ruby', 'unix', INTERPRETER], ['php', 'unix', INTERPRETER], ['node', 'unix', INTERPRETER], ['lua', 'unix', INTERPRETER],
  ['java', 'unix', INTERPRETER], ['openssl', 'unix', TOOL], ['mkfifo', 'unix', TOOL], ['mknod', 'unix', TOOL],
  ['exec', 'unix', F | P | C], ['eval', 'unix', Q | V | C], ['nohup', 'unix', F | P | C], ['xargs', 'unix', F | C],
  ['sudo', 'unix', F | C], ['su', 'unix', F, ['root']], ['timeout', 'both', F | N],
  // Changing the system.
  ['sleep', 'unix', N | V], ['echo', 'both', F | V | Q | R | T], ['printf', 'unix', Q | V], ['export', 'unix', F | A],
  ['chmod', 'unix', ANY_SHAPE], ['chown', 'unix', ANY_SHAPE], ['chgrp', 'unix', ANY_SHAPE], ['chattr', 'unix', TOOL],
  ['rm', 'unix', F | P | V], ['mv', 'unix', F | P | V], ['cp', 'unix', F | P | V], ['ln', 'unix', F | P],
  ['touch', 'unix', F | P], ['mkdir', 'unix', F | P], ['dd', 'unix', F | A], ['tar', 'unix', F],
  ['kill', 'unix', F | N], ['pkill', 'unix', TOOL], ['killall', 'unix', TOOL], ['crontab', 'unix', TOOL],
  ['useradd', 'unix', TOOL], ['usermod', 'unix', TOOL], ['userdel', 'unix', TOOL], ['adduser', 'unix', TOOL],
  ['groupadd', 'unix', TOOL], ['passwd', 'unix', ALONE], ['systemctl', 'unix', TOOL], ['reboot', 'unix', ALONE],
  ['shutdown', 'both', F],
  // Windows.
  ['cmd', 'windows', ALONE], ['powershell', 'windows', ANY_SHAPE], ['pwsh', 'windows', ANY_SHAPE],
  ['net', 'windows', F, ['user', 'users', 'localgroup', 'group', 'view', 'use', 'share', 'start', 'stop', 'session', 'accounts', 'config', 'time', 'file']],
  ['net1', 'windows', TOOL], ['taskkill', 'windows', TOOL], ['certutil', 'windows', ANY_SHAPE],
  ['bitsadmin', 'windows', ANY_SHAPE], ['mshta', 'windows', ANY_SHAPE], ['rundll32', 'windows', ANY_SHAPE],
  ['regsvr32', 'windows', ANY_SHAPE], ['wmic', 'windows', ANY_SHAPE], ['schtasks', 'windows', ANY_SHAPE],
  ['cscript', 'windows', TOOL], ['wscript', 'windows', TOOL], ['msiexec', 'windows', TOOL],
  ['vssadmin', 'windows', TOOL], ['wevtutil', 'windows', TOOL], ['icacls', 'windows', TOOL],
  ['cacls', 'windows', TOOL], ['netsh', 'windows', TOOL], ['attrib', 'windows', TOOL],
  ['forfiles', 'windows', TOOL], ['start', 'windows', F | P | C], ['copy', 'windows', F | P], ['del', 'windows', F | P],
  ['erase', 'windows', F | P], ['reg', 'windows', F, ['query', 'add', 'delete', 'save', 'export', 'import', 'load', 'copy']],
  ['sc', 'windows', 0, ['query', 'qc', 'queryex', 'create', 'config', 'start', 'stop', 'delete', 'description']],
  // PowerShell cmdlets that download, upload, run, read or write (the exfiltration and dropper steps
  // of MITRE ATT&CK T1059.001): Verb-Noun names no sentence holds, with their parameters (`-Uri`).
  ['invoke-webrequest', 'windows', CMDLET], ['invoke-restmethod', 'windows', CMDLET], ['invoke-expression', 'windows', CMDLET],
  ['invoke-command', 'windows', CMDLET], ['invoke-item', 'windows', CMDLET], ['invoke-wmimethod', 'windows', CMDLET],
  ['start-process', 'windows', CMDLET], ['start-bitstransfer', 'windows', CMDLET], ['new-object', 'windows', CMDLET],
  ['get-content', 'windows', CMDLET], ['set-content', 'windows', CMDLET], ['add-content', 'windows', CMDLET],
  ['out-file', 'windows', CMDLET], ['remove-item', 'windows', CMDLET], ['copy-item', 'windows', CMDLET],
  ['get-childitem', 'windows', CMDLET], ['get-wmiobject', 'windows', CMDLET], ['get-process', 'windows', CMDLET],
  ['stop-process', 'windows', CMDLET], ['set-mppreference', 'windows', CMDLET], ['add-mppreference', 'windows', CMDLET],
  ['iwr', 'windows', CMDLET], ['irm', 'windows', CMDLET], ['iex', 'windows', CMDLET],
];

/**
 * Switches after which a shell or interpreter runs the next argument as code (`cmd /c`, `sh -c`,
 * `powershell -enc`, `python -c`, `perl -e`): a command line even where no separator put it.
 */
const EXEC_SWITCHES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['cmd', ['/c', '/k', '/r']],
  ...['bash', 'sh', 'zsh', 'dash', 'ksh', 'csh', 'tcsh', 'ash'].map((name) => [name, ['-c']] as const),
  ...['powershell', 'pwsh'].map((name) => [name, ['-c', '-command', '-e', '-ec', '-enc', '-encodedcommand', '-f', '-file']] as const),
  ...['python', 'python2', 'python3'].map((name) => [name, ['-c']] as const),
  ...['perl', 'ruby', 'node', 'lua'].map((name) => [name, ['-e']] as const),
  ['php', ['-r']],
]);

/** Counted whatever follows them when their output is piped or redirected. */
const PIPE_AWARE = new Set(['echo', 'printf']);
const FILE_READERS = new Set(['cat', 'tac', 'head', 'tail', 'nl', 'type']);

const COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(ENTRIES.map(([name, platform, shapes, subcommands]) => [
  name,
  {
    name, platform, shapes,
    ...(subcommands === undefined ? {} : { subcommands }),
    ...(PIPE_AWARE.has(name) ? { isPipeAware: true } : {}),
    ...(FILE_READERS.has(name) ? { isFileReader: true } : {}),
    ...(EXEC_SWITCHES.has(name) ? { execSwitches: EXEC_SWITCHES.get(name)! } : {}),
  },
]));

/** Longest name, with `.exe`: longer words are not looked up. */
export const MAX_COMMAND_LENGTH = 22;

/**
 * Unix commands match exactly; Windows ones case-insensitively and with `.exe`, except in title case:
 * cmd.exe reads `Dir` as `dir`, but "Main St & Dir" is an address, and payloads use `dir` or `DIR`.
 */
export function findCommand(word: string): ShellCommand | undefined {
  if (word.length === 0 || word.length > MAX_COMMAND_LENGTH) return undefined;
  const exact = COMMANDS.get(word);
  if (exact !== undefined) return exact;
  const lower = word.toLowerCase();
  if (lower !== word && isTitleCase(word, lower)) return undefined;
  const name = lower.endsWith('.exe') ? lower.slice(0, -4) : lower;
  if (name === word) return undefined;
  const folded = COMMANDS.get(name);
  // `ID` is not `id` on a case-sensitive system, and `id.exe` is no Unix command.
  return folded === undefined || folded.platform === 'unix' ? undefined : folded;
}

function isTitleCase(word: string, lower: string): boolean {
  const first = word.charCodeAt(0);
  return first >= 65 && first <= 90 && word.slice(1) === lower.slice(1);
}

/** Every name, for globs (`/???/c?t`, `/bin/c*t`) to be matched against. */
export function commandNames(): IterableIterator<string> {
  return COMMANDS.keys();
}

/**
 * The first four characters a command word can start with (see position.ts, mayStartCommand): the
 * names, with `.exe` for Windows ones, and `words` (the shell's keywords), as keys
 * `c1 << 21 | c2 << 14 | c3 << 7 | c4` (lowercase ASCII; 0 past the end of a shorter name: `id`, `cat`).
 */
export function commandPrefixes(words: Iterable<string>): ReadonlySet<number> {
  const prefixes = new Set<number>();
  const names = [...words];
  for (const [name, command] of COMMANDS) names.push(name, ...(command.platform === 'unix' ? [] : [`${name}.exe`]));
  for (const name of names) {
    let key = 0;
    for (let index = 0; index < 4; index++) key = (key << 7) | (index < name.length ? name.charCodeAt(index) : 0);
    prefixes.add(key);
  }
  return prefixes;
}

/** Characters a word naming a command (or disguising one) may start with, whatever follows (`/bin/sh`, `%COMSPEC%`, `"id"`). */
export const COMMAND_OPENERS = '/\\%$"\'`^';
/** Characters that quote, escape, expand or glob inside a name (`c''at`, `w^hoami`, `c$@at`), or make a drive (`C:`). */
export const NAME_DISGUISES = '"\'\\^$`?*[:';
