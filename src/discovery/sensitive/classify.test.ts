import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILTIN_SENSITIVE_TYPES } from './classifier.js';
import { createSensitiveClassifier, MAX_VALUE_LENGTH } from './classify.js';

const JWT = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSIsImFkbWluIjp0cnVlfQ.';

describe('createSensitiveClassifier', () => {
  const classifier = createSensitiveClassifier();

  test('enables every built-in type by default, in registry order', () => {
    assert.deepEqual(classifier.types, [...BUILTIN_SENSITIVE_TYPES]);
  });

  test('classifies by value alone when there is no key', () => {
    assert.deepEqual(classifier.classify(undefined, 'jane@example.com'), ['email']);
    assert.deepEqual(classifier.classify(undefined, '4242 4242 4242 4242'), ['payment-card']);
  });

  test('reads non-negative whole numbers by their digits', () => {
    assert.deepEqual(classifier.classify(undefined, 4111111111111111), ['payment-card']);
    assert.deepEqual(classifier.classify('ssn', 536221234), ['us-ssn']);
    assert.deepEqual(classifier.classify('ssn', 5362212.34), []);
    assert.deepEqual(classifier.classify('ssn', -536221234), []);
    assert.deepEqual(classifier.classify('zip', 94043n), ['postal-address']);
  });

  test('finds nothing in booleans, null, objects, arrays, empty and oversized strings', () => {
    for (const value of [true, null, undefined, { email: 'jane@example.com' }, ['jane@example.com'], '', '   ']) {
      assert.deepEqual(classifier.classify('email', value), [], JSON.stringify(value));
    }
    assert.deepEqual(classifier.classify('password', 'x'.repeat(MAX_VALUE_LENGTH + 1)), []);
  });

  test('trims values before checking them', () => {
    assert.deepEqual(classifier.classify(undefined, '  jane@example.com\n'), ['email']);
  });

  test('returns one shared frozen empty array when nothing is found', () => {
    const first = classifier.classify('name', 'Widget');
    assert.equal(first, classifier.classify('title', 'Gadget'));
    assert.ok(Object.isFrozen(first));
  });

  test('uses the parent key for generic child names', () => {
    assert.deepEqual(classifier.classify('number', '4000056655665556', 'card'), ['payment-card']);
    assert.deepEqual(classifier.classify('line1', 'Flat 2, 10 Downing St', 'billing_address'), ['postal-address']);
    assert.deepEqual(classifier.classify('line1', 'Flat 2, 10 Downing St', 'notes'), []);
  });

  test('skips shape-only checks under identifier names, not checks the name asked for', () => {
    assert.deepEqual(classifier.classify('orderNumber', '4532015112830366'), []);
    assert.deepEqual(classifier.classify('cardNumber', '4532015112830366'), ['payment-card']);
    assert.deepEqual(classifier.classify('nationalId', '536-22-1234'), ['us-ssn']);
  });

  test('reports a generic secret only when nothing more precise matched', () => {
    assert.deepEqual(classifier.classify('accessToken', JWT), ['jwt']);
    assert.deepEqual(classifier.classify('accessToken', '3f2a9c1e-7b4d-4e8a-9f01-2c3d4e5f6a7b'), ['secret']);
  });

  test('reports every type an ambiguous value has under a generic name', () => {
    // Valid under SSA rules and Luhn-valid: a US SSN or a Canadian SIN, the name cannot tell.
    assert.deepEqual(classifier.classify('nationalId', '130194871'), ['us-ssn', 'ca-sin']);
  });

  test('stays correct after its key cache starts over', () => {
    for (let index = 0; index < 10_050; index++) classifier.classify(`field${index}`, 'value');
    assert.deepEqual(classifier.classify('password', 'hunter2'), ['password']);
    assert.deepEqual(classifier.classify('password', 'hunter2', 'user'), ['password']);
  });

  test('does not confuse the same key under different parents', () => {
    assert.deepEqual(classifier.classify('number', '4155552671', 'phone'), ['phone']);
    assert.deepEqual(classifier.classify('number', '4155552671', 'order'), []);
  });
});

