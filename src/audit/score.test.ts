import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPenalty, scoreOf } from './score.js';

describe('audit score', () => {
  it('is 100 with no findings, in both parts', () => {
    assert.deepEqual(scoreOf([]), { total: 100, security: 100, validation: 100 });
    assert.deepEqual(scoreOf([{ part: 'security', severity: 'critical', findings: 0 }]), { total: 100, security: 100, validation: 100 });
  });

  it('costs a check its severity penalty, growing with the log of its findings up to three times', () => {
    assert.equal(checkPenalty('critical', 1), 20);
    assert.equal(checkPenalty('critical', 10), 40);
    assert.equal(checkPenalty('critical', 100), 60);
    assert.equal(checkPenalty('critical', 100_000), 60);
    assert.equal(checkPenalty('info', 50), 0);
    assert.equal(checkPenalty('low', 1), 1.5);
  });

  it('weighs security 0.6 and validation 0.4, and never goes below 0', () => {
    assert.deepEqual(scoreOf([{ part: 'security', severity: 'high', findings: 1 }]), { total: 94, security: 90, validation: 100 });
    assert.deepEqual(scoreOf([{ part: 'validation', severity: 'medium', findings: 10 }]), { total: 97, security: 100, validation: 92 });
    const disaster = Array.from({ length: 5 }, () => ({ part: 'security' as const, severity: 'critical' as const, findings: 1000 }));
    assert.deepEqual(scoreOf(disaster), { total: 40, security: 0, validation: 100 });
  });
});
