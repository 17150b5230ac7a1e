import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrafficSample } from '../../core/types.js';
import { createSensitiveClassifier } from '../sensitive/index.js';
import { createRecord, DEFAULT_RECORD_LIMITS, observeSample, SETTLED_AFTER, shouldLearnBody, type RecordDeps } from './operation-record.js';
import { recordView } from './record-view.js';

const deps: RecordDeps = { classifier: createSensitiveClassifier(), limits: DEFAULT_RECORD_LIMITS };

function sample(value: unknown): TrafficSample {
  return { requestId: 'r', time: '2026-11-29T10:00:00.000Z', route: '', method: 'GET', path: '/a', status: 200, durationMs: 1, requestHeaders: {}, responseHeaders: {}, responseBody: { contentType: 'application/json', size: 1, value } };
}

test('bodies are learned while the schema grows, then one in 4, 16, 64', () => {
  const learned = (from: number, to: number): number => Array.from({ length: to - from + 1 }, (_, index) => from + index).filter((count) => shouldLearnBody(count, SETTLED_AFTER)).length;
  assert.equal(shouldLearnBody(5_000, SETTLED_AFTER - 1), true, 'not settled: every body');
  assert.equal(learned(1, 1000), 250);
  assert.equal(learned(1001, 10_000), 563);
  assert.equal(learned(10_001, 20_000), 156);
});

test('a settled schema is sampled; a body with a new field starts full learning again', () => {
  const record = createRecord('h', 'GET', '/a', deps, '2026-11-29T10:00:00.000Z');
  for (let index = 0; index < SETTLED_AFTER; index++) observeSample(record, sample({ id: index }), {}, deps);
  const slot = [...record.responses.values()][0]!;
  assert.equal(slot.quiet, SETTLED_AFTER - 1, 'the first body brought the fields');
  observeSample(record, sample({ id: 1 }), {}, deps);
  assert.equal(slot.quiet, SETTLED_AFTER, 'settled');
  let skipped = 0;
  for (let index = 0; index < 8; index++) {
    const before = slot.learner?.count;
    observeSample(record, sample({ id: index }), {}, deps);
    if (slot.learner?.count === before) skipped++;
  }
  assert.equal(skipped, 6, 'one body in 4 learned');
  const quiet = (): number | undefined => slot.quiet;
  for (let index = 0; index < 4 && quiet() !== 0; index++) observeSample(record, sample({ id: 3, extra: true }), {}, deps);
  assert.equal(slot.quiet, 0, 'a sampled body had a new field');
  observeSample(record, sample({ id: 4 }), {}, deps);
  assert.equal(slot.quiet, 1, 'learned again at once');
});

test('calls stay exact while bodies are sampled, and a field that appears late is still learned', () => {
  const record = createRecord('h', 'GET', '/a', deps, '2026-11-29T10:00:00.000Z');
  for (let index = 0; index < 3000; index++) observeSample(record, sample(index < 2000 ? { id: index } : { id: index, late: 'x' }), {}, deps);
  const view = recordView(record);
  assert.equal(view.calls, 3000);
  assert.equal(view.responses[0]!.calls, 3000);
  const schema = view.responses[0]!.schema as { properties: Record<string, unknown>; required?: string[] };
  assert.deepEqual(Object.keys(schema.properties), ['id', 'late']);
  assert.deepEqual(schema.required, ['id'], 'the late field is optional: not in every body learned');
});
