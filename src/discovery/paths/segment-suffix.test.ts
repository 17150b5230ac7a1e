import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSuffix } from './segment-suffix.js';

test('known file extensions split off', () => {
  assert.deepEqual(splitSuffix('123.json'), { base: '123', suffix: '.json' });
  assert.deepEqual(splitSuffix('abc123.PNG'), { base: 'abc123', suffix: '.PNG' });
  assert.deepEqual(splitSuffix('report-2024-01-31.csv'), { base: 'report-2024-01-31', suffix: '.csv' });
  assert.deepEqual(splitSuffix('backup-7.tar.gz'), { base: 'backup-7', suffix: '.tar.gz' });
});

test('dots inside values stay: unknown extensions, versions, emails', () => {
  for (const segment of ['john.doe', '1.2.3', 'v2.1', 'john@example.com', 'archive.tar', 'x.unknownext']) {
    const parts = splitSuffix(segment);
    if (segment === 'archive.tar') assert.deepEqual(parts, { base: 'archive', suffix: '.tar' });
    else assert.deepEqual(parts, { base: segment, suffix: '' }, segment);
  }
});

test('a leading dot or a bare extension is not a suffix', () => {
  assert.deepEqual(splitSuffix('.json'), { base: '.json', suffix: '' });
  assert.deepEqual(splitSuffix('.well-known'), { base: '.well-known', suffix: '' });
  assert.deepEqual(splitSuffix('json'), { base: 'json', suffix: '' });
});

test('Google AIP-136 custom methods split at the last colon', () => {
  assert.deepEqual(splitSuffix('abc123:start'), { base: 'abc123', suffix: ':start' });
  assert.deepEqual(splitSuffix('projects:batchGet'), { base: 'projects', suffix: ':batchGet' });
  assert.deepEqual(splitSuffix('10:30'), { base: '10:30', suffix: '' }, 'a time is not a verb');
  assert.deepEqual(splitSuffix(':start'), { base: ':start', suffix: '' });
});
