import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { SCAN_CHECKS } from './registry.js';

test('every check is registered once, with an id `<category>.<name>` matching its folder', () => {
  const ids = SCAN_CHECKS.map((check) => check.id);
  assert.equal(new Set(ids).size, ids.length, 'unique ids');
  for (const check of SCAN_CHECKS) {
    assert.match(check.id, /^[a-z0-9]+\.[a-z0-9-]+$/);
    assert.equal(check.id.split('.')[0], check.category.toLowerCase(), `${check.id} is in its category`);
  }
  const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  for (const folder of folders) {
    const units = readdirSync(new URL(`./${folder}/`, import.meta.url)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    const registered = ids.filter((id) => id.startsWith(`${folder}.`)).length;
    assert.ok(registered > 0 || units.length === 0, `${folder}/ has checks that are not registered`);
  }
});
