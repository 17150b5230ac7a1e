// The classifier discovery runs on every field value it samples: field names are profiled once and
// cached; values go through a length and first-character gate, so most plain strings meet no check
// at all; checks run in registry order and the result lists every type found.
import { firstCharClass, type SensitiveClassifier, type SensitiveType } from './classifier.js';
import { BUILTIN_CLASSIFIERS } from './classifiers/registry.js';
import type { SensitiveConfig } from './config.js';
import { compileCustomTypes } from './custom.js';
import { isIdentifierKey, keyHint } from './key-hint.js';

export interface SensitiveDataClassifier {
  /**
   * The sensitive types `value` holds, given its field name `key` and the key of the enclosing object
   * `parentKey` (for an item of an array, pass the array's key as `key`). Strings are checked trimmed;
   * non-negative integers as their digits; other values (booleans, objects, fractions) hold none.
   * Returns a shared empty array when there is nothing. Nothing is kept of the value.
   */
  classify(key: string | undefined, value: unknown, parentKey?: string): readonly SensitiveType[];
  /**
   * What classify makes of the field names, computed once: `classifyKeyed(keyOf(key, parentKey), value)`
   * is `classify(key, value, parentKey)`. A caller that walks the same locations again and again (a
   * body's fields) keeps the handle per location and skips the name lookup per value.
   */
  keyOf(key: string | undefined, parentKey?: string): SensitiveKey;
  classifyKeyed(keyed: SensitiveKey, value: unknown): readonly SensitiveType[];
  /** The enabled types, in the order results list them. */
  readonly types: readonly SensitiveType[];
}

export interface SensitiveClassifierOptions {
  /** Where the config sits, for error messages (default `discovery.sensitive`). */
  readonly keyPath?: string;
}

/** Longer values are not classified: PEM keys and JWTs stay well below it. */
export const MAX_VALUE_LENGTH = 16_384;
/** Distinct field names remembered before the cache starts over (names can be attacker-chosen). */
const MAX_CACHED_KEYS = 10_000;
const NONE: readonly SensitiveType[] = Object.freeze([]);

/** A field name (and its parent's) as the classifier that made it reads them; opaque to callers. */
export type SensitiveKey = KeyProfile;

interface KeyProfile {
  /** Per classifier (by index): the field name points to its type. */
  readonly isNamed: Uint8Array;
  readonly hasNamed: boolean;
  /** The name is an identifier's, a counter's or a time's: shape-ambiguous value checks are skipped. */
  readonly isIdentifier: boolean;
}

export function createSensitiveClassifier(config: Partial<SensitiveConfig> = {}, options: SensitiveClassifierOptions = {}): SensitiveDataClassifier {
  const disabled = new Set<string>(config.disabled ?? []);
  const classifiers = [
    ...BUILTIN_CLASSIFIERS.filter((classifier) => !disabled.has(classifier.id)),
    ...compileCustomTypes(config.custom ?? [], options.keyPath ?? 'discovery.sensitive'),
  ];
  const byFirstChar = candidatesByFirstChar(classifiers);
  const profiles = createProfileCache(classifiers);
  const noKey = profiles.get(undefined, undefined);

  const keyOf = (key: string | undefined, parentKey?: string): KeyProfile => (key === undefined ? noKey : profiles.get(key, parentKey));

  function classifyText(profile: KeyProfile, text: string): readonly SensitiveType[] {
    const length = text.length;
    let found: SensitiveType[] | undefined;
    let fallback: SensitiveType | undefined;
    const candidates = profile.hasNamed ? classifiers : byFirstChar[firstCharClass(text.charCodeAt(0))] ?? [];
    for (let index = 0; index < candidates.length; index++) {
      const classifier = candidates[index]!;
      const isKeyMatched = profile.hasNamed && profile.isNamed[index] === 1;
      if (!isKeyMatched && !passesGate(classifier, text, length, profile)) continue;
      if (!classifier.matchValue(text, isKeyMatched)) continue;
      if (classifier.isFallback === true) fallback = classifier.id;
      else (found ??= []).push(classifier.id);
    }
    if (found !== undefined) return found;
    return fallback === undefined ? NONE : [fallback];
  }

  return {
    classify(key, value, parentKey) {
      const text = valueText(value);
      return text === undefined ? NONE : classifyText(keyOf(key, parentKey), text);
    },
    keyOf,
    classifyKeyed(keyed, value) {
      const text = valueText(value);
      return text === undefined ? NONE : classifyText(keyed, text);
    },
    types: classifiers.map((classifier) => classifier.id),
  };
}

function passesGate(classifier: SensitiveClassifier, text: string, length: number, profile: KeyProfile): boolean {
  const gate = classifier.valueGate;
  if (gate === undefined || length < gate.minLength || length > gate.maxLength) return false;
  if ((gate.firstChars & firstCharClass(text.charCodeAt(0))) === 0) return false;
  return !(profile.isIdentifier && classifier.isShapeAmbiguous === true);
}

/** Classifiers with a value gate, by FIRST_CHAR bit: the only ones a value under an unremarkable name can meet. */
function candidatesByFirstChar(classifiers: readonly SensitiveClassifier[]): SensitiveClassifier[][] {
  const table: SensitiveClassifier[][] = [];
  for (let bit = 1; bit <= 16; bit *= 2) {
    table[bit] = classifiers.filter((classifier) => ((classifier.valueGate?.firstChars ?? 0) & bit) !== 0);
  }
  return table;
}

/** The text classifiers see, or undefined for values that cannot hold sensitive data. */
function valueText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (value.length === 0 || value.length > MAX_VALUE_LENGTH) return undefined;
    const isPadded = value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32;
    const text = isPadded ? value.trim() : value;
    return text.length === 0 ? undefined : text;
  }
  // A JSON number is a card number or an SSN as much as a string is, when it is a whole number.
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  if (typeof value === 'bigint') return value >= 0n ? value.toString() : undefined;
  return undefined;
}

interface ProfileCache {
  get(key: string | undefined, parentKey: string | undefined): KeyProfile;
}

function createProfileCache(classifiers: readonly SensitiveClassifier[]): ProfileCache {
  // Two levels (parent, then key) so a lookup builds no combined string.
  const byParent = new Map<string, Map<string, KeyProfile>>();
  let size = 0;
  return {
    get(key = '', parentKey = '') {
      let byKey = byParent.get(parentKey);
      let profile = byKey?.get(key);
      if (profile !== undefined) return profile;
      if (size >= MAX_CACHED_KEYS) {
        byParent.clear();
        size = 0;
        byKey = undefined;
      }
      profile = profileOf(classifiers, key, parentKey);
      if (byKey === undefined) byParent.set(parentKey, (byKey = new Map<string, KeyProfile>()));
      byKey.set(key, profile);
      size++;
      return profile;
    },
  };
}

function profileOf(classifiers: readonly SensitiveClassifier[], key: string, parentKey: string): KeyProfile {
  const hint = keyHint(key, parentKey);
  const isNamed = new Uint8Array(classifiers.length);
  let hasNamed = false;
  if (hint.name !== '') {
    classifiers.forEach((classifier, index) => {
      if (classifier.matchKey?.(hint) === true) {
        isNamed[index] = 1;
        hasNamed = true;
      }
    });
  }
  return { isNamed, hasNamed, isIdentifier: hint.name !== '' && isIdentifierKey(hint) };
}
