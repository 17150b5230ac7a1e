import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperationSpec } from './api-model.js';
import { ruleModesFor, type RuleMode } from './rule-modes.js';

type Rule = 'unknown-query' | 'body-invalid';
const CONFIGURED: Record<Rule, RuleMode> = { 'unknown-query': 'enforce', 'body-invalid': 'enforce' };

function op(extensions: Record<string, unknown> = {}, operationId?: string): OperationSpec {
  return {
    method: 'GET', pathTemplate: '/items/{id}', basePaths: [''], parameters: [], responses: [], security: [], deprecated: false, extensions, pointer: '',
    ...(operationId === undefined ? {} : { operationId }),
  };
}

describe('ruleModesFor', () => {
  it('starts from the stage config', () => {
    assert.deepEqual(ruleModesFor(op(), 'contract', CONFIGURED, {}), CONFIGURED);
  });

  it('applies x-bulwark-rules with full rule ids of this stage only, ignoring junk', () => {
    const modes = ruleModesFor(op({ 'x-bulwark-rules': { 'contract.unknown-query': 'off', 'contract-response.body-invalid': 'off', 'contract.nope': 'off', 'contract.body-invalid': 'sometimes' } }), 'contract', CONFIGURED, {});
    assert.deepEqual(modes, { 'unknown-query': 'off', 'body-invalid': 'enforce' });
    const response = ruleModesFor(op({ 'x-bulwark-rules': { 'contract-response.body-invalid': 'monitor' } }), 'contract-response', CONFIGURED, {});
    assert.equal(response['body-invalid'], 'monitor');
  });

  it('lets config overrides by operationId or "METHOD /path" beat the document', () => {
    const documented = op({ 'x-bulwark-rules': { 'contract.unknown-query': 'off' } }, 'getItem');
    assert.equal(ruleModesFor(documented, 'contract', CONFIGURED, { getItem: { rules: { 'unknown-query': 'monitor' } } })['unknown-query'], 'monitor');
    assert.equal(ruleModesFor(documented, 'contract', CONFIGURED, { 'GET /items/{id}': { rules: { 'unknown-query': 'enforce' } } })['unknown-query'], 'enforce');
  });

  it('does not read inherited keys as overrides', () => {
    assert.deepEqual(ruleModesFor(op({}, 'constructor'), 'contract', CONFIGURED, {}), CONFIGURED);
    assert.deepEqual(ruleModesFor(op({}, 'toString'), 'contract', CONFIGURED, {}), CONFIGURED);
  });

  it('does not change the stage config it starts from', () => {
    const configured = { ...CONFIGURED };
    ruleModesFor(op({ 'x-bulwark-rules': { 'contract.unknown-query': 'off' } }), 'contract', configured, {});
    assert.deepEqual(configured, CONFIGURED);
  });
});
