// What an answer gives away about the server: stack traces and internal errors, and product
// versions in headers. Every pattern is anchored on fixed text with bounded repeats: answers are
// attacker-influenced and can be large, so matching must stay linear.

/** Stack-trace and internal-error signatures by platform, on the first 64 KB of a body. */
const STACK_TRACES: readonly { readonly platform: string; readonly pattern: RegExp }[] = [
  // The path part excludes ':' so only one split before `:line:column` is possible.
  // A line break may be JSON-escaped (`"stack": "Error\n    at ..."`).
  { platform: 'Node.js', pattern: /(?:\n|\\n)\s{0,8}at [\w$.<>[\] ]{1,120} \((?:file:\/\/|\/|[A-Za-z]:\\\\?|node:)[^():\n]{1,300}:\d{1,6}:\d{1,6}\)/ },
  { platform: 'Python', pattern: /Traceback \(most recent call last\):/ },
  { platform: 'Java', pattern: /\bat [a-z][\w$]{0,60}(?:\.[\w$<>]{1,80}){2,12}\([\w$]{1,80}\.(?:java|kt|scala):\d{1,6}\)/ },
  { platform: '.NET', pattern: /(?:\n|\\n)\s{1,8}at [\w.`<>]{1,200}\([^()\n]{0,200}\) in [^\n]{1,300}:line \d{1,6}|--- End of (?:inner exception )?stack trace ---/ },
  { platform: 'PHP', pattern: /(?:Fatal error|Warning|Parse error)<\/b>?:? .{1,300} on line <b>?\d{1,6}|Stack trace:\s{0,4}\n#0 / },
  { platform: 'Ruby', pattern: /\.rb:\d{1,6}:in [`'][^'\n]{1,120}'/ },
  { platform: 'Go', pattern: /goroutine \d{1,8} \[running\]:/ },
];

/** The platform whose stack trace or internal error the body shows, if any. */
export function stackTraceIn(body: string): string | undefined {
  return STACK_TRACES.find(({ pattern }) => pattern.test(body))?.platform;
}

const BANNER_HEADERS = ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator', 'x-runtime-version'] as const;
const VERSION = /\d{1,6}(?:\.\d{1,6}){1,3}/;

/** Headers naming software with its version (`X-Powered-By: Express 4.16.0`): what to look up in CVE lists. */
export function versionBanners(headers: Readonly<Record<string, string>>): { readonly header: string; readonly value: string }[] {
  return BANNER_HEADERS.flatMap((header) => {
    const value = headers[header];
    return value !== undefined && VERSION.test(value) ? [{ header, value }] : [];
  });
}

/** SQL errors by engine: a quote in a parameter that makes one appear is an injection point. */
const SQL_ERRORS: readonly { readonly engine: string; readonly pattern: RegExp }[] = [
  { engine: 'SQLite', pattern: /SQLITE_ERROR|SqliteError|sqlite3\.OperationalError|unrecognized token: "|near "[^"\n]{0,80}": syntax error/ },
  { engine: 'PostgreSQL', pattern: /PG::SyntaxError|unterminated quoted string at or near|syntax error at or near "|org\.postgresql\.util\.PSQLException/ },
  { engine: 'MySQL', pattern: /You have an error in your SQL syntax|com\.mysql\.jdbc|MySqlException|SQLSTATE\[42000\]/ },
  { engine: 'SQL Server', pattern: /Unclosed quotation mark after the character string|Microsoft OLE DB Provider for SQL Server|SqlException/ },
  { engine: 'Oracle', pattern: /ORA-\d{5}|quoted string not properly terminated/ },
];

export function sqlErrorIn(body: string): string | undefined {
  return SQL_ERRORS.find(({ pattern }) => pattern.test(body))?.engine;
}
