// Drift check for docs/configuration.md: it must be exactly what the generator renders from the schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GatewayConfigSchema, STAGES } from '../src/gateway/index.js';
import { GENERATED_LINE, OUTPUT_FILE, renderConfigReference } from './generate-config-reference.js';

function firstDifference(actual: string, expected: string): string {
  const actualLines = actual.split('\n');
  const expectedLines = expected.split('\n');
  for (let index = 0; index < Math.max(actualLines.length, expectedLines.length); index++) {
    if (actualLines[index] !== expectedLines[index]) {
      return `line ${index + 1}: file has ${JSON.stringify(actualLines[index] ?? '(end of file)')}, schema gives ${JSON.stringify(expectedLines[index] ?? '(end of file)')}`;
    }
  }
  return 'no line differs';
}

test('docs/configuration.md matches the schema', () => {
  let actual: string;
  try {
    actual = readFileSync(OUTPUT_FILE, 'utf8');
  } catch {
    assert.fail('docs/configuration.md is missing: run `npm run docs:config`');
  }
  const expected = renderConfigReference();
  if (actual !== expected) {
    assert.fail(`docs/configuration.md is out of date: run \`npm run docs:config\` (${firstDifference(actual, expected)})`);
  }
});

test('the reference starts with the generated-file line and is deterministic', () => {
  const rendered = renderConfigReference();
  assert.equal(rendered.split('\n')[0], GENERATED_LINE);
  assert.equal(renderConfigReference(), rendered);
});

test('the reference has a section for every top-level key and every stage', () => {
  const headings = new Set(renderConfigReference().split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3)));
  for (const key of Object.keys(GatewayConfigSchema.properties)) {
    if (key === 'stages') continue;
    assert.ok(headings.has(key) || headings.has(`${key}[]`), `no section for ${key}`);
  }
  for (const stage of STAGES) assert.ok(headings.has(`stages.${stage.name}`), `no section for stages.${stage.name}`);
});

test('units are shown as duration and size, never as the raw JSON Schema type', () => {
  const rendered = renderConfigReference();
  assert.match(rendered, /\| `server\.timeouts\.headers` \| duration \| `10s` \|/);
  assert.match(rendered, /\| `server\.maxHeaderBytes` \| size \| `16kb` \|/);
  assert.doesNotMatch(rendered, /number or string/);
});
