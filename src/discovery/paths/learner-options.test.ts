import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PATH_LEARNER_DEFAULTS, settingsOf } from './learner-options.js';

test('defaults fill what is missing; numbers are floored and at least 1', () => {
  assert.deepEqual(settingsOf({}), { ...PATH_LEARNER_DEFAULTS });
  const settings = settingsOf({ minDistinctValues: 3.7, maxNodes: 0, cacheSize: Number.NaN, maxSegments: Infinity });
  assert.equal(settings.minDistinctValues, 3);
  assert.equal(settings.maxNodes, 1);
  assert.equal(settings.cacheSize, PATH_LEARNER_DEFAULTS.cacheSize);
  assert.equal(settings.maxSegments, PATH_LEARNER_DEFAULTS.maxSegments);
});
