import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFilterInjection } from './filter-scan.js';

test('finds breakouts, compositions and absolute filters, at the opening parenthesis', () => {
  assert.equal(findFilterInjection('*)(uid=*'), 2);
  assert.equal(findFilterInjection('x(|(cn=a))'), 1);
  assert.equal(findFilterInjection('a)(&)'), 2);
  assert.equal(findFilterInjection('a)(!(&(|'), 2);
  assert.equal(findFilterInjection('a)(cn>=1'), 2);
  assert.equal(findFilterInjection('a)(1.2.840.113556.1.4.803:=2'), 2);
  assert.equal(findFilterInjection('admin)(!(&(1=0)'), 6, 'a number is an attribute inside a composition');
  assert.equal(findFilterInjection('(|(1=1))'), 0);
});

test('ignores parentheses without filter syntax', () => {
  for (const text of ['(see above)', 'f(x)(y)', 'a)(b == c)', 'a)(b => c)', '(a|b)', '(1)(2=3)', 'a)(&x', '(&)', 'x)(cn:bad)=1']) {
    assert.equal(findFilterInjection(text), -1, text);
  }
});
