// A small evaluator of Log4j 2 lookup syntax (`${prefix:key:-default}`, nested), enough to see what a
// string turns into when Log4j 2.0-2.14 formats it: `${${lower:j}ndi:…}`, `${${::-j}${::-n}di:…}` and
// `${j${k8s:k5:-ND}i:…}` all become `${jndi:…}` (CVE-2021-44228, CVE-2021-45046). It resolves the
// lookups that only spell characters (lower, upper, date literals, unknown lookups with a default) and
// notes the ones that matter; it never reads the environment. One pass with an explicit stack: linear
// in the input, nesting bounded.

/** What the lookups of a string do. `undefined`: no such lookup. Fragments are the lookups as written. */
export interface LookupFindings {
  /** A `jndi:` lookup whose prefix was written as such. */
  jndi: string | undefined;
  /** A `jndi:` lookup whose prefix came out of nested lookups. */
  obfuscatedJndi: string | undefined;
  /** A lookup of secrets, system or runtime data (`${env:AWS_SECRET_ACCESS_KEY}`, `${sys:user.home}`): the exfiltration half. */
  sensitive: string | undefined;
  /** Another environment lookup (`${env:HOSTNAME}`); PowerShell writes `${env:ProgramFiles}` too. */
  environment: string | undefined;
  /** A lookup that only spells a few characters (`${lower:j}`, `${::-n}`), which nothing but evasion writes. */
  spelling: string | undefined;
  /**
   * Nested lookups holding an escaped one (`${${::-${::-$${::-j}}}}`): `$${` turns into `${` as the outer
   * lookups resolve, and Log4j 2.0-2.16 evaluates the result again without end (CVE-2021-45105). The
   * outermost lookup, as written (at most 120 characters).
   */
  recursive: string | undefined;
  /** The text with every closed lookup resolved (unresolvable ones kept as written). */
  resolved: string;
}

/** Nesting followed at most; deeper `${` stay text (Log4j itself recurses without a bound). */
export const MAX_LOOKUP_DEPTH = 12;
/** A default or case-changed key at most this long is a character being spelled, not a value. */
const SPELLING_LENGTH = 3;

/** Lookups (Log4j 2 manual, "Lookups") that read the host's configuration or runtime; `env` is judged by the variable. */
const SENSITIVE_PREFIXES = new Set(['sys', 'java', 'main', 'ctx', 'k8s', 'docker', 'spring', 'log4j', 'web', 'bundle', 'jvmrunargs']);
/**
 * Words of environment variables that hold credentials (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, DB_PASSWORD,
 * API_KEY...), matched as `_`-separated words so MONKEY and AUTHOR stay ordinary; AWS_ names all belong
 * to the cloud account.
 */
const SECRET_WORDS = new Set(['key', 'apikey', 'secret', 'secrets', 'token', 'pass', 'passwd', 'password', 'pwd', 'credential', 'credentials', 'auth', 'session', 'aws', 'private']);
/** Fragment length of a recursive lookup. */
const FRAGMENT_LENGTH = 120;

interface Frame {
  /** Index of the frame's `${` in the source. */
  readonly start: number;
  text: string;
}

export function evaluateLookups(source: string): LookupFindings {
  const findings: LookupFindings = {
    jndi: undefined, obfuscatedJndi: undefined, sensitive: undefined, environment: undefined, spelling: undefined, recursive: undefined, resolved: '',
  };
  const stack: Frame[] = [{ start: -1, text: '' }];
  let segmentStart = 0;
  for (let index = 0; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 36 /* $ */ && source.charCodeAt(index + 1) === 123 /* { */ && stack.length <= MAX_LOOKUP_DEPTH) {
      // `$${` two lookups deep: an escape that only the outer lookups' resolution turns into a lookup.
      if (stack.length > 2 && source.charCodeAt(index - 1) === 36 && findings.recursive === undefined) {
        const outer = stack[1]!.start;
        findings.recursive = source.slice(outer, outer + FRAGMENT_LENGTH);
      }
      stack[stack.length - 1]!.text += source.slice(segmentStart, index);
      stack.push({ start: index, text: '' });
      index++;
      segmentStart = index + 1;
    } else if (code === 125 /* } */ && stack.length > 1) {
      const frame = stack.pop()!;
      frame.text += source.slice(segmentStart, index);
      stack[stack.length - 1]!.text += resolve(frame.text, source.slice(frame.start, index + 1), findings);
      segmentStart = index + 1;
    }
  }
  stack[stack.length - 1]!.text += source.slice(segmentStart);
  // Unclosed lookups stay as text: `${jndi:ldap://x` cut short is still seen by the caller.
  while (stack.length > 1) {
    const frame = stack.pop()!;
    stack[stack.length - 1]!.text += '${' + frame.text;
  }
  findings.resolved = stack[0]!.text;
  return findings;
}

/** The value of one lookup whose inner lookups are already resolved; notes what it was. */
function resolve(expression: string, written: string, findings: LookupFindings): string {
  // StrSubstitutor splits the default off at the first `:-`; the Interpolator the prefix at the first `:`.
  const dash = expression.indexOf(':-');
  const name = dash === -1 ? expression : expression.slice(0, dash);
  const fallback = dash === -1 ? undefined : expression.slice(dash + 2);
  const colon = name.indexOf(':');
  if (colon === -1) return fallback ?? '${' + expression + '}';
  const prefix = name.slice(0, colon).toLowerCase();
  const key = name.slice(colon + 1);
  if (prefix === 'jndi') {
    // The Interpolator lowercases the prefix: `${JnDi:` works as well.
    const isWritten = /^\$\{jndi:/i.test(written);
    if (isWritten) findings.jndi ??= written;
    else findings.obfuscatedJndi ??= written;
    return '';
  }
  const value = lookUp(prefix, key, fallback);
  if (value !== undefined && value.length <= SPELLING_LENGTH && (fallback !== undefined || prefix === 'lower' || prefix === 'upper' || prefix === 'date')) {
    findings.spelling ??= written;
  } else if (fallback === undefined && (SENSITIVE_PREFIXES.has(prefix) || (prefix === 'env' && isSecretVariable(key)))) {
    findings.sensitive ??= written;
  } else if (fallback === undefined && prefix === 'env') {
    findings.environment ??= written;
  }
  return value ?? '${' + expression + '}';
}

function isSecretVariable(name: string): boolean {
  return name.toLowerCase().split(/[_.-]/).some((word) => SECRET_WORDS.has(word));
}

/** What Log4j would put in place of the lookup, as far as it matters here; undefined leaves it unresolved. */
function lookUp(prefix: string, key: string, fallback: string | undefined): string | undefined {
  if (prefix === 'lower') return key.toLowerCase();
  if (prefix === 'upper') return key.toUpperCase();
  // A date pattern's quoted text is printed as is: `${date:'j'}` is `j`.
  if (prefix === 'date' && key.includes("'")) return key.split("'").filter((_, index) => index % 2 === 1).join('');
  // Every other lookup is unknown here (env, sys, k8s, unknown prefixes): Log4j falls back to the default.
  return fallback;
}
