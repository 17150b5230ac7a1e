import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SENSITIVE_TYPES } from '../classifier.js';
import { BUILTIN_CLASSIFIERS } from './registry.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Files of this folder that are not classifiers. */
const SUPPORT_FILES = new Set(['registry.ts', 'national-id-keys.ts']);

describe('classifier registry', () => {
  test('registers every classifier file once, named after its id', () => {
    const files = readdirSync(here).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !SUPPORT_FILES.has(name)).map((name) => name.slice(0, -3)).sort();
    assert.deepEqual(BUILTIN_CLASSIFIERS.map((classifier) => classifier.id).sort(), files);
  });

  test('has unique ids, in the order of BUILTIN_SENSITIVE_TYPES', () => {
    const ids = BUILTIN_CLASSIFIERS.map((classifier) => classifier.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, [...BUILTIN_SENSITIVE_TYPES]);
  });

  test('gives every classifier a description and a way in (a key rule or a value gate)', () => {
    for (const classifier of BUILTIN_CLASSIFIERS) {
      assert.ok(classifier.description.length > 10, classifier.id);
      assert.ok(classifier.matchKey !== undefined || classifier.valueGate !== undefined, classifier.id);
      if (classifier.valueGate) assert.ok(classifier.valueGate.minLength <= classifier.valueGate.maxLength, classifier.id);
    }
  });
});
