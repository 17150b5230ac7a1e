// Turns the custom types of the configuration into classifiers: field-name globs compiled to a
// linear matcher, value patterns compiled once by re2js (linear time whatever the pattern), and a
// CONFIG_INVALID error that names the offending key when a type is unusable.
import { RE2JS } from 're2js';
import { BulwarkError } from '../../core/errors.js';
import { ANY_FIRST_CHAR, type KeyHint, type SensitiveClassifier } from './classifier.js';
import type { CustomSensitiveTypeConfig } from './config.js';
import { isPlaceholder } from './entropy.js';
import { normalizeKey } from './key-hint.js';

/** Values longer than this are not tried against a custom pattern (an identifier is short). */
const MAX_CUSTOM_VALUE_LENGTH = 1024;

/** A matcher for one normalised name glob: `*` is any run of characters, the rest compares literally. */
export function compileKeyGlob(glob: string): (name: string) => boolean {
  const parts = glob.split('*').map(normalizeKey);
  if (parts.length === 1) {
    const exact = parts[0] ?? '';
    return (name) => name === exact;
  }
  const head = parts[0] ?? '';
  const tail = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  return (name) => {
    if (name.length < head.length + tail.length || !name.startsWith(head) || !name.endsWith(tail)) return false;
    // Middle parts in order, left to right, between head and tail: one indexOf each, so linear.
    let from = head.length;
    const end = name.length - tail.length;
    for (const part of middle) {
      const at = name.indexOf(part, from);
      if (at === -1 || at + part.length > end) return false;
      from = at + part.length;
    }
    return true;
  };
}

function configError(path: string, message: string, cause?: unknown): BulwarkError {
  return new BulwarkError('CONFIG_INVALID', `${path}: ${message}`, { details: [{ path, message }], ...(cause === undefined ? {} : { cause }) });
}

function compilePattern(pattern: string, path: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    throw configError(path, `is not a valid RE2 pattern (${error instanceof Error ? error.message : String(error)})`, error);
  }
}

/** A classifier for one custom type; `path` (`discovery.sensitive.custom[2]`) names it in errors. */
export function compileCustomType(config: CustomSensitiveTypeConfig, path: string): SensitiveClassifier {
  if (config.keys === undefined && config.valuePattern === undefined) throw configError(path, 'needs `keys`, `valuePattern` or both');
  const pattern = config.valuePattern === undefined ? undefined : compilePattern(config.valuePattern, `${path}.valuePattern`);
  const globs = (config.keys ?? []).map(compileKeyGlob);
  const matchesValue = (value: string): boolean => value.length <= MAX_CUSTOM_VALUE_LENGTH && (pattern === undefined ? !isPlaceholder(value) : pattern.testExact(value));
  return {
    id: `custom:${config.name}`,
    description: config.description ?? `Custom type ${config.name}.`,
    ...(globs.length === 0 ? {} : { matchKey: (key: KeyHint) => globs.some((glob) => glob(key.name)) }),
    // With keys the key is required; with a pattern only, every value is a candidate.
    ...(globs.length === 0 ? { valueGate: { minLength: 1, maxLength: MAX_CUSTOM_VALUE_LENGTH, firstChars: ANY_FIRST_CHAR } } : {}),
    matchValue: (value, isKeyMatched) => (globs.length === 0 || isKeyMatched) && matchesValue(value),
  };
}

/** Classifiers for every custom type; names must be unique. */
export function compileCustomTypes(configs: readonly CustomSensitiveTypeConfig[], keyPath: string): SensitiveClassifier[] {
  const seen = new Set<string>();
  return configs.map((config, index) => {
    const path = `${keyPath}.custom[${index}]`;
    if (seen.has(config.name)) throw configError(`${path}.name`, `"${config.name}" is declared twice`);
    seen.add(config.name);
    return compileCustomType(config, path);
  });
}
