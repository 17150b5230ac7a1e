import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileCustomType, compileKeyGlob } from './custom.js';
import { keyHint } from './key-hint.js';

describe('compileKeyGlob', () => {
  test('compares exact names normalised', () => {
    const glob = compileKeyGlob('Employee_ID');
    assert.ok(glob('employeeid'));
    assert.equal(glob('employeeidhash'), false);
  });

  test('matches `*` as any run of characters, in order, without overlap', () => {
    assert.ok(compileKeyGlob('*iban*')('payeeibannumber'));
    assert.ok(compileKeyGlob('staff*')('staffnumber'));
    assert.ok(compileKeyGlob('*-no')('policyno'));
    assert.ok(compileKeyGlob('a*b*c')('axxbyyc'));
    assert.equal(compileKeyGlob('a*b*c')('acb'), false);
    assert.equal(compileKeyGlob('ab*ba')('aba'), false);
  });
});

describe('compileCustomType', () => {
  test('needs the key and the whole value to match when it has both', () => {
    const classifier = compileCustomType({ name: 'emp', keys: ['employeeId'], valuePattern: 'E[0-9]{3}' }, 'x');
    assert.equal(classifier.id, 'custom:emp');
    assert.equal(classifier.matchKey?.(keyHint('employee_id')), true);
    assert.equal(classifier.valueGate, undefined);
    assert.equal(classifier.matchValue('E123', true), true);
    assert.equal(classifier.matchValue('E1234', true), false);
    assert.equal(classifier.matchValue('E123', false), false);
  });

  test('checks every value when it has a pattern only', () => {
    const classifier = compileCustomType({ name: 'loyalty', valuePattern: 'LOY-[0-9]{4}' }, 'x');
    assert.equal('matchKey' in classifier, false);
    assert.ok(classifier.valueGate);
    assert.equal(classifier.matchValue('LOY-1234', false), true);
  });

  test('takes any real value under its keys when it has keys only', () => {
    const classifier = compileCustomType({ name: 'mrn', keys: ['mrn'], description: 'Medical record number' }, 'x');
    assert.equal(classifier.description, 'Medical record number');
    assert.equal(classifier.matchValue('00-42-17', true), true);
    assert.equal(classifier.matchValue('N/A', true), false);
  });
});
