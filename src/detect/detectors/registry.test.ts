import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ALL_DETECTION_RULES, REQUEST_DETECTORS, VALUE_DETECTORS } from './registry.js';

const here = dirname(fileURLToPath(import.meta.url));
const RULE_ID = /^[a-z-]+\.[a-z0-9-]+$/;
// Rule id prefixes that differ from the attack class name.
const PREFIX_OF_CLASS: Record<string, string> = { ldapi: 'ldap' };

describe('detector registry', () => {
  it('registers every detector folder exactly once', () => {
    const folders = readdirSync(here)
      .filter((entry) => statSync(join(here, entry)).isDirectory())
      .sort();
    const names = [...VALUE_DETECTORS, ...REQUEST_DETECTORS].map((detector) => detector.name).sort();
    assert.deepEqual(names, folders);
  });

  it('gives every rule a unique, well-formed id that starts with its class', () => {
    const seen = new Set<string>();
    for (const rule of ALL_DETECTION_RULES) {
      assert.match(rule.id, RULE_ID, rule.id);
      assert.ok(!seen.has(rule.id), `duplicate rule id ${rule.id}`);
      seen.add(rule.id);
      const prefix = rule.id.slice(0, rule.id.indexOf('.'));
      assert.equal(prefix, PREFIX_OF_CLASS[rule.attackClass] ?? rule.attackClass, rule.id);
      assert.ok(rule.title.length > 0 && rule.owasp.length > 0, rule.id);
    }
  });

  it('has at least one paranoia-1 rule for every detector', () => {
    for (const detector of [...VALUE_DETECTORS, ...REQUEST_DETECTORS]) {
      assert.ok(
        detector.rules.some((rule) => rule.paranoia === 1),
        `${detector.name} has no rule on by default`,
      );
    }
  });
});
