import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createConfigAjv } from '../../core/config/schema-validator.js';
import { isBulwarkError } from '../../core/errors.js';
import { createSensitiveClassifier } from './classify.js';
import { sensitiveConfigSchema, type SensitiveConfig } from './config.js';

const validate = createConfigAjv().compile(sensitiveConfigSchema);

describe('sensitive config schema', () => {
  test('fills in defaults: nothing disabled, no custom types', () => {
    const config: Record<string, unknown> = {};
    assert.ok(validate(config), JSON.stringify(validate.errors));
    assert.deepEqual(config, { disabled: [], custom: [] });
  });

  test('accepts built-in ids to disable and well-formed custom types', () => {
    const config = {
      disabled: ['postal-address', 'ip-address'],
      custom: [{ name: 'employee-id', keys: ['employee_id', '*staff*'], valuePattern: 'E[0-9]{6}', description: 'HR identifiers' }],
    };
    assert.ok(validate(config), JSON.stringify(validate.errors));
  });

  test('rejects unknown types, bad names, unknown properties and duplicates in disabled', () => {
    for (const config of [
      { disabled: ['social-media'] },
      { disabled: ['email', 'email'] },
      { custom: [{ name: 'Employee ID', keys: ['x'] }] },
      { custom: [{ name: 'custom:x', keys: ['x'] }] },
      { custom: [{ name: 'x', keys: [] }] },
      { custom: [{ name: 'x', keys: ['x'], pattern: 'x' }] },
      { mask: true },
    ]) {
      assert.equal(validate(config), false, JSON.stringify(config));
    }
  });
});

function configError(config: Partial<SensitiveConfig>): { path: string } | undefined {
  try {
    createSensitiveClassifier(config, { keyPath: 'discovery.sensitive' });
    return undefined;
  } catch (error) {
    assert.ok(isBulwarkError(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    return (error.details as { path: string }[])[0];
  }
}

describe('custom type compilation', () => {
  test('refuses a pattern RE2 cannot compile, naming its key', () => {
    assert.deepEqual(configError({ custom: [{ name: 'a', keys: ['a'] }, { name: 'b', valuePattern: '(unclosed' }] })?.path, 'discovery.sensitive.custom[1].valuePattern');
  });

  test('refuses backreferences and lookaround, which have no linear-time match', () => {
    assert.equal(configError({ custom: [{ name: 'a', valuePattern: '(a)\\1' }] })?.path, 'discovery.sensitive.custom[0].valuePattern');
    assert.equal(configError({ custom: [{ name: 'a', valuePattern: 'a(?=b)' }] })?.path, 'discovery.sensitive.custom[0].valuePattern');
  });

  test('refuses a type with neither keys nor a pattern, and a name declared twice', () => {
    assert.equal(configError({ custom: [{ name: 'a' }] })?.path, 'discovery.sensitive.custom[0]');
    assert.equal(configError({ custom: [{ name: 'a', keys: ['x'] }, { name: 'a', keys: ['y'] }] })?.path, 'discovery.sensitive.custom[1].name');
  });

  test('runs a catastrophic-backtracking pattern in linear time', () => {
    const classifier = createSensitiveClassifier({ custom: [{ name: 'redos', valuePattern: '(a+)+$' }] });
    const started = performance.now();
    assert.deepEqual(classifier.classify(undefined, `${'a'.repeat(1000)}!`), []);
    assert.ok(performance.now() - started < 200);
  });
});
