// The vector tests the detectors share, for the two shapes of `<class>.vectors.json`, run the way the
// engine runs a detector, trigger gate included (runDetector). A test helper: imported by detector
// tests only.
// - vectorSuite: each attack yields exactly its rules at its paranoia level; each benign text is
//   silent at paranoia 1 and, when it lists them, matches only its `paranoia2` rules at level 2.
// - scoredVectorSuite: each attack yields exactly its rules, and at paranoia 1 blocks on its own
//   (score >= 5), while one of a higher level matches nothing at 1; each benign value matches nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Detection, ValueDetector } from '../detector.js';
import type { FieldKind, FieldSource, InputField } from '../field.js';
import { SEVERITY_SCORE, type Paranoia } from '../rule.js';
import { runDetector } from './run-detector.js';

/** `value`: the raw value when it differs from the text inspected (a percent-encoded header the normalisers decoded). */
export interface VectorField { kind?: FieldKind; source?: FieldSource; name?: string; isName?: boolean; value?: string }

export interface VectorFile {
  defaultField: VectorField;
  attacks: { text: string; rules: string[]; field?: VectorField; paranoia?: Paranoia; note?: string }[];
  benign: { text: string; field?: VectorField; paranoia2?: string[]; note?: string }[];
}

export interface VectorSuite {
  readonly vectors: VectorFile;
  /** A field from the file's defaultField and `overrides`, with `value` unless the overrides set one. */
  readonly fieldOf: (overrides?: VectorField, value?: string) => InputField;
  /** Runs the detector on `text` as the field's value (a field built without one gets `text`). */
  readonly detect: (text: string, field: InputField, paranoia: Paranoia) => Detection[];
}

export interface VectorSuiteOptions {
  /** The fewest attack and benign vectors the file must hold. */
  readonly minAttacks: number;
  readonly minBenign: number;
  /** Used where neither the file's defaultField nor a vector names them. */
  readonly fallback: { readonly kind: FieldKind; readonly source: FieldSource; readonly name: string };
}

export const ruleIds = (found: readonly Detection[]): string[] => found.map((detection) => detection.rule.id).sort();

/** Loads `file` and registers the attack and benign vector tests; returns what the detector's own tests use. */
export function vectorSuite(detector: ValueDetector, file: URL, options: VectorSuiteOptions): VectorSuite {
  const vectors = JSON.parse(readFileSync(file, 'utf8')) as VectorFile;
  const { fallback } = options;

  const fieldOf = (overrides: VectorField = {}, value = ''): InputField => {
    const merged = { ...vectors.defaultField, ...overrides };
    const name = merged.name ?? fallback.name;
    return {
      kind: merged.kind ?? fallback.kind, source: merged.source ?? fallback.source, location: `test.${name}`, name,
      isName: merged.isName ?? false, value: merged.value ?? value,
    };
  };

  const detect = (text: string, field: InputField, paranoia: Paranoia): Detection[] => {
    const found: Detection[] = [];
    runDetector(detector, text, field.value === '' ? { ...field, value: text } : field, paranoia, found);
    return found;
  };

  test('attack vectors: each yields exactly its rules at its paranoia level', () => {
    assert.ok(vectors.attacks.length >= options.minAttacks);
    const failures = vectors.attacks
      .map((vector) => ({ text: vector.text, expected: [...vector.rules].sort(), got: ruleIds(detect(vector.text, fieldOf(vector.field, vector.text), vector.paranoia ?? 1)) }))
      .filter((result) => JSON.stringify(result.expected) !== JSON.stringify(result.got));
    assert.deepEqual(failures, []);
  });

  test('benign vectors: silent at paranoia 1, and only the listed rules at paranoia 2', () => {
    assert.ok(vectors.benign.length >= options.minBenign);
    const failures = vectors.benign.flatMap((vector) => {
      const field = fieldOf(vector.field, vector.text);
      const atOne = ruleIds(detect(vector.text, field, 1));
      const atTwo = ruleIds(detect(vector.text, field, 2));
      const problems = atOne.length > 0 ? [{ text: vector.text, paranoia: 1, got: atOne }] : [];
      if (vector.paranoia2 !== undefined && JSON.stringify(atTwo) !== JSON.stringify([...vector.paranoia2].sort())) {
        problems.push({ text: vector.text, paranoia: 2, got: atTwo });
      }
      return problems;
    });
    assert.deepEqual(failures, []);
  });

  return { vectors, fieldOf, detect };
}

export interface ScoredVector {
  readonly name: string;
  readonly value: string;
  readonly field?: Partial<InputField>;
  /** Every rule the vector must match at its paranoia, and no others. */
  readonly rules?: readonly string[];
  readonly paranoia?: Paranoia;
}

export interface ScoredVectorSuite {
  readonly vectors: { readonly attacks: readonly ScoredVector[]; readonly benign: readonly ScoredVector[] };
  /** Runs the detector on `value` as the suite's field (with `field`'s overrides). */
  readonly detect: (value: string, field?: Partial<InputField>, paranoia?: Paranoia) => Detection[];
}

/** Loads `file` and registers the attack and benign tests; `field` is where the values sit unless a vector says otherwise. */
export function scoredVectorSuite(detector: ValueDetector, file: URL, options: { minAttacks: number; minBenign: number; field: InputField }): ScoredVectorSuite {
  const vectors = JSON.parse(readFileSync(file, 'utf8')) as ScoredVectorSuite['vectors'];

  const detect = (value: string, field: Partial<InputField> = {}, paranoia: Paranoia = 1): Detection[] => {
    const found: Detection[] = [];
    runDetector(detector, value, { ...options.field, ...field, value }, paranoia, found);
    return found;
  };

  test('attack vectors match exactly their rules, and block on their own at paranoia 1', () => {
    assert.ok(vectors.attacks.length >= options.minAttacks);
    for (const vector of vectors.attacks) {
      const paranoia = vector.paranoia ?? 1;
      const found = detect(vector.value, vector.field, paranoia);
      assert.deepEqual(ruleIds(found), [...(vector.rules ?? [])].sort(), vector.name);
      if (paranoia === 1) {
        const score = found.reduce((sum, detection) => sum + SEVERITY_SCORE[detection.rule.severity], 0);
        assert.ok(score >= 5, `${vector.name}: score ${score}`);
      } else {
        assert.deepEqual(ruleIds(detect(vector.value, vector.field, 1)), [], `${vector.name}: nothing at paranoia 1`);
      }
    }
  });

  test('benign vectors match nothing at paranoia 1', () => {
    assert.ok(vectors.benign.length >= options.minBenign);
    for (const vector of vectors.benign) assert.deepEqual(ruleIds(detect(vector.value, vector.field)), [], vector.name);
  });

  return { vectors, detect };
}
