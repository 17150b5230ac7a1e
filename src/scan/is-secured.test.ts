import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OperationSpec } from '../contract/index.js';
import { isSecured } from './is-secured.js';

const op = (security: OperationSpec['security']): OperationSpec => ({ method: 'GET', pathTemplate: '/a', basePaths: [''], parameters: [], responses: [], security, deprecated: false, extensions: {}, pointer: '' });

test('secured: requirements, none of them anonymous', () => {
  assert.equal(isSecured(op([{ bearer: [] }])), true);
  assert.equal(isSecured(op([{ bearer: [] }, { apiKey: [] }])), true);
  assert.equal(isSecured(op([])), false, 'no requirement');
  assert.equal(isSecured(op([{ bearer: [] }, {}])), false, 'anonymous is one of the alternatives');
});