describe('configuration', () => {
  test('leaves disabled built-in types out', () => {
    const classifier = createSensitiveClassifier({ disabled: ['email', 'postal-address'] });
    assert.deepEqual(classifier.classify(undefined, 'jane@example.com'), []);
    assert.ok(!classifier.types.includes('email') && !classifier.types.includes('postal-address'));
    assert.deepEqual(classifier.classify(undefined, '4242424242424242'), ['payment-card']);
  });

  test('adds custom types after the built-in ones', () => {
    const classifier = createSensitiveClassifier({
      custom: [
        { name: 'employee-id', keys: ['employee_id', 'staff*'], valuePattern: 'E[0-9]{6}' },
        { name: 'loyalty-number', valuePattern: 'LOY-[A-Z]{2}-[0-9]{8}' },
        { name: 'medical-record', keys: ['mrn'] },
      ],
    });
    assert.deepEqual(classifier.types.slice(-3), ['custom:employee-id', 'custom:loyalty-number', 'custom:medical-record']);
    assert.deepEqual(classifier.classify('employeeId', 'E123456'), ['custom:employee-id']);
    assert.deepEqual(classifier.classify('staffNumber', 'E654321'), ['custom:employee-id']);
    assert.deepEqual(classifier.classify('employeeId', 'X123456'), []);
    assert.deepEqual(classifier.classify('notes', 'E123456'), []);
    assert.deepEqual(classifier.classify(undefined, 'LOY-AB-12345678'), ['custom:loyalty-number']);
    assert.deepEqual(classifier.classify(undefined, 'card LOY-AB-12345678'), []);
    assert.deepEqual(classifier.classify('MRN', '00-42-17'), ['custom:medical-record']);
    assert.deepEqual(classifier.classify('MRN', '[REDACTED]'), []);
  });
});

describe('cost', () => {
  test('stays linear on adversarial values', () => {
    const classifier = createSensitiveClassifier();
    const started = performance.now();
    for (const value of [
      'eyJ'.repeat(5000), `eyJ${'a'.repeat(16_000)}.`, `${'a'.repeat(64)}@${'a'.repeat(10_000)}`, `${'a.'.repeat(7000)}@x`, '1'.repeat(16_000),
      `-----BEGIN ${'A'.repeat(16_000)}`, `${'1 '.repeat(8000)}`, `sk-${'a-'.repeat(7000)}`, ':'.repeat(16_000), `1600 ${'Main '.repeat(3000)}St`,
    ]) {
      for (const key of [undefined, 'address', 'token', 'phone', 'ip']) classifier.classify(key, value);
    }
    assert.ok(performance.now() - started < 500, `${performance.now() - started} ms`);
  });

  test('classifies ordinary values in well under a microsecond on average (loose bound against slow CI)', () => {
    const classifier = createSensitiveClassifier();
    const fields: [string, unknown][] = [
      ['name', 'Widget Pro'], ['status', 'active'], ['sku', 'SKU-48213-XL'], ['id', '550e8400-e29b-41d4-a716-446655440000'],
      ['createdAt', '2024-01-15T10:30:00Z'], ['price', 19.99], ['quantity', 3], ['currency', 'USD'], ['version', '1.2.3'], ['total', 12999],
    ];
    const rounds = 200_000;
    for (let index = 0; index < rounds; index++) classifier.classify(...fields[index % fields.length]!);
    const started = process.hrtime.bigint();
    for (let index = 0; index < rounds; index++) classifier.classify(...fields[index % fields.length]!);
    const perValue = Number(process.hrtime.bigint() - started) / rounds;
    assert.ok(perValue < 5_000, `${perValue.toFixed(0)} ns per value`);
  });
});
