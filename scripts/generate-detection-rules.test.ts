// Drift check for docs/detection-rules.md: it must be exactly what the generator renders from the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ALL_DETECTION_RULES } from '../src/detect/index.js';
import { OUTPUT_FILE, renderDetectionRules } from './generate-detection-rules.js';

test('docs/detection-rules.md matches the detector registry', () => {
  let actual = '';
  try {
    actual = readFileSync(OUTPUT_FILE, 'utf8');
  } catch {
    assert.fail('docs/detection-rules.md is missing: run `npm run docs:rules`');
  }
  assert.ok(actual === renderDetectionRules(), 'docs/detection-rules.md is out of date: run `npm run docs:rules`');
});

test('the rendered list names every rule once', () => {
  const rendered = renderDetectionRules();
  for (const rule of ALL_DETECTION_RULES) assert.equal(rendered.split(`| \`${rule.id}\` |`).length, 2, rule.id);
});
