// The files and directories local file inclusion goes after (OWASP WSTG-ATHZ-01, CWE-22 / CWE-98):
// system accounts and configuration, process information, logs (for log poisoning), credentials
// and keys, web server and application configuration, repository metadata. Lowercase, `/`-separated.

/**
 * Files worth reading from a filesystem root, by their first two segments (`*` any second one):
 * accounts, keys, process memory and environment, the root user's home, Windows' own secrets. Named
 * outright, an absolute path to one of them is an attack (CRS lfi-os-files lists the same kind).
 */
const SENSITIVE_FROM_ROOT: ReadonlyMap<string, readonly string[]> = new Map([
  ['etc', ['passwd', 'shadow', 'gshadow', 'group', 'master.passwd', 'sudoers', 'security', 'ssh', 'hosts', 'issue', 'crontab', 'environment', 'ld.so.preload', 'mysql', 'httpd', 'apache2']],
  ['proc', ['self', 'thread-self', 'version', 'cmdline', 'mounts', 'net', 'environ', 'sched_debug', 'kcore', 'kallsyms', '#']],
  // Web and SSH server logs, which log poisoning writes PHP into before including them; a Kubernetes
  // pod's service account token (`/var/run/secrets/kubernetes.io/serviceaccount/token`), which
  // /run holds too. An application's own logs (`/var/log/app/`) stay system paths.
  ['var', ['log/apache', 'log/apache2', 'log/httpd', 'log/nginx', 'log/lighttpd', 'log/auth.log', 'log/secure', 'log/vsftpd.log', 'log/mail.log', 'run/secrets']],
  ['run', ['secrets/kubernetes.io']],
  ['root', ['*']],
  ['winnt', ['*']],
  ['windows', ['win.ini', 'system.ini', 'repair', 'panther', 'debug', 'system32/config', 'system32/drivers']],
]);

/**
 * System directories: reached by climbing out of a directory they are the target; named as an
 * absolute path they are often configuration (a log shipper's `/var/log/syslog`, a Kubernetes mount
 * of `/etc/nginx/conf.d`), so alone they only count at paranoia 2.
 */
const SYSTEM_FROM_ROOT: ReadonlyMap<string, readonly string[]> = new Map([
  ['etc', ['*']],
  ['proc', ['*']],
  ['root', ['*']],
  ['var', ['log', 'mail', 'spool', 'run', 'lib', 'www', 'backups', 'db']],
  ['run', ['secrets']],
  ['usr', ['local']],
  ['windows', ['*']],
  ['winnt', ['*']],
  ['inetpub', ['*']],
]);

/**
 * Names sensitive wherever they sit (`~/.ssh/id_rsa`, `app/.env`, `WEB-INF/web.xml`); a name followed
 * by a dot and a suffix counts too (`.htaccess.bak`, `id_rsa.pub`, `.env.local`).
 */
const SENSITIVE_NAMES = new Set([
  '.htaccess', '.htpasswd', '.htdigest', 'web.config', '.env', '.git', '.svn', '.hg', '.bzr', '.ssh', '.aws',
  '.docker', '.kube', '.gnupg', '.npmrc', '.pypirc', '.pgpass', '.netrc', '.git-credentials', '.bash_history',
  '.zsh_history', '.sh_history', '.mysql_history', '.psql_history', '.bashrc', '.bash_profile', '.profile',
  'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'authorized_keys', 'wp-config.php', 'php.ini', 'my.cnf',
  'httpd.conf', 'apache2.conf', 'boot.ini', 'win.ini', 'system.ini', 'ntuser.dat', 'web-inf', 'meta-inf',
  'applicationhost.config', 'localstart.asp', 'tomcat-users.xml',
]);

/**
 * A table of the first two characters (lowercase ASCII) of the sensitive names that do not start
 * with a dot, at `first * 128 + second`: whether a segment may be one, read without a call.
 */
export function sensitiveNamePrefixes(): Uint8Array {
  const table = new Uint8Array(128 * 128);
  for (const name of SENSITIVE_NAMES) {
    if (name.charCodeAt(0) !== 46) table[name.charCodeAt(0) * 128 + name.charCodeAt(1)] = 1;
  }
  return table;
}

/** Every sensitive name, for tests. */
export function sensitiveNames(): IterableIterator<string> {
  return SENSITIVE_NAMES.values();
}

/** `.env.example` and its kin are templates committed on purpose, named in every project's README. */
const TEMPLATE_SUFFIXES = new Set(['example', 'sample', 'dist', 'template', 'defaults']);

/** Whether a path segment (lowercase) names a sensitive file or directory. */
export function isSensitiveName(segment: string): boolean {
  if (segment.length < 3) return false;
  if (SENSITIVE_NAMES.has(segment)) return true;
  const dot = segment.indexOf('.', 1);
  if (dot === -1) return false;
  const base = segment.slice(0, dot);
  if (SENSITIVE_NAMES.has(base)) return !(base === '.env' && TEMPLATE_SUFFIXES.has(segment.slice(dot + 1)));
  // `web.config.bak`, `wp-config.php.old`: the name itself holds a dot.
  const second = segment.indexOf('.', dot + 1);
  return second !== -1 && SENSITIVE_NAMES.has(segment.slice(0, second));
}

/** Whether named segments (up to three), read from a filesystem root, name a sensitive file. */
export function isSensitiveFromRoot(names: readonly string[]): boolean {
  return matchesRootTable(SENSITIVE_FROM_ROOT, names);
}

/** Whether named segments (up to three), read from a filesystem root, are inside a system directory. */
export function isSystemFromRoot(names: readonly string[]): boolean {
  return matchesRootTable(SYSTEM_FROM_ROOT, names);
}

function matchesRootTable(table: ReadonlyMap<string, readonly string[]>, names: readonly string[]): boolean {
  const seconds = table.get(names[0] ?? '');
  const second = names[1];
  if (seconds === undefined || second === undefined || second === '') return false;
  // `passwd.jpg`: what remains of `passwd%00.jpg` once the NUL is gone (the engine drops it).
  if (seconds.includes('*') || seconds.some((name) => second === name || second.startsWith(`${name}.`))) return true;
  // `#`: a process id (`/proc/1/environ`); `a/b`: two segments (`windows/system32/config`).
  if (seconds.includes('#') && /^\d+$/.test(second)) return true;
  return seconds.includes(`${second}/${names[2] ?? ''}`);
}
