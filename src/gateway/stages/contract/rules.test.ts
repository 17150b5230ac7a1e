// Drift between the contract stage's configurable rule modes (CONTRACT_RULE_DEFAULTS) and its
// described rules (CONTRACT_RULES): every mode has a description with the `contract.` prefix and
// every description has a mode, so no rule is documented but unconfigurable, or the reverse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contractStage } from './index.js';
import { CONTRACT_RULES } from './rules.js';
import { CONTRACT_RULE_DEFAULTS } from './schema.js';

const PREFIX = 'contract.';

test('every rule mode in CONTRACT_RULE_DEFAULTS has a described rule contract.<name>', () => {
  const described = new Set(CONTRACT_RULES.map((rule) => rule.id));
  const missing = Object.keys(CONTRACT_RULE_DEFAULTS).filter((name) => !described.has(`${PREFIX}${name}`));
  assert.deepEqual(missing, [], `add these to CONTRACT_RULES: ${missing.join(', ')}`);
});

test('every described rule has the contract. prefix and a mode in CONTRACT_RULE_DEFAULTS', () => {
  for (const rule of CONTRACT_RULES) assert.ok(rule.id.startsWith(PREFIX), `${rule.id} must start with "${PREFIX}"`);
  const configurable = new Set(Object.keys(CONTRACT_RULE_DEFAULTS));
  const missing = CONTRACT_RULES.map((rule) => rule.id.slice(PREFIX.length)).filter((name) => !configurable.has(name));
  assert.deepEqual(missing, [], `add these to CONTRACT_RULE_DEFAULTS: ${missing.join(', ')}`);
});

test('rule ids are unique, defaults are valid modes, and the stage reports exactly these rules', () => {
  const ids = CONTRACT_RULES.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length, 'a rule is described twice');
  assert.equal(ids.length, Object.keys(CONTRACT_RULE_DEFAULTS).length);
  for (const [name, mode] of Object.entries(CONTRACT_RULE_DEFAULTS)) assert.ok(['enforce', 'monitor', 'off'].includes(mode), `${name}: ${mode}`);
  assert.equal(contractStage.rules, CONTRACT_RULES);
});
