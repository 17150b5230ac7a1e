// Path canonicalisation for traversal detection (CWE-22, OWASP Path Traversal): backslashes as
// slashes, repeated slashes collapsed, `.` and `..` segments resolved (RFC 3986 section 5.2.4), so
// `a/./b\..//../../etc/passwd` reads as `../etc/passwd`. Exported for detectors; not in the pipeline.
import { unchanged, type Normalized } from './normalizer.js';

export interface ResolvedPath extends Normalized {
  /** `..` segments that climbed above the start (the root, a drive, or the relative start). */
  readonly escapes: number;
}

const DRIVE = /^[A-Za-z]:$/;

/**
 * Unlike RFC 3986 and path.posix.normalize, a `..` above the start is kept (`/../etc` stays, not
 * `/etc`): it is the evidence. Windows treats `\` as a separator and IIS / Tomcat accept it in URLs
 * (CVE-2007-0450); Tomcat and Spring read `..;jsessionid=x` as `..` (path parameters, RFC 3986 3.3),
 * the `/..;/` bypass of reverse-proxy rules, so a `.` or `..` followed by `;` counts as that segment.
 * A leading drive (`C:`) is a root. A UNC prefix (`\\host\share`) becomes `/host/share`: detectors
 * looking for UNC paths must test the decoded value, not this form.
 */
export function resolvePath(input: string): ResolvedPath {
  if (!mayChange(input)) return { value: input, changed: false, escapes: 0 };
  const slashed = input.includes('\\') ? input.replaceAll('\\', '/') : input;
  const segments = slashed.split('/');
  const first = segments[0] ?? '';
  const root = DRIVE.test(first) ? `${first}/` : slashed.startsWith('/') ? '/' : '';
  const kept: string[] = [];
  let escapes = 0;
  for (let index = DRIVE.test(first) ? 1 : 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const dots = dotSegment(segment);
    if (segment === '' || dots === 1) continue;
    if (dots === 2) {
      // Only real names can be cancelled: `..` already kept are escapes and pile up.
      if (kept.length > escapes) kept.pop();
      else {
        kept.push('..');
        escapes++;
      }
      continue;
    }
    kept.push(segment);
  }
  const body = kept.join('/');
  const hasTrailingSlash = body !== '' && slashed.endsWith('/');
  const value = root + body + (hasTrailingSlash ? '/' : '') || '.';
  return value === input ? { value: input, changed: false, escapes } : { value, changed: true, escapes };
}

export function normalizePath(input: string): Normalized {
  const resolved = resolvePath(input);
  return resolved.changed ? { value: resolved.value, changed: true } : unchanged(input);
}

/** The number of `..` that climb above the start of `input`: 0 for a path that stays inside. */
export function countPathEscapes(input: string): number {
  return resolvePath(input).escapes;
}

/** Nothing to resolve: no backslash, no empty segment and no segment that starts with a dot. */
function mayChange(input: string): boolean {
  return input.includes('\\') || input.includes('//') || input.includes('/.') || input.startsWith('.');
}

/** 1 for `.`, 2 for `..` (either followed by a `;` path parameter), 0 for any other segment. */
function dotSegment(segment: string): number {
  const semicolon = segment.indexOf(';');
  const name = semicolon === -1 ? segment : segment.slice(0, semicolon);
  return name === '.' ? 1 : name === '..' ? 2 : 0;
}
