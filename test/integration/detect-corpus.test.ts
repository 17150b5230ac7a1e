// The detection corpus at the default paranoia: every case must get the verdict it expects unless it is
// a known miss listed in test/corpus/overrides.json, and every listed miss must still be a miss (so the
// overrides file never hides a fixed case). Rates and timings are bench/detect.ts's job.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDetectionEngine } from '../../src/detect/index.js';
import { describeOutcome, evaluateCase, loadOverrides, type CaseOutcome } from '../corpus/evaluate.js';
import { loadCorpus } from '../corpus/generate.js';

const corpus = loadCorpus();
const overrides = loadOverrides();
// No time budget: the verdicts must not depend on how loaded the machine is (the budget has its own tests).
const engine = createDetectionEngine({ budgetMs: Number.POSITIVE_INFINITY });
const outcomes: CaseOutcome[] = corpus.map((corpusCase) => evaluateCase(engine, corpusCase));

test('every corpus case gets its expected verdict at paranoia 1, or is a known miss in overrides.json', () => {
  const unexpected = outcomes.filter((outcome) => !outcome.isCorrect && !overrides.has(outcome.corpusCase.id));
  const falseNegatives = unexpected.filter((outcome) => outcome.corpusCase.expect === 'attack').length;
  assert.deepEqual(unexpected.map(describeOutcome), [],
    `${unexpected.length} of ${outcomes.length} cases differ from their expectation (${falseNegatives} attacks passed, ${unexpected.length - falseNegatives} benign blocked)`);
});

test('every override names a corpus case that still misses', () => {
  const byId = new Map(outcomes.map((outcome) => [outcome.corpusCase.id, outcome]));
  const stale = [...overrides.keys()].filter((id) => byId.get(id)?.isCorrect !== false).map((id) => (byId.has(id) ? `${id}: now correct, remove it` : `${id}: no such case`));
  assert.deepEqual(stale, []);
});
