import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValueDetector } from './detector.js';
import { createDetectionEngine } from './engine.js';
import type { InspectRequest } from './request.js';
import { ANY_CHAR, profileOf } from './text-profile.js';
import { OWASP, type DetectionRule } from './rule.js';

function jsonRequest(value: unknown): InspectRequest {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  return { method: 'POST', path: '/', query: '', rawHeaders: [], body: { mediaType: 'application/json', contentType: 'application/json', bytes } };
}

const MARK: DetectionRule = { id: 'test.mark', attackClass: 'sqli', title: 'marked text', owasp: OWASP.injection, severity: 'critical', paranoia: 1 };

/** A detector that records every string it is shown and reports the ones holding `!mark`. */
function recordingDetector(options: { keyDependsOnLocation?: (key: string) => boolean } = {}): { detector: ValueDetector; seen: string[] } {
  const seen: string[] = [];
  const detector: ValueDetector = {
    name: 'recording',
    triggers: ANY_CHAR,
    rules: [MARK],
    detect(text, _field, _paranoia, found, profile) {
      assert.equal(profile, profileOf(text), `the profile handed over for ${JSON.stringify(text)}`);
      seen.push(text);
      if (text.includes('!mark')) found.push({ rule: MARK, fragment: text });
    },
    ...options,
  };
  return { detector, seen };
}

describe('detection engine: remembered JSON keys', () => {
  it('inspects a key that matched nothing once, then skips it in later requests; values are always inspected', () => {
    const { detector, seen } = recordingDetector();
    const engine = createDetectionEngine({ detectors: { values: [detector], requests: [] } });
    engine.inspect(jsonRequest({ status: 'open', customer: { name: 'Ann' } }));
    assert.deepEqual(seen, ['status', 'open', 'customer', 'name', 'Ann']);
    seen.length = 0;
    engine.inspect(jsonRequest({ status: 'closed', customer: { name: 'Bob' }, extra: 'x' }));
    assert.deepEqual(seen, ['closed', 'Bob', 'extra', 'x']);
  });

  it('never remembers a key that matched, so it is reported every time', () => {
    const { detector } = recordingDetector();
    const engine = createDetectionEngine({ detectors: { values: [detector], requests: [] } });
    for (let round = 0; round < 3; round++) {
      const inspection = engine.inspect(jsonRequest({ 'a!mark': 1 }));
      assert.equal(inspection.blocked, true, `round ${round}`);
      assert.equal(inspection.findings[0]?.location, 'body.$["a!mark"]#name');
    }
  });

  it('does not remember a key a detector says can depend on where it sits', () => {
    const { detector, seen } = recordingDetector({ keyDependsOnLocation: (key) => key === 'where' });
    const engine = createDetectionEngine({ detectors: { values: [detector], requests: [] } });
    engine.inspect(jsonRequest({ where: 1, plain: 2 }));
    engine.inspect(jsonRequest({ where: 1, plain: 2 }));
    assert.deepEqual(seen, ['where', 'plain', 'where']);
  });

  it('forgets everything once the set is full, so endless new keys cost memory only up to a bound', () => {
    const { detector, seen } = recordingDetector();
    const engine = createDetectionEngine({ detectors: { values: [detector], requests: [] } });
    for (let index = 0; index <= 4096; index++) engine.inspect(jsonRequest({ [`k${index}`]: 1 }));
    seen.length = 0;
    engine.inspect(jsonRequest({ k0: 1, k4096: 1 }));
    assert.deepEqual(seen, ['k0']);
  });

  it('still finds constructor.prototype after a harmless `prototype` key was seen elsewhere (real detectors)', () => {
    const engine = createDetectionEngine();
    assert.equal(engine.inspect(jsonRequest({ shape: { prototype: { colour: 'red' } } })).blocked, false);
    const attack = engine.inspect(jsonRequest({ constructor: { prototype: { isAdmin: true } } }));
    assert.equal(attack.blocked, true);
    assert.ok(attack.findings.some((finding) => finding.ruleId === 'prototype-pollution.constructor-prototype'));
    // The same holds for a key a strip-once filter turns into `prototype`.
    assert.equal(engine.inspect(jsonRequest({ shape: { proto__proto__type: 1 } })).blocked, false);
    assert.equal(engine.inspect(jsonRequest({ constructor: { proto__proto__type: { isAdmin: true } } })).blocked, true);
  });

  it('remembers keys only for this engine: another engine inspects them afresh', () => {
    const first = recordingDetector();
    const second = recordingDetector();
    createDetectionEngine({ detectors: { values: [first.detector], requests: [] } }).inspect(jsonRequest({ id: 'a' }));
    createDetectionEngine({ detectors: { values: [second.detector], requests: [] } }).inspect(jsonRequest({ id: 'a' }));
    assert.deepEqual(second.seen, ['id', 'a']);
  });
});
