// Checking free-text and scope options of the management commands (grants; keys has the same rules):
// each refusal is CLI_ARGUMENT_INVALID with a message that starts with the option it is about.
import { BulwarkError } from '../core/errors.js';
import { isScopeToken } from '../store/index.js';
import { escapeUnsafe } from './terminal-text.js';

export const MAX_TEXT = 200;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function invalidOption(option: string, problem: string): never {
  throw new BulwarkError('CLI_ARGUMENT_INVALID', `${option}: ${problem}`);
}

/**
 * A bounded, printable text value. Control characters and bidi overrides are refused rather than
 * escaped: these values end up in events and tables that operators read (CVE-2021-42574).
 */
export function textOption(option: string, value: string | undefined, isRequired: true): string;
export function textOption(option: string, value: string | undefined, isRequired: false): string | undefined;
export function textOption(option: string, value: string | undefined, isRequired: boolean): string | undefined {
  if (value === undefined) return isRequired ? invalidOption(option, 'a value is required') : undefined;
  if (value.trim() === '') invalidOption(option, 'must not be empty');
  if (value.length > MAX_TEXT) invalidOption(option, `longer than ${MAX_TEXT} characters`);
  if (CONTROL_CHARS.test(value)) invalidOption(option, 'must not contain control characters');
  return value;
}

/** "a, b,a" → ['a', 'b']: at least one, each an RFC 6749 §3.3 scope-token, duplicates dropped. */
export function scopesOption(option: string, value: string | undefined): string[] {
  if (value === undefined) invalidOption(option, 'a value is required (comma-separated scopes, e.g. orders:read,orders:write)');
  const scopes = value.split(',').map((scope) => scope.trim());
  const bad = scopes.find((scope) => !isScopeToken(scope));
  if (bad !== undefined) {
    invalidOption(option, bad === '' ? 'has an empty scope' : `"${escapeUnsafe(bad)}" is not a scope (printable ASCII without space, " or \\)`);
  }
  return [...new Set(scopes)];
}
