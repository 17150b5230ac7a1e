import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as paths from './index.js';

test('the public surface is the learner, its defaults and segment classification', () => {
  assert.deepEqual(Object.keys(paths).sort(), ['PATH_LEARNER_DEFAULTS', 'SEGMENT_KINDS', 'classifySegment', 'createPathLearner', 'isIdShape']);
  const learner = paths.createPathLearner();
  assert.equal(learner.learn('GET', '/orders/7').template, '/orders/{order}');
});
