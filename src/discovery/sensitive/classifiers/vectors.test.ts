// Runs every `<classifier>.vectors.json` through the full classifier (gates, key profiles and
// fallbacks included): each case says whether its type must be among the types reported.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSensitiveClassifier } from '../classify.js';
import { maskSample } from '../mask.js';
import { BUILTIN_CLASSIFIERS } from './registry.js';

interface VectorCase {
  key?: string;
  parent?: string;
  value: unknown;
  match: boolean;
  why: string;
}

interface VectorFile {
  classifier: string;
  cases: VectorCase[];
}

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((name) => name.endsWith('.vectors.json')).sort();
const classifier = createSensitiveClassifier();

test('every built-in classifier has a vectors file with positives and decoys', () => {
  const ids = BUILTIN_CLASSIFIERS.map((entry) => entry.id).sort();
  assert.deepEqual(files.map((name) => name.replace('.vectors.json', '')), ids);
});

for (const name of files) {
  const vectors = JSON.parse(readFileSync(join(here, name), 'utf8')) as VectorFile;
  describe(`${vectors.classifier} vectors`, () => {
    test('name the classifier of their file and hold both kinds of case', () => {
      assert.equal(`${vectors.classifier}.vectors.json`, name);
      assert.ok(vectors.cases.some((entry) => entry.match) && vectors.cases.some((entry) => !entry.match));
    });

    for (const entry of vectors.cases) {
      const label = `${entry.match ? 'finds' : 'ignores'} ${entry.why}`;
      test(label, () => {
        const types = classifier.classify(entry.key, entry.value, entry.parent);
        assert.equal(types.includes(vectors.classifier as never), entry.match, `${JSON.stringify(entry.value)} → [${types.join(', ')}]`);
        // Body walks classify through a key handle made once per location: the same verdict.
        assert.deepEqual(classifier.classifyKeyed(classifier.keyOf(entry.key, entry.parent), entry.value), types);
        // A masked sample never repeats a positive in full.
        if (entry.match && typeof entry.value === 'string' && entry.value.length > 4) {
          assert.ok(!maskSample(vectors.classifier as never, entry.value).includes(entry.value.trim()));
        }
      });
    }
  });
}
